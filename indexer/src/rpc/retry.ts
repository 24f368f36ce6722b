/**
 * Retries an RPC call with exponential backoff until it succeeds or the sync stops. Nothing is
 * skipped: a failing request is retried forever, and every failure is counted and reported.
 */
import { describeError } from "./errors.ts";

export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
}

export interface RetryObserver {
  onFailure(label: string, attempt: number, error: unknown): void;
  onSuccess(): void;
}

export class StoppedError extends Error {
  override name = "StoppedError";
  constructor() {
    super("the sync was stopped");
  }
}

/** Resolves after `ms`, or rejects with StoppedError as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new StoppedError());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new StoppedError());
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

export async function withRetry<T>(
  label: string,
  call: () => Promise<T>,
  policy: RetryPolicy,
  observer: RetryObserver,
  signal: AbortSignal,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    if (signal.aborted) throw new StoppedError();
    try {
      const result = await call();
      observer.onSuccess();
      return result;
    } catch (error) {
      if (signal.aborted) throw new StoppedError();
      observer.onFailure(label, attempt, error);
      const backoff = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt - 1, 16));
      await sleep(backoff / 2 + Math.random() * (backoff / 2), signal);
    }
  }
}

export { describeError };
