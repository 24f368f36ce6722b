/**
 * What the indexer benchmark measures of running indexer processes: a cold start (first
 * answer, first answer from the store, caught up with the chain), the latency of licence checks
 * under concurrent clients, and how long a purchase takes to be visible in every API process.
 */
import { indexedBlock, timeUntil, type IndexerProcess } from "./process.ts";
import { wrkLoad } from "./wrk.ts";

export const round = (n: number) => Math.round(n * 100) / 100;

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export interface ColdStart {
  /** Spawn to the first HTTP answer (/health, 200). */
  firstAnswerMs: number;
  /** Spawn to the first licence check answered from the store (200). */
  firstStoreAnswerMs: number;
  /** Spawn to the chain's head indexed. */
  caughtUpMs: number;
  events: number;
  /** Events over the time from spawn to the last one indexed. */
  eventsPerSecond: number;
  /** Events over the time from the first store answer to the last one indexed. */
  eventsPerSecondOnceOpen: number;
  cpuSeconds: number;
  eventsPerCpuSecond: number;
}

/** Watches a freshly spawned indexer until it has indexed `head`, which holds `events` events. */
export async function coldStart(
  indexer: IndexerProcess,
  checkRoute: string,
  head: number,
  events: number,
): Promise<ColdStart> {
  const firstAnswerMs = await timeUntil(indexer, "/health", (status) => status === 200);
  const firstStoreAnswerMs = await timeUntil(indexer, checkRoute, (status) => status === 200);
  const caughtUpMs = await timeUntil(indexer, "/health", (_s, body) => indexedBlock(body) >= head);
  const cpuSeconds = await indexer.cpuSeconds();
  return {
    firstAnswerMs: round(firstAnswerMs),
    firstStoreAnswerMs: round(firstStoreAnswerMs),
    caughtUpMs: round(caughtUpMs),
    events,
    eventsPerSecond: Math.round(events / (caughtUpMs / 1000)),
    eventsPerSecondOnceOpen: Math.round(events / ((caughtUpMs - firstStoreAnswerMs) / 1000)),
    cpuSeconds,
    eventsPerCpuSecond: Math.round(events / cpuSeconds),
  };
}

export interface Latency {
  requests: number;
  seconds: number;
  connections: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requestsPerSecond: number;
  /** p99 of each server (ms); p99Ms is the highest of them. */
  p99MsPerServer: number[];
  /** The p99 over all servers' requests, merged (ms): p99Ms when there is one server. */
  p99MsOverAll: number;
}

/** `seconds` of requests cycling through `routes` on `urls`, from `connections` clients (wrk). */
export async function latency(
  urls: string[],
  routes: string[],
  seconds: number,
  connections: number,
): Promise<Latency> {
  const load = await wrkLoad({ routes, baseUrls: urls, seconds, connections });
  if (load.failures.length > 0) {
    throw new Error(`requests failed: ${load.failures.slice(0, 3).join("; ")}`);
  }
  return {
    requests: load.requests,
    seconds: round(load.seconds),
    connections,
    p50Ms: round(load.p50Ms),
    p99Ms: round(load.p99Ms),
    maxMs: round(load.maxMs),
    requestsPerSecond: Math.round(load.requests / load.seconds),
    p99MsPerServer: load.perServer.map((s) => round(s.p99Ms)),
    p99MsOverAll: round(load.p99MsOverAll),
  };
}

/**
 * After unmeasured warm-up requests, the latency of `routes` and, under the same load, of
 * /health: the cheapest route, what the HTTP stack and the machine allow at that moment.
 */
export async function checkLatency(
  urls: string[],
  routes: string[],
  options: { warmUpSeconds: number; seconds: number; connections: number },
) {
  await latency(urls, routes, options.warmUpSeconds, options.connections);
  const checks = await latency(urls, routes, options.seconds, options.connections);
  const health = await latency(urls, ["/health"], options.seconds, options.connections);
  return { checks, health, p99OverHealth: round(checks.p99Ms / health.p99Ms) };
}

/**
 * Milliseconds from a purchase's block to the moment every one of `urls` answers with its
 * record: `purchase` sends it and resolves, once mined, with the route and the record id.
 */
export async function visibleAfter(
  urls: string[],
  purchase: () => Promise<{ route: string; recordId: number }>,
  timeoutMs = 30_000,
): Promise<number> {
  const { route, recordId } = await purchase();
  const mined = performance.now();
  const seen = await Promise.all(
    urls.map(async (url) => {
      for (;;) {
        const response = await fetch(`${url}${route}`);
        const answer = (await response.json()) as { recordId?: number };
        if (answer.recordId === recordId) return performance.now() - mined;
        if (performance.now() - mined > timeoutMs) {
          throw new Error(`${url}${route}: record ${recordId} not visible after ${timeoutMs} ms`);
        }
        await new Promise((r) => setTimeout(r, 2));
      }
    }),
  );
  return round(Math.max(...seen));
}
