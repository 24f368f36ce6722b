/**
 * Waiting for something observable — a port that answers, a block that gets indexed, a line that
 * a process prints — instead of for the clock.
 *
 * A wait gives up only when nothing has moved for a while: the deadline counts from the last
 * progress it saw, and it stretches with the machine's load (a two-core machine running a CPU
 * stress test gets several times longer). When it gives up, its error says what it waited for,
 * what it saw last, and for how long nothing moved.
 */
import { availableParallelism, loadavg } from "node:os";

/**
 * How much slower this machine is than an idle one: the one-minute load per core (at least 1),
 * or SPIN_TIME_SCALE when that is larger (to stretch every wait on a machine known to be slow).
 */
export function timeScale(): number {
  const load = loadavg()[0] / availableParallelism();
  const asked = Number(process.env.SPIN_TIME_SCALE ?? 1);
  return Math.min(Math.max(1, load, Number.isFinite(asked) ? asked : 1), 20);
}

/** `ms` on an idle machine, stretched for this one's load. */
export function scaled(ms: number): number {
  return Math.round(ms * timeScale());
}

type Listener = () => void;
const listeners = new Set<Listener>();

/**
 * Calls `listener` whenever a wait sees progress; returns the function that unsubscribes it.
 * The test runner uses it to restart a test's timeout while the test is moving.
 */
export function onProgress(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells the waits' listeners that something moved (for progress seen outside a wait). */
export function reportProgress(): void {
  for (const listener of listeners) listener();
}

export class WaitError extends Error {
  readonly what: string;
  readonly lastSeen: string;
  readonly stalledMs: number;

  constructor(what: string, lastSeen: string, stalledMs: number, reason: string) {
    super(`gave up waiting for ${what}: ${reason}; last seen: ${lastSeen}`);
    this.name = "WaitError";
    this.what = what;
    this.lastSeen = lastSeen;
    this.stalledMs = stalledMs;
  }
}

export interface WaitOptions<T> {
  /** What is awaited, for the error: "the indexer to reach block 22". */
  what: string;
  /** Reads the current state. A throw counts as "not yet", and its message as what was seen. */
  probe: () => Promise<T> | T;
  /** True once the state is the awaited one. */
  done: (value: T) => boolean;
  /**
   * What counts as moving (a block number, a line count): the deadline restarts whenever it
   * changes. Without it, only reaching `done` counts, and the wait is a plain scaled deadline.
   */
  progress?: (value: T) => unknown;
  /** How long nothing may move on an idle machine before giving up; stretched by `timeScale`. */
  stallMs?: number;
  /** Says why the awaited state can no longer come (its process exited), or undefined. */
  gone?: () => string | undefined;
  /** Renders a state for the error message (JSON by default). */
  describe?: (value: T) => string;
  intervalMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The probe's answer, or a rejection once `ms` passed without one (a probe may hang too). */
async function withinMs<T>(value: Promise<T> | T, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error("the probe itself did not answer")),
      Math.max(ms, 1_000),
    );
  });
  try {
    return await Promise.race([value, late]);
  } finally {
    clearTimeout(timer);
  }
}

function render<T>(value: T, describe?: (value: T) => string): string {
  if (describe) return describe(value);
  if (typeof value === "string") return value.length > 2_000 ? `…${value.slice(-2_000)}` : value;
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));
  } catch {
    return String(value);
  }
}

/** Resolves with the first state that is `done`; throws a WaitError when it stalls or is gone. */
export async function waitFor<T>(options: WaitOptions<T>): Promise<T> {
  const stallMs = options.stallMs ?? 30_000;
  const intervalMs = options.intervalMs ?? 100;
  let lastSeen = "nothing yet";
  let lastMark: unknown = undefined;
  let movedAt = Date.now();
  for (let first = true; ; first = false) {
    const gone = options.gone?.();
    if (gone) throw new WaitError(options.what, lastSeen, Date.now() - movedAt, gone);
    try {
      const value = await withinMs(options.probe(), scaled(stallMs) - (Date.now() - movedAt));
      lastSeen = render(value, options.describe);
      if (options.done(value)) {
        reportProgress();
        return value;
      }
      if (options.progress) {
        const mark = options.progress(value);
        if (first || !Object.is(mark, lastMark)) {
          lastMark = mark;
          movedAt = Date.now();
          reportProgress();
        }
      }
    } catch (error) {
      lastSeen = error instanceof Error ? error.message : String(error);
    }
    const stalled = Date.now() - movedAt;
    const allowed = scaled(stallMs);
    if (stalled > allowed) {
      const reason = options.progress
        ? `nothing moved for ${(stalled / 1000).toFixed(1)} s (allowed ${(allowed / 1000).toFixed(1)} s at this load)`
        : `not there after ${(stalled / 1000).toFixed(1)} s (allowed ${(allowed / 1000).toFixed(1)} s at this load)`;
      throw new WaitError(options.what, lastSeen, stalled, reason);
    }
    await sleep(intervalMs);
  }
}
