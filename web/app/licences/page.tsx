import { appRoute, searchOf } from "@/views/app-route";
import { licencesPage } from "@/views/licences";

const route = appRoute(licencesPage, searchOf);
export const generateMetadata = route.generateMetadata;
export default route.Page;
