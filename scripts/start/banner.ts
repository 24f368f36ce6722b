/** What `npm start` prints once everything runs: who to be, then where to go (last, to be seen). */
import { demoAccounts, formatDemoAccounts } from "../seed/demo-commons.ts";
import type { StartConfig } from "./config.ts";
import { formatDuration } from "./report.ts";

export interface Endpoints {
  web: string;
  api: string;
  /** The permissioning gateway: the chain's only door for wallets and apps. */
  rpc: string;
  /** The node itself, for this machine's tools only. */
  node: string;
  chainId: number;
}

export function readyBlock(config: StartConfig, urls: Endpoints, startedMs: number): string {
  return [
    "",
    "Demo accounts (public test keys: never send real funds to them):",
    "",
    formatDemoAccounts(),
    "",
    "─".repeat(72),
    `SPIN is ready (started in ${formatDuration(startedMs)}).`,
    "",
    `  web app       ${urls.web}`,
    `  indexer API   ${urls.api}   (OpenAPI at ${urls.api}/openapi.json)`,
    `  chain RPC     ${urls.rpc}   (through the permissioning gateway, chain id ${urls.chainId})`,
    `  chain node    ${urls.node}   (this machine only; the gateway's upstream)`,
    "",
    `Chain state is kept in ${config.stateDir}; \`npm start -- --fresh\` starts over.`,
    "Ctrl-C stops everything.",
    "─".repeat(72),
  ].join("\n");
}

/** The same, for `--json`. */
export function readyFields(urls: Endpoints, startedMs: number): Record<string, unknown> {
  return {
    message: "SPIN is ready",
    ms: startedMs,
    urls,
    accounts: demoAccounts().map(({ name, kind, address, privateKey, role }) => ({
      name,
      kind,
      address,
      privateKey,
      role,
    })),
  };
}
