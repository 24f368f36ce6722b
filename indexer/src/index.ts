/**
 * startIndexer: binds the HTTP listener first (it answers "starting" at once), opens the store,
 * starts the sync (or, read-only, follows another process's commits) and hands the listener
 * the API; returns a handle whose stop() closes all three in order.
 */
import { getRequestListener } from "@hono/node-server";
import type { AddressBook } from "@spin/shared";
import type { Kysely } from "kysely";
import { parseConfig, type IndexerConfig, type IndexerConfigInput } from "./config/config.ts";
import { createLogger } from "./config/logger.ts";
import { createContentStore } from "./content/store.ts";
import { openStore } from "./database/connect.ts";
import type { Database } from "./database/schema.ts";
import { listen, type Listener } from "./listener.ts";
import { createChainReader } from "./rpc/client.ts";
import { createApp } from "./server/app.ts";
import { startSync, type Sync } from "./sync/engine.ts";
import { startFollower } from "./sync/follower.ts";

export interface Indexer {
  config: IndexerConfig;
  db: Kysely<Database>;
  sync: Sync;
  /** The API's base URL, or null when no server was asked for. */
  url: string | null;
  stop(): Promise<void>;
}

export interface StartOptions {
  /**
   * A listener already bound on the configured address (the command line binds it before it
   * loads the rest), handed the API once it is ready.
   */
  listener?: Listener;
}

function startReading(
  config: IndexerConfig,
  db: Kysely<Database>,
  log: ReturnType<typeof createLogger>,
): Sync {
  const { database } = config;
  if (config.readOnly && database.kind === "postgres") {
    return startFollower({
      db,
      connectionString: database.connectionString,
      logger: log,
      retryBaseMs: config.rpc.retryBaseMs,
      retryMaxMs: config.rpc.retryMaxMs,
    });
  }
  const reader = createChainReader(config.rpcUrl, config.rpc.timeoutMs);
  return startSync({ config, db, reader, logger: log, notifies: database.kind === "postgres" });
}

export async function startIndexer(
  input: IndexerConfigInput,
  options: StartOptions = {},
): Promise<Indexer> {
  const config = parseConfig(input);
  const logger = createLogger(config.log);
  const listener = config.server
    ? (options.listener ?? (await listen(config.server.host, config.server.port, config.chainId)))
    : null;
  let store;
  try {
    store = await openStore(config.database);
  } catch (error) {
    await listener?.close();
    throw error;
  }
  const sync = startReading(config, store.db, logger);
  if (listener) {
    const content = createContentStore(config.contentDir, store.db);
    const app = createApp({ config, db: store.db, sync, content, logger });
    listener.serve(getRequestListener(app.fetch));
    logger.info("API listening", { url: listener.url, readOnly: config.readOnly });
  }
  return {
    config,
    db: store.db,
    sync,
    url: listener?.url ?? null,
    async stop() {
      if (listener) await listener.close();
      await sync.stop();
      await store.close();
    },
  };
}

/** The contracts of an address book, in the shape the configuration takes. */
export function contractsOf(book: AddressBook): IndexerConfigInput["contracts"] {
  return Object.fromEntries(
    Object.entries(book.contracts).map(([name, e]) => [
      name,
      { address: e.address, deploymentBlock: e.deploymentBlock, abi: e.abi },
    ]),
  );
}

export { parseConfig, type IndexerConfig, type IndexerConfigInput };
