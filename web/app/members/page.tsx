import { appRoute, searchOf } from "@/views/app-route";
import { membersPage } from "@/views/members";

const route = appRoute(membersPage, searchOf);
export const generateMetadata = route.generateMetadata;
export default route.Page;
