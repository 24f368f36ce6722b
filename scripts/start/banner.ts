/** What `npm start` prints once everything runs: where to go and who to be. */
import { formatDemoAccounts } from "../seed/demo-commons.ts";
import type { StartConfig } from "./config.ts";
import type { Service } from "./services.ts";

export function banner(config: StartConfig, rpcUrl: string, services: Service[]): string {
  return [
    "",
    "SPIN is running.",
    "",
    `  chain (JSON-RPC through the permissioning gateway)  ${rpcUrl}  (chain id 31337)`,
    ...services.map((s) => `  ${s.name.padEnd(51)}${s.url}`),
    "",
    "Demo accounts:",
    formatDemoAccounts(),
    "",
    `Chain state is kept in ${config.stateDir}; \`npm start -- --fresh\` starts over.`,
    "",
  ].join("\n");
}
