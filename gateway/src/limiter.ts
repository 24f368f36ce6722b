import { JsonRpcError, RpcErrorCode } from "./errors.ts";

/** Runs at most `maxConcurrency` tasks at once; up to `maxQueued` more wait their turn. */
export type Limiter = {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running or waiting now. */
  pending(): number;
};

/** Every slot is taken and the queue is full: the node is as busy as the gateway lets it be. */
export class OverloadedError extends JsonRpcError {
  constructor(maxQueued: number) {
    super(
      RpcErrorCode.limitExceeded,
      "Limit exceeded",
      `more than ${maxQueued} requests are waiting for the node`,
      "overloaded",
    );
  }
}

export function createLimiter(maxConcurrency: number, maxQueued: number): Limiter {
  let running = 0;
  const waiting: Array<() => void> = [];

  function release(): void {
    const next = waiting.shift();
    if (next === undefined) running -= 1;
    else next();
  }

  async function acquire(): Promise<void> {
    if (running < maxConcurrency) {
      running += 1;
      return;
    }
    if (waiting.length >= maxQueued) throw new OverloadedError(maxQueued);
    await new Promise<void>((resolve) => waiting.push(resolve));
  }

  return {
    async run(task) {
      await acquire();
      try {
        return await task();
      } finally {
        release();
      }
    },
    pending: () => running + waiting.length,
  };
}
