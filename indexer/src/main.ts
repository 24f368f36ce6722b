#!/usr/bin/env node
/**
 * The indexer's command line:
 *   node indexer/src/main.ts --rpc http://127.0.0.1:8545 --chain-id 31337 [--port 42069]
 *     [--host 127.0.0.1] [--finality-depth 32] [--data-dir .spin/indexer]
 * PostgreSQL is used when DATABASE_URL is set, PGlite under the data directory otherwise.
 * The contracts come from the address book deployments/<chainId>.json.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { readAddressBook } from "@spin/shared/node";
import { contractsOf, startIndexer } from "./index.ts";

const { values } = parseArgs({
  options: {
    rpc: { type: "string", default: process.env.SPIN_RPC_URL ?? "http://127.0.0.1:8545" },
    "chain-id": { type: "string", default: process.env.SPIN_CHAIN_ID ?? "31337" },
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string", default: process.env.PORT ?? "42069" },
    "finality-depth": { type: "string" },
    "data-dir": { type: "string", default: path.join(".spin", "indexer") },
    "poll-interval-ms": { type: "string" },
    "deployments-dir": { type: "string" },
    log: { type: "string", default: "info" },
  },
});

const chainId = Number(values["chain-id"]);
const book = await readAddressBook(chainId, values["deployments-dir"]);
const dataDir = values["data-dir"];
const databaseUrl = process.env.DATABASE_URL;
const indexer = await startIndexer({
  rpcUrl: values.rpc,
  chainId,
  contracts: contractsOf(book),
  database: databaseUrl
    ? { kind: "postgres", connectionString: databaseUrl }
    : { kind: "pglite", dataDir: path.join(dataDir, "pglite") },
  contentDir: path.join(dataDir, "content"),
  server: { host: values.host, port: Number(values.port) },
  ...(values["finality-depth"] ? { finalityDepth: Number(values["finality-depth"]) } : {}),
  ...(values["poll-interval-ms"] ? { pollIntervalMs: Number(values["poll-interval-ms"]) } : {}),
  log: values.log as "silent" | "info" | "debug",
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`${signal}: stopping the indexer\n`);
  await indexer.stop();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
