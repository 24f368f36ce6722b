/**
 * startIndexer: opens the store, starts the sync and (optionally) the HTTP server; returns a
 * handle whose stop() closes all three in order.
 */
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import type { AddressBook } from "@spin/shared";
import type { Kysely } from "kysely";
import { parseConfig, type IndexerConfig, type IndexerConfigInput } from "./config/config.ts";
import { createLogger } from "./config/logger.ts";
import { startJanitor } from "./content/janitor.ts";
import { createContentStore } from "./content/store.ts";
import { migrateApiTables, sharedSecret } from "./content/tables.ts";
import { openStore } from "./database/connect.ts";
import type { Database } from "./database/schema.ts";
import { createChainReader } from "./rpc/client.ts";
import { createApp } from "./server/app.ts";
import { startSync, type Sync } from "./sync/engine.ts";

export interface Indexer {
  config: IndexerConfig;
  db: Kysely<Database>;
  sync: Sync;
  /** The API's base URL, or null when no server was asked for. */
  url: string | null;
  stop(): Promise<void>;
}

function listen(app: ReturnType<typeof createApp>, host: string, port: number) {
  return new Promise<{ server: ServerType; url: string }>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      resolve({ server, url: `http://${host}:${info.port}` });
    });
    server.once("error", reject);
  });
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve, reject) => {
    if ("closeAllConnections" in server) server.closeAllConnections();
    server.close((error) => (error ? reject(error) : resolve()));
  });
}

export async function startIndexer(input: IndexerConfigInput): Promise<Indexer> {
  const config = parseConfig(input);
  const logger = createLogger(config.log);
  const store = await openStore(config.database);
  const reader = createChainReader(config.rpcUrl, config.rpc.timeoutMs);
  await migrateApiTables(store.db);
  const sync = startSync({ config, db: store.db, reader, logger });
  let server: ServerType | null = null;
  let url: string | null = null;
  let janitor: { stop(): Promise<void> } | null = null;
  if (config.server) {
    const content = createContentStore(
      config.contentDir,
      store.db,
      { maxUploadBytes: config.maxUploadBytes, content: config.api.content },
      {
        chainId: config.chainId,
        registry: config.contracts.CommonsRegistry?.address ?? null,
        maxDeadlineSeconds: config.api.content.maxDeadlineSeconds,
        now: () => Math.floor(Date.now() / 1000),
      },
    );
    const cursorSecret = await sharedSecret(store.db, "cursor");
    const app = createApp({ config, db: store.db, sync, content, logger, reader, cursorSecret });
    janitor = startJanitor(content, config.api.content.janitorIntervalMs, logger);
    ({ server, url } = await listen(app, config.server.host, config.server.port));
    logger.info("API listening", { url });
  }
  return {
    config,
    db: store.db,
    sync,
    url,
    async stop() {
      if (server) await closeServer(server);
      await janitor?.stop();
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
