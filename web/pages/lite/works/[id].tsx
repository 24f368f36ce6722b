import { liteRoute, paramIdOf } from "@/views/lite-route";
import { workPage } from "@/views/work";

const route = liteRoute(workPage, paramIdOf);
export const getServerSideProps = route.getServerSideProps;
export default route.LitePage;
// No Next.js runtime (views/lite-route.tsx says why the config reads so).
export const config = { runtime: "nodejs", unstable_runtimeJS: false };
