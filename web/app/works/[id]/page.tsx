import { appRoute, idOf } from "@/views/app-route";
import { workPage } from "@/views/work";

const route = appRoute(workPage, idOf);
export const generateMetadata = route.generateMetadata;
export default route.Page;
