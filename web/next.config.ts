import path from "node:path";
import type { NextConfig } from "next";

/** Modules that read the server's files and settings (each imports lib/server/only.ts). */
const serverModules = ["lib/server", "lib/server-config"].map((m) =>
  path.join(import.meta.dirname, m),
);

const config: NextConfig = {
  transpilePackages: ["@spin/shared"],
  reactStrictMode: true,
  poweredByHeader: false,
  // The app is served by its own process next to the chain and the indexer: no image CDN.
  images: { unoptimized: true },
  // `npm start` builds the app while it deploys; `npm test` type-checks the same sources (tsc).
  typescript: { ignoreBuildErrors: process.env.SPIN_WEB_BUILD_SKIP_TYPECHECK === "1" },
  webpack(webpackConfig: { resolve: { alias: Record<string, string | false> } }, { isServer }) {
    // The light read pages (pages/lite) render server modules; the Pages Router also builds
    // their browser bundles, which those pages never send (no runtime). Leave the server's
    // modules out of every browser bundle rather than build them for a browser.
    if (!isServer) for (const m of serverModules) webpackConfig.resolve.alias[m] = false;
    return webpackConfig;
  },
};

export default config;
