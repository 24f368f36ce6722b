import { appRoute, idOf } from "@/views/app-route";
import { licenceRecordPage } from "@/views/licence-record";

const route = appRoute(licenceRecordPage, idOf);
export const generateMetadata = route.generateMetadata;
export default route.Page;
