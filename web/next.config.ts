import type { NextConfig } from "next";

const config: NextConfig = {
  transpilePackages: ["@spin/shared"],
  reactStrictMode: true,
  poweredByHeader: false,
  // The app is served by its own process next to the chain and the indexer: no image CDN.
  images: { unoptimized: true },
};

export default config;
