import { appRoute, searchOf } from "@/views/app-route";
import { fundPage } from "@/views/fund";

const route = appRoute(fundPage, searchOf);
export const generateMetadata = route.generateMetadata;
export default route.Page;
