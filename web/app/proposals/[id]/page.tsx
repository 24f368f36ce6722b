import { appRoute, idOf } from "@/views/app-route";
import { proposalPage } from "@/views/proposal";

const route = appRoute(proposalPage, idOf);
export const generateMetadata = route.generateMetadata;
export default route.Page;
