import { liteRoute, queryOf } from "@/views/lite-route";
import { homePage } from "@/views/home";

const route = liteRoute(homePage, queryOf);
export const getServerSideProps = route.getServerSideProps;
export default route.LitePage;
// No Next.js runtime: the page is its HTML (see views/lite-route.tsx). `runtime` is named only
// because Next.js's type for a page's config does not list `unstable_runtimeJS`.
export const config = { runtime: "nodejs", unstable_runtimeJS: false };
