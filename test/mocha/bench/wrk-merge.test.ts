/**
 * The indexer benchmark merges the latencies of several wrk processes into one percentile over
 * all their requests, from the slowest answers each one lists.
 */
import { expect } from "chai";
import { mergedPercentile } from "../../../bench/indexer/wrk.ts";

/** What a wrk process lists of `latencies`: its count and its slowest 5%, slowest first. */
function listed(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => b - a);
  return {
    recorded: latencies.length,
    tailUs: sorted.slice(0, Math.ceil(latencies.length * 0.05)),
  };
}

/** The answer at rank ceil(p% of all), counted from the fastest, over every latency. */
function percentileOfAll(all: number[], p: number): number {
  const sorted = [...all].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1];
}

describe("bench: merged wrk percentiles", () => {
  it("finds the percentile over all requests of several processes", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const fast = Array.from({ length: 40_000 }, () => Math.round(1_000 + 3_000 * random()));
    // A second server with a heavier tail: the merged p99 lies between the two servers' p99s.
    const slow = Array.from({ length: 30_000 }, () =>
      Math.round(1_000 + (random() < 0.03 ? 50_000 : 5_000) * random()),
    );
    const merged = mergedPercentile([listed(fast), listed(slow)], 99);
    expect(merged).to.equal(percentileOfAll([...fast, ...slow], 99));
    expect(merged).to.be.above(percentileOfAll(fast, 99));
    expect(merged).to.be.below(percentileOfAll(slow, 99));
    expect(mergedPercentile([listed(fast)], 99)).to.equal(percentileOfAll(fast, 99));
  });

  it("refuses to merge when a process listed too few of its slowest answers", () => {
    const many = listed(Array.from({ length: 100_000 }, (_, i) => i));
    const few = { recorded: 1_000, tailUs: [5, 4] };
    expect(() => mergedPercentile([many, few], 99)).to.throw("cannot merge p99");
    expect(() => mergedPercentile([], 99)).to.throw("no answers were recorded");
  });
});
