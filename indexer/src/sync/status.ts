/** What the sync reports about itself: read by /health, /metrics and the tests. */
import { describeError } from "../rpc/errors.ts";
import {
  createLicenceChangeLog,
  recordLicenceChange,
  type LicenceChange,
  type LicenceChangeLog,
} from "./licence-changes.ts";

export interface SyncStatus {
  phase: "starting" | "backfill" | "live" | "stopped" | "failed";
  headBlock: number | null;
  indexedBlock: number | null;
  eventsTotal: number;
  /** The timestamp of the last indexed block (what the contracts see as block.timestamp). */
  indexedTimestamp: number | null;
  /** Commits that changed each contract's data. */
  commitsByContract: Record<string, number>;
  /** Rollbacks and resets: each may have changed any data. */
  rewindsTotal: number;
  /** What commits changed of the licence answers (kept answers drop only those). */
  licenceChanges: LicenceChangeLog;
  /**
   * This process cannot hear the store's commits (a read-only process whose listening
   * connection is down): nothing read now may be kept.
   */
  unheard: boolean;
  rpcErrorsTotal: number;
  /** Notices a read-only process heard and refused: forged, altered or sent again. */
  noticesRefusedTotal: number;
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
    indexedTimestamp: null,
    commitsByContract: {},
    rewindsTotal: 0,
    licenceChanges: createLicenceChangeLog(),
    unheard: false,
    rpcErrorsTotal: 0,
    noticesRefusedTotal: 0,
    reorgsTotal: 0,
    resetsTotal: 0,
    consecutiveRpcFailures: 0,
    lastRpcError: null,
    lastRpcSuccessAt: Date.now(),
    fatalError: null,
    samples: [],
  };
}

/**
 * The store now holds the chain up to `block` (null: nothing); `change` says what changed: the
 * contracts a commit wrote and what it changed of the licence answers, or a rewind (anything).
 */
export function recordStoreChange(
  status: SyncStatus,
  block: { number: number; timestamp: number } | null,
  change: { commitOf: Iterable<string>; licence: LicenceChange } | "rewind" | "none",
): void {
  status.indexedBlock = block?.number ?? null;
  status.indexedTimestamp = block?.timestamp ?? null;
  if (change === "rewind") status.rewindsTotal += 1;
  else if (change !== "none") {
    for (const contract of new Set(change.commitOf)) {
      status.commitsByContract[contract] = (status.commitsByContract[contract] ?? 0) + 1;
    }
    recordLicenceChange(status.licenceChanges, change.licence);
  }
}

/**
 * A value that changes whenever every kept licence answer must go (a rewind, a wide change),
 * or null while nothing read can be kept (the process cannot hear commits).
 */
export function licenceVersion(status: SyncStatus): string | null {
  if (status.unheard) return null;
  return `${status.rewindsTotal}:${status.licenceChanges.wide}`;
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
