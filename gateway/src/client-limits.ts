/**
 * Per-client limits, so one client cannot starve the others: a token bucket for its request rate
 * (`ratePerSecond` on average, `burst` at once) and a cap on its requests in flight to the node
 * (`maxInFlight`, with `maxQueued` more waiting). A client's state is forgotten once it is idle
 * with a full bucket, so the table holds only clients seen recently.
 */
import { JsonRpcError, RpcErrorCode } from "./errors.ts";

export type ClientLimitsOptions = {
  ratePerSecond: number;
  burst: number;
  maxInFlight: number;
  maxQueued: number;
};

type ClientState = {
  tokens: number;
  refilledAt: number;
  inFlight: number;
  waiting: Array<() => void>;
};

export type ClientLimits = {
  /** Takes one request's token; false when the client is over its rate. */
  take(client: string): boolean;
  /** Whether the client has a token left, without taking it. */
  hasToken(client: string): boolean;
  /** Seconds until the client has a token again (at least 1). */
  retryAfterSeconds(client: string): number;
  /** Runs `task` within the client's in-flight cap; throws ClientBusyError past its queue. */
  run<T>(client: string, task: () => Promise<T>): Promise<T>;
  /** Clients currently tracked. */
  size(): number;
  close(): void;
};

/** The client already has `maxInFlight` requests at the node and `maxQueued` waiting. */
export class ClientBusyError extends JsonRpcError {
  constructor(maxInFlight: number, maxQueued: number) {
    super(
      RpcErrorCode.limitExceeded,
      "Limit exceeded",
      `this client already has ${maxInFlight} requests at the node and ${maxQueued} waiting`,
      "client_concurrency",
    );
  }
}

export function createClientLimits(
  options: ClientLimitsOptions,
  now: () => number = () => performance.now(),
): ClientLimits {
  const clients = new Map<string, ClientState>();
  const perMs = options.ratePerSecond / 1000;

  function stateOf(client: string): ClientState {
    let state = clients.get(client);
    if (state === undefined) {
      state = { tokens: options.burst, refilledAt: now(), inFlight: 0, waiting: [] };
      clients.set(client, state);
    } else {
      const at = now();
      state.tokens = Math.min(options.burst, state.tokens + (at - state.refilledAt) * perMs);
      state.refilledAt = at;
    }
    return state;
  }

  function forgetIdle(): void {
    const at = now();
    for (const [client, state] of clients) {
      const full = state.tokens + (at - state.refilledAt) * perMs >= options.burst;
      if (full && state.inFlight === 0 && state.waiting.length === 0) clients.delete(client);
    }
  }
  const sweeper = setInterval(forgetIdle, 30_000);
  sweeper.unref();

  async function acquire(state: ClientState): Promise<void> {
    if (state.inFlight < options.maxInFlight) {
      state.inFlight += 1;
      return;
    }
    if (state.waiting.length >= options.maxQueued) {
      throw new ClientBusyError(options.maxInFlight, options.maxQueued);
    }
    // The slot is handed over by release(), so inFlight stays counted.
    await new Promise<void>((resolve) => state.waiting.push(resolve));
  }

  function release(state: ClientState): void {
    const next = state.waiting.shift();
    if (next === undefined) state.inFlight -= 1;
    else next();
  }

  return {
    take(client) {
      const state = stateOf(client);
      if (state.tokens < 1) return false;
      state.tokens -= 1;
      return true;
    },
    hasToken(client) {
      return stateOf(client).tokens >= 1;
    },
    retryAfterSeconds(client) {
      const missing = 1 - stateOf(client).tokens;
      return Math.max(1, Math.ceil(missing / options.ratePerSecond));
    },
    async run(client, task) {
      const state = stateOf(client);
      await acquire(state);
      try {
        return await task();
      } finally {
        release(state);
      }
    },
    size: () => clients.size,
    close() {
      clearInterval(sweeper);
    },
  };
}
