/**
 * startIndexer: binds the HTTP listener first (it answers "starting" at once), opens the store,
 * starts the sync (or, read-only, follows another process's commits) and hands the listener
 * the API; returns a handle whose stop() closes all three in order. The API's and the sync's
 * modules load while the store opens (a copied template, PGlite's WASM, or a connection).
 */
import type { AddressBook } from "@spin/shared";
import type { Kysely } from "kysely";
import { parseConfig, type IndexerConfig, type IndexerConfigInput } from "./config/config.ts";
import { createLogger } from "./config/logger.ts";
import { apiTablesSchema, sharedSecret } from "./content/tables.ts";
import { openStore, type Store } from "./database/connect.ts";
import { chainSchema } from "./database/migrations.ts";
import type { Database } from "./database/schema.ts";
import { listen, type Listener } from "./listener.ts";
import type { ChainReader } from "./rpc/client.ts";
import type { Sync } from "./sync/engine.ts";

/** What an indexer's store holds: the chain schema, then the API's own tables. */
export const storeSchemas = [chainSchema, apiTablesSchema];

/** The modules the API and the sync need, loaded once, beside the store's opening. */
async function loadModules() {
  const [server, app, content, janitor, rpc, engine, follower, notice] = await Promise.all([
    import("@hono/node-server"),
    import("./server/app.ts"),
    import("./content/store.ts"),
    import("./content/janitor.ts"),
    import("./rpc/client.ts"),
    import("./sync/engine.ts"),
    import("./sync/follower.ts"),
    import("./sync/notice.ts"),
  ]);
  return {
    getRequestListener: server.getRequestListener,
    createApp: app.createApp,
    createContentStore: content.createContentStore,
    startJanitor: janitor.startJanitor,
    createChainReader: rpc.createChainReader,
    startSync: engine.startSync,
    startFollower: follower.startFollower,
    NOTICE_KEY_NAME: notice.NOTICE_KEY_NAME,
  };
}

type Modules = Awaited<ReturnType<typeof loadModules>>;

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

/**
 * The sync, or on a read-only process the follower of another process's commits. Over
 * PostgreSQL, where other processes may listen, commits are announced in notices sealed with
 * `noticeKey`, the store's secret (sync/notice.ts), which a follower reads itself on each
 * connection; over PGlite, which one process holds, it is null.
 */
function startReading(
  modules: Modules,
  config: IndexerConfig,
  db: Kysely<Database>,
  reader: ChainReader,
  log: ReturnType<typeof createLogger>,
  noticeKey: Uint8Array | null,
): Sync {
  const { database } = config;
  if (config.readOnly && database.kind === "postgres") {
    return modules.startFollower({
      db,
      connectionString: database.connectionString,
      noticeKey: () => sharedSecret(db, modules.NOTICE_KEY_NAME),
      logger: log,
      retryBaseMs: config.rpc.retryBaseMs,
      retryMaxMs: config.rpc.retryMaxMs,
    });
  }
  return modules.startSync({ config, db, reader, logger: log, noticeKey });
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
  let store: Store;
  let modules: Modules;
  try {
    const opening = openStore(config.database, storeSchemas);
    // Settled either way, so that a failure to load does not leave the opening unobserved.
    const loading = loadModules();
    [store, modules] = await Promise.all([opening, loading]).catch(async (error: unknown) => {
      await opening.then((opened) => opened.close()).catch(() => undefined);
      throw error;
    });
  } catch (error) {
    await listener?.close();
    throw error;
  }
  // The API reads the chain too (block times, simulations), read-only processes included.
  const reader = modules.createChainReader(config.rpcUrl, config.rpc.timeoutMs);
  let cursorSecret: Uint8Array | null = null;
  let noticeKey: Uint8Array | null = null;
  try {
    if (listener) cursorSecret = await sharedSecret(store.db, "cursor");
    if (config.database.kind === "postgres" && !config.readOnly) {
      noticeKey = await sharedSecret(store.db, modules.NOTICE_KEY_NAME);
    }
  } catch (error) {
    await listener?.close();
    await store.close();
    throw error;
  }
  const sync = startReading(modules, config, store.db, reader, logger, noticeKey);
  let janitor: { stop(): Promise<void> } | null = null;
  if (listener && cursorSecret) {
    const content = modules.createContentStore(
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
    const { app, direct } = modules.createApp({
      config,
      db: store.db,
      sync,
      content,
      logger,
      reader,
      cursorSecret,
    });
    janitor = modules.startJanitor(content, config.api.content.janitorIntervalMs, logger);
    listener.serve(direct.handler(modules.getRequestListener(app.fetch)));
    logger.info("API listening", { url: listener.url, readOnly: config.readOnly });
  }
  return {
    config,
    db: store.db,
    sync,
    url: listener?.url ?? null,
    async stop() {
      if (listener) await listener.close();
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
