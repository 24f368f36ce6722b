/** What `npm start` prints once everything runs: where to go and who to be. */
import { demoAccounts } from "../seed/demo-commons.ts";
import type { StartConfig } from "./config.ts";

export function banner(config: StartConfig, rpcUrl: string): string {
  const accounts = demoAccounts();
  const width = Math.max(...accounts.map((a) => a.name.length));
  return [
    "",
    "SPIN is running.",
    "",
    `  chain (JSON-RPC, through the permissioning gateway)  ${rpcUrl}   chain id 31337`,
    "",
    "Demo accounts (anvil's default mnemonic: test test ... junk):",
    ...accounts.map(
      (a) => `  ${a.name.padEnd(width)}  ${a.kind.padEnd(11)}  ${a.address}  ${a.role}`,
    ),
    "",
    `Chain state is kept in ${config.stateDir}; run \`npm start -- --fresh\` to start over.`,
    "",
  ].join("\n");
}
