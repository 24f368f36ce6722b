import { appRoute, searchOf } from "@/views/app-route";
import { proposalsPage } from "@/views/proposals";

const route = appRoute(proposalsPage, searchOf);
export const generateMetadata = route.generateMetadata;
export default route.Page;
