import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";
import { GAS_MULTIPLIER } from "@spin/shared";
import type { HardhatPlugin } from "hardhat/types/plugins";
import decisionCoverage from "./scripts/coverage/plugin.ts";
import { rootHooks } from "./test/support/root-hooks.ts";

const require = createRequire(import.meta.url);

// solc ships as WASM in the `solc` npm package, so compiling needs no download.
const solc = {
  version: require("solc/package.json").version as string,
  path: require.resolve("solc/soljson.js"),
  settings: {
    optimizer: { enabled: true, runs: 10_000 },
    evmVersion: "cancun",
  },
};

// The registry carries the most code; fewer optimizer runs keep it under EIP-170's limit.
const registrySolc = {
  ...solc,
  settings: { ...solc.settings, optimizer: { enabled: true, runs: 1_000 } },
};
// A compilation unit is compiled with its root file's settings, so Solidity tests that deploy
// the registry (directly or through a shared setup file) take the registry's settings too.
const testSources = readdirSync("test/solidity", { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".sol"))
  .map((file) => path.posix.join("test/solidity", file.split(path.sep).join("/")));
const deploysRegistry = new Set<string>();
for (let grown = true; grown; ) {
  grown = false;
  for (const file of testSources.filter((f) => !deploysRegistry.has(f))) {
    const text = readFileSync(file, "utf8");
    const imports = ["registry/CommonsRegistry.sol", ...deploysRegistry].map((f) =>
      path.basename(f),
    );
    if (imports.some((name) => text.includes(`/${name}"`))) {
      deploysRegistry.add(file);
      grown = true;
    }
  }
}
const overrides = Object.fromEntries(
  ["contracts/registry/CommonsRegistry.sol", ...deploysRegistry].map((file) => [
    file,
    registrySolc,
  ]),
);

// Every core compiles, and solc's warnings about dependencies nobody here can change are dropped.
const spinBuild: HardhatPlugin = {
  id: "spin-build",
  hookHandlers: { solidity: () => import("./scripts/lib/hardhat-build.ts") },
};

// `hardhat test --coverage` compiles instrumented contracts. They get their own artifacts and
// cache, so that neither build overwrites the other: each is compiled once and then reused, and
// everything after the coverage run (web tests, `npm start`) still finds the real contracts.
// hardhat-mocha passes its global options on to child processes as HARDHAT_* variables, so a
// Hardhat command started from a coverage run builds into the coverage folders too.
const coverage = process.argv.includes("--coverage") || process.env.HARDHAT_COVERAGE === "true";

export default defineConfig({
  // The coverage plugin is listed after Hardhat's own plugins: its probes wrap the
  // statement-instrumented sources.
  plugins: [hardhatToolboxMochaEthers, spinBuild, decisionCoverage],
  solidity: {
    profiles: {
      default: { compilers: [solc], overrides },
      production: { compilers: [solc], overrides },
    },
  },
  test: {
    mocha: {
      // A test's allowance on an idle machine. Every timeout is stretched by the machine's load,
      // and every wait that sees progress gives the test its allowance again
      // (test/support/progress-timeouts.ts).
      timeout: 40_000,
      rootHooks,
    },
    solidity: {
      // A fixed seed makes every run explore the same cases, so CI is repeatable; change it to
      // explore others. Invariant campaigns are kept short enough for coverage-instrumented runs.
      fuzz: { runs: 256, seed: "0x5350494e" },
      invariant: { runs: 64, depth: 50 },
    },
  },
  paths: {
    sources: ["contracts", "bench/contracts"],
    ...(coverage ? { artifacts: "cache/coverage/artifacts", cache: "cache/coverage/cache" } : {}),
    tests: { mocha: "test/mocha", solidity: "test/solidity" },
  },
  networks: {
    hardhatMainnet: { type: "edr-simulated", chainType: "l1" },
    // The local chain `npm start` runs, reached through the permissioning gateway.
    local: {
      type: "http",
      chainType: "l1",
      url: process.env.SPIN_LOCAL_RPC_URL ?? "http://127.0.0.1:8545",
      accounts: "remote",
      gasMultiplier: GAS_MULTIPLIER,
    },
    // Any JSON-RPC endpoint: SPIN_RPC_URL and SPIN_DEPLOYER_KEY come from the environment.
    remote: {
      type: "http",
      chainType: "l1",
      url: configVariable("SPIN_RPC_URL"),
      accounts: [configVariable("SPIN_DEPLOYER_KEY")],
      gasMultiplier: GAS_MULTIPLIER,
    },
  },
});
