import { appRoute, searchOf } from "@/views/app-route";
import { placesPage } from "@/views/places";

const route = appRoute(placesPage, searchOf);
export const generateMetadata = route.generateMetadata;
export default route.Page;
