/** What every route module is given, and the Hono application type they register on. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Kysely } from "kysely";
import type { IndexerConfig } from "../../config/config.ts";
import type { Logger } from "../../config/logger.ts";
import type { ContentStore } from "../../content/store.ts";
import type { Database } from "../../database/schema.ts";
import type { ChainReader } from "../../rpc/client.ts";
import type { Sync } from "../../sync/engine.ts";
import type { LicenceChecker } from "../licence-check.ts";
import type { BlockTimes } from "../reads/block-times.ts";
import type { NameBook } from "../reads/names.ts";
import type { Cursors } from "./cursor.ts";
import type { DirectRoutes } from "./direct.ts";
import type { ApiStats } from "./stats.ts";

export type ApiEnv = { Variables: { requestId: string } };
export type Api = OpenAPIHono<ApiEnv>;

export interface ApiContext {
  config: IndexerConfig;
  db: Kysely<Database>;
  sync: Sync;
  content: ContentStore;
  logger: Logger;
  cursors: Cursors;
  licences: LicenceChecker;
  names: NameBook;
  blockTimes: BlockTimes;
  reader: ChainReader | null;
  stats: ApiStats;
  /** Routes also answered directly by the Node handler when well formed (direct.ts). */
  direct: DirectRoutes;
}
