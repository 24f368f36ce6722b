import type { NextConfig } from "next";

const config: NextConfig = {
  transpilePackages: ["@spin/shared"],
  reactStrictMode: true,
  poweredByHeader: false,
  // The app is served by its own process next to the chain and the indexer: no image CDN.
  images: { unoptimized: true },
  // `npm start` builds the app while it deploys; `npm test` type-checks the same sources (tsc).
  typescript: { ignoreBuildErrors: process.env.SPIN_WEB_BUILD_SKIP_TYPECHECK === "1" },
};

export default config;
