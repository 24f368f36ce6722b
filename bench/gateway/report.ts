/** The gateway benchmark's arithmetic and table: percentiles, medians over rounds. */
import type { FloodResult } from "./load.ts";

export const round = (n: number) => Math.round(n * 100) / 100;

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export type RunResult = {
  run: string;
  clients: number;
  polite: {
    requests: number;
    refused: number;
    failed: number;
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
  };
  abuser: (FloodResult & { acceptedPerSecond: number; refusedPerSecond: number }) | null;
  gatewayRefusals: Record<string, number>;
  gatewayLogLines: number;
};

const median = (values: number[]) => percentile(values, 50);

/** One run's rounds summed up: totals, and the median of each round's percentiles. */
export function summary(rounds: RunResult[]) {
  const first = rounds[0];
  const abusers = rounds.flatMap((r) => (r.abuser ? [r.abuser] : []));
  return {
    run: first.run,
    clients: first.clients,
    politeRequests: rounds.reduce((n, r) => n + r.polite.requests, 0),
    politeRefusedOrFailed: rounds.reduce((n, r) => n + r.polite.refused + r.polite.failed, 0),
    p50Ms: round(median(rounds.map((r) => r.polite.p50Ms))),
    p99Ms: round(median(rounds.map((r) => r.polite.p99Ms))),
    p99MsByRound: rounds.map((r) => r.polite.p99Ms),
    abuserAccepted: abusers.length ? abusers.reduce((n, a) => n + a.accepted, 0) : null,
    abuserRefused: abusers.length ? abusers.reduce((n, a) => n + a.refused + a.failed, 0) : null,
    abuserAcceptedPerSecond: abusers.length
      ? Math.round(median(abusers.map((a) => a.acceptedPerSecond)))
      : null,
  };
}

export type Summary = ReturnType<typeof summary>;

export function table(summaries: Summary[]): string {
  const header = [
    "run",
    "clients",
    "well-behaved requests",
    "p50 ms",
    "p99 ms",
    "p99 ms by round",
    "refused",
    "abuser accepted",
    "abuser refused",
    "abuser accepted/s",
  ];
  const rows = summaries.map((r) => [
    r.run,
    String(r.clients),
    String(r.politeRequests),
    String(r.p50Ms),
    String(r.p99Ms),
    r.p99MsByRound.join(" / "),
    String(r.politeRefusedOrFailed),
    r.abuserAccepted === null ? "-" : String(r.abuserAccepted),
    r.abuserRefused === null ? "-" : String(r.abuserRefused),
    r.abuserAcceptedPerSecond === null ? "-" : String(r.abuserAcceptedPerSecond),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [
    line(header),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...rows.map(line),
  ].join("\n");
}
