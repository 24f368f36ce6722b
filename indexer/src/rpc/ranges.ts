/**
 * Adaptive eth_getLogs ranges. A range should bring back about `targetLogs` logs: enough that
 * each request is worth its round trip, few enough that the answer stays well under a node's (or
 * viem's 10 MiB) response limit and its decoding and writing never hold the process for long.
 * After each answer the next range is sized from the density just seen; empty ranges double.
 * When the node refuses a range anyway, the range actually asked is split: halved, or cut to the
 * share that fits when the refusal says how large the answer would have been. A refusal that
 * names a block-count limit also caps every later range below the refused size.
 */
export interface RangeSizer {
  /** Blocks to ask for next. */
  readonly size: number;
  /** A range of `blocks` blocks brought back `logs` logs in `elapsedMs`. */
  succeeded(blocks: number, logs: number, elapsedMs: number): void;
  /**
   * The node refused a range of `blocks` blocks. `limit` says why: the number of blocks, or the
   * size of the answer (with `answerBytes` when known, of which `maxBytes` would fit). Returns
   * false when the range cannot be split further.
   */
  refused(blocks: number, refusal: RangeRefusal): boolean;
}

export type RangeRefusal =
  | { limit: "blocks" }
  | { limit: "answer"; answerBytes?: number; maxBytes?: number };

/** Requests slower than this stop the range from growing, and shrink it. */
const SLOW_MS = 2_000;

export interface RangeSizerOptions {
  initial: number;
  max: number;
  /** Logs one request should bring back. */
  targetLogs: number;
}

export function createRangeSizer({ initial, max, targetLogs }: RangeSizerOptions): RangeSizer {
  let size = Math.max(1, Math.min(initial, max));
  /** A block-count limit the node named: never ask for more blocks than this again. */
  let ceiling = max;
  const clamp = (n: number) => Math.max(1, Math.min(ceiling, Math.floor(n)));
  return {
    get size() {
      return size;
    },
    succeeded(blocks, logs, elapsedMs) {
      let next = logs === 0 ? blocks * 2 : (blocks * targetLogs) / logs;
      // A range shorter than asked (the end of the backfill) says little about density: it may
      // shrink the size, never grow it past what was asked.
      if (blocks < size) next = Math.min(next, size);
      if (elapsedMs >= SLOW_MS) next = Math.min(next, blocks / 2);
      // Grow at most fourfold at a time: density can change from one range to the next.
      size = clamp(Math.min(next, size * 4));
    },
    refused(blocks, refusal) {
      if (blocks <= 1) return false;
      if (refusal.limit === "blocks") {
        ceiling = Math.max(1, Math.min(ceiling, blocks - 1));
        size = clamp(blocks / 2);
        return true;
      }
      const { answerBytes, maxBytes } = refusal;
      const share = answerBytes && maxBytes && answerBytes > maxBytes ? maxBytes / answerBytes : 1;
      // Aim at half of what would have fitted: density varies within a range.
      size = clamp(Math.min(blocks / 2, (blocks * share) / 2));
      return true;
    },
  };
}
