/**
 * `npm run deploy -- --network <name>`: deploys SPIN to a configured network.
 * SPIN_RPC_URL and SPIN_DEPLOYER_KEY configure the `remote` network (see hardhat.config.ts);
 * SPIN_FOUNDERS may name a JSON file of founding members (see deployments/founders.example.json);
 * SPIN_DEPLOY_PARAMETERS may name a JSON file of SpinSystem module parameters.
 */
import { readFile } from "node:fs/promises";
import { network } from "hardhat";
import { deploySpin, type Founder } from "./spin.ts";

async function readJson<T>(file: string | undefined, fallback: T): Promise<T> {
  return file ? (JSON.parse(await readFile(file, "utf8")) as T) : fallback;
}

const connection = await network.getOrCreate();
const book = await deploySpin(connection, {
  founders: await readJson<Founder[]>(process.env.SPIN_FOUNDERS, []),
  parameters: await readJson<Record<string, unknown>>(process.env.SPIN_DEPLOY_PARAMETERS, {}),
  log: (line) => console.log(line),
});
for (const [name, entry] of Object.entries(book.contracts)) {
  console.log(`${name.padEnd(18)} ${entry.address}  from block ${entry.deploymentBlock}`);
}
