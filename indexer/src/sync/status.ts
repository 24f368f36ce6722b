/** What the sync reports about itself: read by /health, /metrics and the tests. */
import { describeError } from "../rpc/errors.ts";

export interface SyncStatus {
  phase: "starting" | "backfill" | "live" | "stopped" | "failed";
  headBlock: number | null;
  indexedBlock: number | null;
  eventsTotal: number;
  rpcErrorsTotal: number;
  reorgsTotal: number;
  resetsTotal: number;
  consecutiveRpcFailures: number;
  lastRpcError: string | null;
  lastRpcSuccessAt: number;
  fatalError: string | null;
  /** Recent (time, events) samples for the events-per-second rate. */
  samples: { at: number; events: number }[];
}

export function createStatus(): SyncStatus {
  return {
    phase: "starting",
    headBlock: null,
    indexedBlock: null,
    eventsTotal: 0,
    rpcErrorsTotal: 0,
    reorgsTotal: 0,
    resetsTotal: 0,
    consecutiveRpcFailures: 0,
    lastRpcError: null,
    lastRpcSuccessAt: Date.now(),
    fatalError: null,
    samples: [],
  };
}

const RATE_WINDOW_MS = 10_000;

export function recordEvents(status: SyncStatus, count: number, now = Date.now()): void {
  status.eventsTotal += count;
  status.samples.push({ at: now, events: count });
  while (status.samples.length > 0 && status.samples[0].at < now - RATE_WINDOW_MS) {
    status.samples.shift();
  }
}

export function eventsPerSecond(status: SyncStatus, now = Date.now()): number {
  const recent = status.samples.filter((s) => s.at >= now - RATE_WINDOW_MS);
  return recent.reduce((sum, s) => sum + s.events, 0) / (RATE_WINDOW_MS / 1000);
}

export function recordRpcFailure(status: SyncStatus, error: unknown): void {
  status.rpcErrorsTotal += 1;
  status.consecutiveRpcFailures += 1;
  status.lastRpcError = describeError(error);
}

export function recordRpcSuccess(status: SyncStatus): void {
  status.consecutiveRpcFailures = 0;
  status.lastRpcSuccessAt = Date.now();
}

/** Stuck: no successful RPC request for `stuckAfterMs` while failures keep coming. */
export function isStuck(status: SyncStatus, stuckAfterMs: number, now = Date.now()): boolean {
  return status.consecutiveRpcFailures > 0 && now - status.lastRpcSuccessAt > stuckAfterMs;
}
