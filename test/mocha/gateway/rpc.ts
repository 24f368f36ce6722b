// Small JSON-RPC clients for the gateway tests (HTTP and WebSocket), kept apart from the tests.
import type { GatewayLogger } from "@spin/gateway";
import { scaled } from "../../../scripts/lib/wait.ts";

export type RpcBody = {
  jsonrpc?: string;
  id?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
  method?: string;
  params?: { subscription: string; result: unknown };
};

/** POSTs a body (an object, or a raw string sent as is) and returns the status and JSON answer. */
export async function post(
  url: string,
  body: unknown,
): Promise<{ status: number; json: RpcBody & RpcBody[] }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    json: text === "" ? undefined : JSON.parse(text),
  };
}

let nextId = 1;

export function request(method: string, params: unknown[] = []) {
  return { jsonrpc: "2.0", id: nextId++, method, params };
}

/** One request over HTTP; returns the whole JSON-RPC answer (result or error). */
export async function rpc(url: string, method: string, params: unknown[] = []): Promise<RpcBody> {
  return (await post(url, request(method, params))).json;
}

/** A WebSocket client that keeps every message so tests can await answers and notifications. */
export class WsClient {
  readonly socket: WebSocket;
  readonly messages: RpcBody[] = [];
  readonly #waiters: Array<() => void> = [];

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.addEventListener("message", (event) => {
      this.messages.push(JSON.parse(String(event.data)));
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  static async open(url: string): Promise<WsClient> {
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => {
      socket.addEventListener("open", resolve, { once: true });
      socket.addEventListener("error", reject, { once: true });
    });
    return new WsClient(socket);
  }

  /**
   * Resolves with the first kept message `match` accepts, waiting up to `timeoutMs` on an idle
   * machine (stretched with the load).
   */
  async waitFor(match: (message: RpcBody) => boolean, timeoutMs = 5_000): Promise<RpcBody> {
    const deadline = Date.now() + scaled(timeoutMs);
    for (;;) {
      const found = this.messages.find(match);
      if (found !== undefined) return found;
      if (Date.now() > deadline)
        throw new Error(
          `no matching WebSocket message arrived; last seen: ${JSON.stringify(this.messages.slice(-3))}`,
        );
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  /** Sends raw text or an object and waits for the answer with the same id. */
  async send(body: unknown): Promise<RpcBody & RpcBody[]> {
    this.socket.send(typeof body === "string" ? body : JSON.stringify(body));
    const batch = Array.isArray(body);
    const id = typeof body === "object" && body !== null && "id" in body ? body.id : null;
    const answer = await this.waitFor((message) =>
      batch ? Array.isArray(message) : !Array.isArray(message) && message.id === id,
    );
    return answer as RpcBody & RpcBody[];
  }

  close(): void {
    this.socket.close();
  }
}

export type LogEntry = {
  level: string;
  message: string;
  fields: Record<string, unknown>;
};

/** A logger that keeps its lines, so tests can assert what the gateway logged. */
export function memoryLogger(): GatewayLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const keep =
    (level: string) =>
    (message: string, fields: Record<string, unknown> = {}) =>
      void entries.push({ level, message, fields });
  return {
    entries,
    info: keep("info"),
    warn: keep("warn"),
    error: keep("error"),
  };
}
