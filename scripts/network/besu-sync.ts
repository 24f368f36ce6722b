// npm run network:sync -- --rpc <url> --registry <address> --node <besu admin rpc url>... [--dry-run]
import { parseArgs } from "node:util";
import { allowlistsFrom } from "./allowlists.ts";
import { addressFlag, required } from "./args.ts";
import { besuRpc } from "./besu-rpc.ts";
import { readRegistryState, registryClient } from "./read-registry.ts";
import { applySync, isEmptyPlan, planSync } from "./sync.ts";

const USAGE = `Usage: npm run network:sync -- --rpc <url> --registry <address> --node <url> [--node <url>]...
    [--allow <address>]... [--dry-run]

Brings each Besu node's account and node allowlists in line with the registry, with perm_* calls.
  --node     a Besu node's JSON-RPC endpoint with the PERM API enabled; repeatable
  --allow    an account allowed besides the registry's members (as given to network:besu)
  --dry-run  print the changes, send nothing
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rpc: { type: "string" },
      registry: { type: "string" },
      node: { type: "string", multiple: true },
      allow: { type: "string", multiple: true },
      "dry-run": { type: "boolean" },
    },
  });
  const rpc = required(values.rpc, "--rpc", USAGE);
  const registry = addressFlag(required(values.registry, "--registry", USAGE), "--registry");
  const nodes = values.node ?? [];
  if (nodes.length === 0) required(undefined, "--node", USAGE);
  const extraAccounts = (values.allow ?? []).map((a) => addressFlag(a, "--allow"));

  const desired = allowlistsFrom(
    await readRegistryState(registryClient(rpc), registry),
    extraAccounts,
  );
  let failures = 0;
  for (const node of nodes) {
    try {
      const call = besuRpc(node);
      const plan = await planSync(call, desired);
      process.stdout.write(`${node}: ${isEmptyPlan(plan) ? "in sync" : JSON.stringify(plan)}\n`);
      if (values["dry-run"] !== true) await applySync(call, plan);
    } catch (error) {
      failures += 1;
      process.stderr.write(`${node}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  if (failures > 0) process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `network:sync failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
