/**
 * Adaptive eth_getLogs ranges: grow while requests come back fast, halve when the node refuses
 * a range as too large.
 */
export interface RangeSizer {
  readonly size: number;
  /** A range of `blocks` blocks was answered in `elapsedMs`. */
  succeeded(blocks: number, elapsedMs: number): void;
  /** The node refused the range; returns false when it cannot be split further. */
  refused(): boolean;
}

const FAST_MS = 1_000;

export function createRangeSizer(initial: number, max: number): RangeSizer {
  let size = Math.min(initial, max);
  return {
    get size() {
      return size;
    },
    succeeded(blocks, elapsedMs) {
      if (blocks >= size && elapsedMs < FAST_MS) size = Math.min(max, size * 2);
    },
    refused() {
      if (size === 1) return false;
      size = Math.max(1, Math.floor(size / 2));
      return true;
    },
  };
}
