import { appRoute, searchOf } from "@/views/app-route";
import { worksPage } from "@/views/works";

const route = appRoute(worksPage, searchOf);
export const generateMetadata = route.generateMetadata;
export default route.Page;
