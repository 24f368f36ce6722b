/**
 * `npm run bench:gas`: deploys SPIN and OpenZeppelin reference contracts on one in-process
 * chain, measures receipt gas per operation, prints the table and writes bench/results/gas.json.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { network } from "hardhat";
import { formatTable, toJson, type GasRow } from "./table.ts";
import { suites } from "./suites.ts";

const connection = await network.create();
const rows: GasRow[] = [];
for (const suite of suites) {
  rows.push(...(await suite(connection)));
}

console.log(formatTable(rows));
const out = new URL("../results/gas.json", import.meta.url);
await mkdir(new URL(".", out), { recursive: true });
await writeFile(out, `${toJson(rows)}\n`);
console.log(`\nwritten to bench/results/gas.json (${rows.length} rows)`);
