/** Starting test indexers against a test chain and waiting for them to reach its head. */
import type { Kysely } from "kysely";
import {
  startIndexer,
  type Indexer,
  type IndexerConfigInput,
} from "../../../../indexer/src/index.ts";
import type { Database } from "../../../../indexer/src/database/schema.ts";
import { readCursor } from "../../../../indexer/src/sync/store-state.ts";
import { headBlock, type Chain } from "./chain.ts";
import type { TestDatabase } from "./store.ts";

export function testConfig(
  chain: Chain,
  database: TestDatabase,
  overrides: Partial<IndexerConfigInput> = {},
): IndexerConfigInput {
  return {
    rpcUrl: chain.rpc.url,
    chainId: chain.chainId,
    contracts: chain.contracts,
    database: database.target,
    server: null,
    finalityDepth: 64,
    pollIntervalMs: 20,
    backfill: { initialRange: 8, maxRange: 64 },
    rpc: { timeoutMs: 2_000, retryBaseMs: 10, retryMaxMs: 100, stuckAfterMs: 30_000 },
    log: "silent",
    ...overrides,
  };
}

export async function startTestIndexer(
  chain: Chain,
  database: TestDatabase,
  overrides: Partial<IndexerConfigInput> = {},
): Promise<Indexer> {
  return startIndexer(testConfig(chain, database, overrides));
}

/** Waits until the store's cursor is the chain's head block (number and hash). */
export async function waitForHead(chain: Chain, db: Kysely<Database>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const head = await headBlock(chain);
    const cursor = await readCursor(db);
    if (cursor && cursor.number === head.number && cursor.hash === head.hash) return;
    if (Date.now() > deadline) {
      throw new Error(`indexer at ${cursor?.number ?? "nothing"}, head at ${head.number}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}
