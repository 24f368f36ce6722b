/**
 * The OpenAPI document without a running indexer: the routes are declared at construction, so
 * building the application over placeholders (nothing is queried) yields the same document the
 * server serves. Used to generate the dApp's API types.
 */
import { EventEmitter } from "node:events";
import { parseConfig } from "../config/config.ts";
import { createLogger } from "../config/logger.ts";
import { createStatus } from "../sync/status.ts";
import { createApp, openApiDocumentOf, type AppDeps } from "./app.ts";

export function openApiDocument() {
  const config = parseConfig({
    rpcUrl: "http://127.0.0.1:1",
    chainId: 1,
    contracts: { CommonsRegistry: { address: `0x${"00".repeat(20)}`, deploymentBlock: 0 } },
    log: "silent",
  });
  const placeholder = undefined as never;
  const db: { withTables(): unknown } = { withTables: () => db };
  const deps: AppDeps = {
    config,
    db: db as never,
    sync: {
      status: createStatus(),
      activity: new EventEmitter(),
      done: Promise.resolve(),
      stop: async () => {},
    },
    content: { disk: placeholder } as never,
    logger: createLogger("silent"),
    reader: null,
    cursorSecret: new Uint8Array(32),
  };
  return openApiDocumentOf(createApp(deps).app);
}
