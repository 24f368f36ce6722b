#!/usr/bin/env node
/**
 * The indexer's command line:
 *   node indexer/src/main.ts --rpc http://127.0.0.1:8545 --chain-id 31337 [--port 42069]
 *     [--host 127.0.0.1] [--finality-depth 32] [--data-dir .spin/indexer] [--read-only]
 * PostgreSQL is used when DATABASE_URL is set, PGlite under the data directory otherwise.
 * The contracts come from the address book deployments/<chainId>.json.
 * A bad argument or a missing address book is reported on one line, with exit code 2; a failure
 * to start (database, port) with exit code 1. SIGINT and SIGTERM stop the indexer cleanly (0).
 *
 * The port is bound before the rest of the indexer is even loaded: /health answers "starting"
 * within a moment of the process's start, while modules load and the store opens.
 * A new PGlite store is copied from a template kept in SPIN_PGLITE_TEMPLATE_DIR (by default
 * ~/.cache/spin/pglite; an empty value turns this off): see database/pglite-template.ts.
 */
import module from "node:module";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { listen, type Listener } from "./listener.ts";

// Later starts reuse V8's compiled code for the indexer's modules.
module.enableCompileCache?.();

const usage = `usage: spin-indexer [--rpc URL] [--chain-id N] [--host HOST] [--port N]
  [--finality-depth N] [--poll-interval-ms N] [--data-dir DIR] [--deployments-dir DIR]
  [--licence-cache-entries N] [--log silent|info|debug] [--read-only]
  --read-only serves the API from DATABASE_URL without syncing, following the commits of the
  indexer process that syncs it (PostgreSQL only)`;

type Indexer = Awaited<ReturnType<typeof import("./index.ts").startIndexer>>;

/** A mistake in how the indexer was called: reported on one line, exit code 2. */
class UsageError extends Error {
  override name = "UsageError";
}

function integer(option: string, text: string, min: number, max: number): number {
  const value = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${option} must be an integer from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

function parseCommandLine(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        rpc: { type: "string", default: process.env.SPIN_RPC_URL ?? "http://127.0.0.1:8545" },
        "chain-id": { type: "string", default: process.env.SPIN_CHAIN_ID ?? "31337" },
        host: { type: "string", default: "127.0.0.1" },
        port: { type: "string", default: process.env.PORT ?? "42069" },
        "finality-depth": { type: "string" },
        "data-dir": { type: "string", default: path.join(".spin", "indexer") },
        "poll-interval-ms": { type: "string" },
        "deployments-dir": { type: "string" },
        "licence-cache-entries": { type: "string" },
        log: { type: "string", default: "info" },
        "read-only": { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\s*\n\s*/g, " "));
  }
}

async function addressBookOf(chainId: number, dir: string | undefined) {
  const { addressBookFileName } = await import("@spin/shared");
  const { deploymentsDir, readAddressBook } = await import("@spin/shared/node");
  try {
    return await readAddressBook(chainId, dir);
  } catch (error) {
    const file = path.join(dir ?? deploymentsDir, addressBookFileName(chainId));
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new UsageError(
        `no address book for chain ${chainId} (${file}): deploy SPIN first or pass --deployments-dir`,
      );
    }
    throw new UsageError(`the address book ${file} is invalid: ${(error as Error).message}`);
  }
}

function pgliteTemplateDir(): string | null {
  const dir = process.env.SPIN_PGLITE_TEMPLATE_DIR;
  if (dir !== undefined) return dir === "" ? null : dir;
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(cache, "spin", "pglite");
}

async function start(args: string[]): Promise<Indexer | null> {
  const values = parseCommandLine(args);
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return null;
  }
  const chainId = integer("chain-id", values["chain-id"], 1, Number.MAX_SAFE_INTEGER);
  const port = integer("port", values.port, 0, 65_535);
  const finalityDepth =
    values["finality-depth"] === undefined
      ? undefined
      : integer("finality-depth", values["finality-depth"], 0, 1_000_000);
  const pollIntervalMs =
    values["poll-interval-ms"] === undefined
      ? undefined
      : integer("poll-interval-ms", values["poll-interval-ms"], 1, 3_600_000);
  const licenceCheckCacheEntries =
    values["licence-cache-entries"] === undefined
      ? undefined
      : integer("licence-cache-entries", values["licence-cache-entries"], 0, 10_000_000);
  const log = values.log;
  if (log !== "silent" && log !== "info" && log !== "debug") {
    throw new UsageError(`--log must be silent, info or debug, got "${log}"`);
  }
  let listener: Listener;
  try {
    listener = await listen(values.host, port, chainId);
  } catch (error) {
    throw new Error(`cannot listen on ${values.host}:${port}: ${(error as Error).message}`);
  }
  try {
    const book = await addressBookOf(chainId, values["deployments-dir"]);
    const { ConfigError } = await import("./config/config.ts");
    const { contractsOf, startIndexer } = await import("./index.ts");
    const dataDir = values["data-dir"];
    const databaseUrl = process.env.DATABASE_URL;
    try {
      return await startIndexer(
        {
          rpcUrl: values.rpc,
          chainId,
          contracts: contractsOf(book),
          database: databaseUrl
            ? { kind: "postgres", connectionString: databaseUrl }
            : {
                kind: "pglite",
                dataDir: path.join(dataDir, "pglite"),
                templateDir: pgliteTemplateDir(),
              },
          contentDir: path.join(dataDir, "content"),
          server: { host: values.host, port },
          ...(finalityDepth === undefined ? {} : { finalityDepth }),
          ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
          ...(licenceCheckCacheEntries === undefined ? {} : { licenceCheckCacheEntries }),
          log,
          readOnly: values["read-only"],
        },
        { listener },
      );
    } catch (error) {
      if (error instanceof ConfigError) throw new UsageError(error.message);
      throw error;
    }
  } catch (error) {
    await listener.close();
    throw error;
  }
}

let indexer: Indexer | null;
try {
  indexer = await start(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`spin-indexer: ${error.message} (see --help)\n`);
    process.exit(2);
  }
  process.stderr.write(`spin-indexer: could not start: ${(error as Error).message}\n`);
  process.exit(1);
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping || !indexer) return;
  stopping = true;
  process.stderr.write(`${signal}: stopping the indexer\n`);
  try {
    await indexer.stop();
  } catch (error) {
    process.stderr.write(`spin-indexer: stopping failed: ${(error as Error).message}\n`);
    process.exit(1);
  }
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
