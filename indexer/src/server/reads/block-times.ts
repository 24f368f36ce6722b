/**
 * Block times for the reads that show when something happened (the fund's ledger, a proposal's
 * timeline). The event tables keep block numbers; the time of a final block never changes, so
 * it is read from the node once and kept in `api_block_times`. Blocks still inside the finality
 * window are read each time and not kept. A node that does not answer leaves the time null.
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "../../database/schema.ts";
import type { ChainReader } from "../../rpc/client.ts";
import type { SyncStatus } from "../../sync/status.ts";
import type { ApiTables } from "../../content/tables.ts";
import { ApiError } from "../http/errors.ts";

export interface BlockTimes {
  /** Each block's Unix time (absent when the node could not say). */
  of(numbers: readonly number[]): Promise<Map<number, number>>;
  /** The first indexed block whose time is at or after `time` (one past the head if none). */
  firstAtOrAfter(time: number): Promise<number>;
}

const CONCURRENCY = 8;

export function createBlockTimes(
  db: Kysely<Database>,
  reader: ChainReader | null,
  status: () => SyncStatus,
  finalityDepth: number,
): BlockTimes {
  const store = db.withTables<ApiTables>();
  const times: BlockTimes = {
    async firstAtOrAfter(time) {
      let low = 0;
      let high = (status().indexedBlock ?? 0) + 1;
      // Times never decrease along a chain: a binary search reads about log2(head) blocks.
      while (low < high) {
        const middle = Math.floor((low + high) / 2);
        const at = (await times.of([middle])).get(middle);
        if (at === undefined) {
          throw new ApiError(
            503,
            "node_unavailable",
            `the node did not give block ${middle}'s time`,
          );
        }
        if (at >= time) high = middle;
        else low = middle + 1;
      }
      return low;
    },
    async of(numbers) {
      const wanted = [...new Set(numbers)];
      const found = new Map<number, number>();
      if (wanted.length === 0) return found;
      const kept = await store
        .selectFrom("api_block_times")
        .select(["number", "timestamp"])
        .where("number", "in", wanted)
        .execute();
      for (const row of kept) found.set(row.number, row.timestamp);
      const missing = wanted.filter((n) => !found.has(n));
      if (!reader || missing.length === 0) return found;
      const indexed = status().indexedBlock ?? 0;
      const fetched: { number: number; timestamp: number; hash: string }[] = [];
      for (let i = 0; i < missing.length; i += CONCURRENCY) {
        const headers = await Promise.all(
          missing.slice(i, i + CONCURRENCY).map((n) => reader.header(n).catch(() => null)),
        );
        for (const header of headers) {
          if (!header) continue;
          found.set(header.number, header.timestamp);
          if (header.number <= indexed - finalityDepth) {
            fetched.push({ number: header.number, timestamp: header.timestamp, hash: header.hash });
          }
        }
      }
      if (fetched.length > 0) {
        await store
          .insertInto("api_block_times")
          .values(fetched)
          .onConflict((oc) => oc.column("number").doNothing())
          .execute();
      }
      return found;
    },
  };
  return times;
}

/** Forgets kept times above `block` (after a reset of the chain they may be wrong). */
export async function forgetBlockTimes(db: Kysely<Database>, block: number): Promise<void> {
  await sql`DELETE FROM api_block_times WHERE number > ${block}`.execute(db);
}
