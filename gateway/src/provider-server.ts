import { EventEmitter } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import {
  describeError,
  internalError,
  invalidRequest,
  JsonRpcError,
  parseError,
} from "./errors.ts";
import { errorResponse, idOf, isRecord, type JsonRpcResponse } from "./json-rpc.ts";

/** The EIP-1193 provider shape an in-process node (Hardhat's `network.create()`) offers. */
export type Eip1193Provider = EventEmitter & {
  request(args: { method: string; params?: readonly unknown[] | object }): Promise<unknown>;
};

export type ProviderServer = { url: string; wsUrl: string; close(): Promise<void> };

type SubscriptionMessage = { type: string; data: { subscription: string; result: unknown } };

function rpcErrorOf(error: unknown): JsonRpcError {
  if (error instanceof Error && "code" in error && typeof error.code === "number") {
    const data = "data" in error ? error.data : undefined;
    return new JsonRpcError(error.code, error.message, data);
  }
  return internalError(describeError(error));
}

async function answer(provider: Eip1193Provider, item: unknown): Promise<JsonRpcResponse> {
  const id = idOf(item);
  if (!isRecord(item) || typeof item.method !== "string") {
    return errorResponse(id, invalidRequest("not a JSON-RPC request"));
  }
  try {
    const params = item.params as readonly unknown[] | object | undefined;
    const result = await provider.request({ method: item.method, params });
    return { jsonrpc: "2.0", id, result: result ?? null };
  } catch (error) {
    return errorResponse(id, rpcErrorOf(error));
  }
}

async function answerPayload(provider: Eip1193Provider, text: string): Promise<unknown> {
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    return errorResponse(null, parseError(describeError(error)));
  }
  if (Array.isArray(payload)) return Promise.all(payload.map((item) => answer(provider, item)));
  return answer(provider, payload);
}

/** The id an eth_subscribe answer carries, so its notifications reach the right socket. */
function subscriptionIdOf(requestText: string, body: unknown): string | undefined {
  try {
    const request: unknown = JSON.parse(requestText);
    if (!isRecord(request) || request.method !== "eth_subscribe") return undefined;
  } catch {
    return undefined;
  }
  return isRecord(body) && typeof body.result === "string" ? body.result : undefined;
}

/**
 * Serves an in-process EIP-1193 provider as a JSON-RPC node over HTTP and WebSocket (with
 * eth_subscribe notifications): a stand-in for `hardhat node` that starts in milliseconds.
 */
export async function serveProvider(provider: Eip1193Provider, port = 0): Promise<ProviderServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void answerPayload(provider, Buffer.concat(chunks).toString("utf8")).then((body) => {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
      });
    });
  });
  const wss = new WebSocketServer({ server });
  const owners = new Map<string, WebSocket>();

  const onMessage = (message: SubscriptionMessage): void => {
    const socket = owners.get(message.data.subscription);
    if (socket === undefined || socket.readyState !== socket.OPEN) return;
    const params = { subscription: message.data.subscription, result: message.data.result };
    socket.send(JSON.stringify({ jsonrpc: "2.0", method: "eth_subscription", params }));
  };
  provider.on("message", onMessage);

  wss.on("connection", (socket) => {
    socket.on("message", (data) => {
      const text = data.toString();
      void answerPayload(provider, text).then((body) => {
        const subscription = subscriptionIdOf(text, body);
        if (subscription !== undefined) owners.set(subscription, socket);
        socket.send(JSON.stringify(body));
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    wsUrl: `ws://127.0.0.1:${address.port}`,
    async close() {
      provider.off("message", onMessage);
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
