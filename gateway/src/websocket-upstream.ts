import WebSocket from "ws";
import { describeError, internalError } from "./errors.ts";
import type { Forward } from "./handler.ts";
import { isRecord, type JsonRpcResponse } from "./json-rpc.ts";

/** One WebSocket to the node per client connection, so subscriptions stay with their client. */
export type WebSocketUpstream = {
  forward: Forward;
  close(): void;
};

export type WebSocketUpstreamOptions = {
  url: string;
  timeoutMs: number;
  /** Messages the node sends on its own (eth_subscription notifications), passed on verbatim. */
  onNotification(raw: string): void;
  /** The node's socket closed or failed: the client's connection must end too. */
  onClose(reason: string): void;
};

type Pending = {
  resolve(response: JsonRpcResponse): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
};

/**
 * Requests go out with the gateway's own ids (clients' ids may collide on one socket) and the
 * answer gets the client's id back; anything without a pending id is a notification.
 */
export function openWebSocketUpstream(options: WebSocketUpstreamOptions): WebSocketUpstream {
  const socket = new WebSocket(options.url);
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closedReason: string | undefined;
  const opened = new Promise<void>((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  opened.catch(() => undefined);

  function failAll(reason: string): void {
    closedReason ??= reason;
    for (const [id, entry] of pending) {
      clearTimeout(entry.timer);
      entry.reject(internalError(`the node's WebSocket closed: ${reason}`));
      pending.delete(id);
    }
  }

  socket.on("message", (data) => {
    const raw = data.toString();
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return options.onNotification(raw);
    }
    const entry =
      isRecord(message) && typeof message.id === "number" ? pending.get(message.id) : undefined;
    if (entry === undefined || !isRecord(message)) return options.onNotification(raw);
    pending.delete(message.id as number);
    clearTimeout(entry.timer);
    entry.resolve(message as JsonRpcResponse);
  });
  socket.on("error", (error) => failAll(describeError(error)));
  socket.on("close", (code) => {
    failAll(`code ${code}`);
    options.onClose(closedReason ?? `code ${code}`);
  });

  const forward: Forward = async (request) => {
    try {
      await opened;
    } catch (error) {
      throw internalError(`cannot reach the node's WebSocket: ${describeError(error)}`);
    }
    if (closedReason !== undefined)
      throw internalError(`the node's WebSocket closed: ${closedReason}`);
    const id = nextId++;
    const response = await new Promise<JsonRpcResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(internalError(`the node did not answer within ${options.timeoutMs} ms`));
      }, options.timeoutMs);
      pending.set(id, { resolve, reject, timer });
      socket.send(JSON.stringify({ ...request, id }));
    });
    return { ...response, id: request.id ?? null };
  };

  return {
    forward,
    close() {
      failAll("the client disconnected");
      socket.terminate();
    },
  };
}
