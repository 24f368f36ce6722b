// Small JSON-RPC clients for the gateway tests (HTTP and WebSocket), kept apart from the tests.
import { request as httpRequest } from "node:http";
import WebSocket, { type ClientOptions } from "ws";
import type { GatewayClock, GatewayLogger } from "@spin/gateway";
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

export type HttpAnswer = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: RpcBody & RpcBody[];
};

/**
 * POSTs from a chosen local address (127.0.0.x: a distinct client to the gateway's limits) with
 * chosen headers; the body is sent as given when it is a string.
 */
export function postFrom(
  url: string,
  body: unknown,
  options: { localAddress?: string; headers?: Record<string, string>; method?: string } = {},
): Promise<HttpAnswer> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: options.method ?? "POST",
        localAddress: options.localAddress,
        agent: false,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(text),
          ...options.headers,
        },
      },
      (res) => {
        let answer = "";
        res.on("data", (chunk: Buffer) => (answer += chunk.toString("utf8")));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            json: answer === "" ? undefined : JSON.parse(answer),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(text);
  });
}

let nextId = 1;

export function request(method: string, params: unknown[] = []) {
  return { jsonrpc: "2.0", id: nextId++, method, params };
}

/** One request over HTTP; returns the whole JSON-RPC answer (result or error). */
export async function rpc(url: string, method: string, params: unknown[] = []): Promise<RpcBody> {
  return (await post(url, request(method, params))).json;
}

/** Tries to open a WebSocket; resolves with the HTTP status of a refused upgrade (101 if open). */
export function upgradeStatus(url: string, options: ClientOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options);
    socket.once("open", () => {
      socket.terminate();
      resolve(101);
    });
    socket.once("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once("error", reject);
  });
}

/** A WebSocket client that keeps every message so tests can await answers and notifications. */
export class WsClient {
  readonly socket: WebSocket;
  readonly messages: RpcBody[] = [];
  readonly #waiters: Array<() => void> = [];
  #closeCode = 0;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on("message", (data) => {
      this.messages.push(JSON.parse(String(data)));
      for (const wake of this.#waiters.splice(0)) wake();
    });
    socket.on("close", (code: number) => (this.#closeCode = code));
  }

  /** Connects (with an Origin header or from a local address when given) and waits for open. */
  static async open(url: string, options: ClientOptions = {}): Promise<WsClient> {
    const socket = new WebSocket(url, options);
    await new Promise((resolve, reject) => {
      socket.once("open", resolve);
      socket.once("error", reject);
    });
    return new WsClient(socket);
  }

  /** Resolves with the close code once the gateway (or the node behind it) closes the socket. */
  closed(): Promise<number> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve(this.#closeCode);
    return new Promise((resolve) => this.socket.once("close", (code: number) => resolve(code)));
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

/**
 * A clock that stands still: a client's request budget, once spent, does not refill while the
 * test runs, however slowly the machine runs it.
 */
export const stoppedClock: GatewayClock = () => 0;

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
