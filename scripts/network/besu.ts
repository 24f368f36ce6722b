// npm run network:besu -- --rpc <url> --registry <address> --chain-id <id> --out <dir>
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { addressFlag, positiveInteger, required } from "./args.ts";
import { generateNetworkFiles } from "./network-files.ts";
import { readRegistryState, registryClient } from "./read-registry.ts";

const USAGE = `Usage: npm run network:besu -- --rpc <url> --registry <address> --chain-id <id> --out <dir>
    [--validators <enode id>,<enode id>,...] [--allow <address>]...

Writes a Besu QBFT network from the registry's state: genesis.json, permissions_config.toml,
static-nodes.json and validators/<id>/ (one self-contained directory per validator).
  --validators  enode ids of the validators (default: every registered enode)
  --allow       an account allowed besides the registry's members (the deployer); repeatable
`;

const MIN_BFT_VALIDATORS = 4;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rpc: { type: "string" },
      registry: { type: "string" },
      "chain-id": { type: "string" },
      out: { type: "string" },
      validators: { type: "string" },
      allow: { type: "string", multiple: true },
    },
  });
  const rpc = required(values.rpc, "--rpc", USAGE);
  const registry = addressFlag(required(values.registry, "--registry", USAGE), "--registry");
  const chainId = positiveInteger(required(values["chain-id"], "--chain-id", USAGE), "--chain-id");
  const out = required(values.out, "--out", USAGE);
  const extraAccounts = (values.allow ?? []).map((a) => addressFlag(a, "--allow"));
  const validatorIds = values.validators
    ?.split(",")
    .map((id) => id.trim())
    .filter((id) => id !== "");

  const state = await readRegistryState(registryClient(rpc), registry);
  const network = generateNetworkFiles(state, {
    chainId,
    validatorIds,
    extraAccounts,
    source: `registry ${registry} via ${rpc}`,
  });
  for (const [path, content] of network.files) {
    await mkdir(dirname(join(out, path)), { recursive: true });
    await writeFile(join(out, path), content);
  }

  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`wrote ${network.files.size} files to ${out}`);
  log(`validators (${network.validators.length}):`);
  for (const v of network.validators)
    log(`  ${v.address}  ${v.directory}  ${v.enode.host}:${v.enode.port}`);
  log(
    `accounts allowed: ${network.allowlists.accounts.length}, nodes allowed: ${network.allowlists.nodes.length}`,
  );
  for (const account of extraAccounts)
    log(`bootstrap account allowed outside the registry: ${account}`);
  if (network.validators.length < MIN_BFT_VALIDATORS) {
    log(
      `warning: ${network.validators.length} validators tolerate no failure; run at least ${MIN_BFT_VALIDATORS}`,
    );
  }
  log(`each Place puts its node key in validators/<id>/key; it is never generated here`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `network:besu failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
