import { liteRoute, queryOf } from "@/views/lite-route";
import { worksPage } from "@/views/works";

const route = liteRoute(worksPage, queryOf);
export const getServerSideProps = route.getServerSideProps;
export default route.LitePage;
// No Next.js runtime (views/lite-route.tsx says why the config reads so).
export const config = { runtime: "nodejs", unstable_runtimeJS: false };
