/**
 * Backfill: final blocks read with eth_getLogs over adaptive ranges, one range fetched ahead
 * while the previous one is decoded and written, so the node and the store work at the same
 * time. Each range is fetched with the header of its last block (the cursor it commits) and of
 * the block before it: a range is committed only if that block is still the cursor's, so the
 * chain cannot change between two ranges unseen.
 */
import type { BlockHeader, ChainReader, RpcLog } from "../rpc/client.ts";
import { rangeRefusal } from "../rpc/errors.ts";
import type { RangeSizer } from "../rpc/ranges.ts";

export interface FetchedRange {
  from: number;
  to: number;
  logs: RpcLog[];
  /** The range's last block: the cursor once it is committed. */
  block: BlockHeader;
  /** The block before the range as the node saw it then (null before the first block). */
  before: BlockHeader | null;
}

/** What fetching a range came to. It never rejects: a failure is a value the caller throws. */
export type RangeFetch =
  | { kind: "fetched"; range: FetchedRange }
  /** The node refused the range as too large; the sizer has shrunk the next one. */
  | { kind: "refused"; error: unknown }
  /** The chain is shorter than the range (a reorg): the next step finds out where it changed. */
  | { kind: "shorter" }
  | { kind: "failed"; error: unknown };

/**
 * The logs a range would hold at the density of its denser half: a range whose logs all sit in
 * its last blocks (a contract deployed late in it, a burst of activity) sizes the next range as
 * the dense part, not the average, would.
 */
function denseCount(logs: readonly RpcLog[], from: number, to: number): number {
  if (to <= from) return logs.length;
  const middle = from + (to - from + 1) / 2;
  let later = 0;
  for (const log of logs) if (Number(log.blockNumber) >= middle) later += 1;
  return Math.max(logs.length, 2 * later, 2 * (logs.length - later));
}

export interface RangeFetcher {
  /** Fetches [from, min(last, from + size - 1)], sizing it with the sizer. */
  fetch(from: number, last: number): Promise<RangeFetch>;
}

export function createRangeFetcher(
  reader: ChainReader,
  addresses: `0x${string}`[],
  sizer: RangeSizer,
  rpc: <T>(call: () => Promise<T>) => Promise<T>,
): RangeFetcher {
  return {
    async fetch(from, last) {
      const to = Math.min(last, from + sizer.size - 1);
      const started = Date.now();
      try {
        const [logs, block, before] = await Promise.all([
          rpc(() => reader.logsInRange(addresses, from, to)),
          rpc(() => reader.header(to)),
          from > 0 ? rpc(() => reader.header(from - 1)) : Promise.resolve(null),
        ]);
        if (!block || (from > 0 && !before)) return { kind: "shorter" };
        sizer.succeeded(to - from + 1, denseCount(logs, from, to), Date.now() - started);
        return { kind: "fetched", range: { from, to, logs, block, before } };
      } catch (error) {
        const refusal = rangeRefusal(error);
        if (refusal && sizer.refused(to - from + 1, refusal)) return { kind: "refused", error };
        return { kind: "failed", error };
      }
    },
  };
}

export interface BackfillSteps {
  /** The cursor now: the block the next range must follow (null before the first range). */
  cursor(): { hash: string } | null;
  /** Decodes and writes a range in one transaction, moving the cursor to its last block. */
  commit(range: FetchedRange): Promise<void>;
  /** The node refused a range: counted, and logged with the size the sizer chose instead. */
  refused(range: { from: number }, error: unknown): void;
  aborted(): boolean;
}

export type BackfillEnd = "done" | "reorg" | "shorter";

/**
 * Backfills from `from` to `last` (final blocks), one range ahead. Ends when `last` is written,
 * when the chain changed under it ("reorg": the block before a range is not the cursor's), or
 * when the chain got shorter; throws what a range's fetch or commit threw.
 */
export async function backfill(
  fetcher: RangeFetcher,
  steps: BackfillSteps,
  from: number,
  last: number,
): Promise<BackfillEnd> {
  let next = from;
  let ahead: Promise<RangeFetch> | null = null;
  while (next <= last && !steps.aborted()) {
    const result: RangeFetch = await (ahead ?? fetcher.fetch(next, last));
    ahead = null;
    if (result.kind === "refused") {
      steps.refused({ from: next }, result.error);
      continue;
    }
    if (result.kind === "failed") throw result.error;
    if (result.kind === "shorter") return "shorter";
    const { range } = result;
    const cursor = steps.cursor();
    if (cursor && range.before?.hash !== cursor.hash) return "reorg";
    if (range.to < last) ahead = fetcher.fetch(range.to + 1, last);
    await steps.commit(range);
    next = range.to + 1;
  }
  return "done";
}
