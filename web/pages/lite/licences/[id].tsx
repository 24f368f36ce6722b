import { liteRoute, paramIdOf } from "@/views/lite-route";
import { licenceRecordPage } from "@/views/licence-record";

const route = liteRoute(licenceRecordPage, paramIdOf);
export const getServerSideProps = route.getServerSideProps;
export default route.LitePage;
// No Next.js runtime: the page is its HTML (see views/lite-route.tsx). `runtime` is named only
// because Next.js's type for a page's config does not list `unstable_runtimeJS`.
export const config = { runtime: "nodejs", unstable_runtimeJS: false };
