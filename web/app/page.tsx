import { appRoute, searchOf } from "@/views/app-route";
import { homePage } from "@/views/home";

const route = appRoute(homePage, searchOf);
export const generateMetadata = route.generateMetadata;
export default route.Page;
