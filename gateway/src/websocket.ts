/**
 * The WebSocket side. An upgrade is refused (with an HTTP status and a JSON body) from a foreign
 * origin, past the connection caps (all clients, and per client) or past the client's rate.
 * Each connection gets its own socket to the node, so subscriptions stay with their client;
 * requests go through the same handler as HTTP, sharing the client's limits; subscriptions per
 * connection, message size and unsent bytes (a client too slow to read) are bounded.
 */
import { STATUS_CODES, type IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { ClientIdentifier } from "./client-address.ts";
import type { ClientLimits } from "./client-limits.ts";
import {
  describeError,
  invalidRequest,
  limitExceeded,
  parseError,
  type JsonRpcError,
} from "./errors.ts";
import type { RequestHandler, SubscriptionSlots } from "./handler.ts";
import { errorResponse } from "./json-rpc.ts";
import type { GatewayLogger } from "./log.ts";
import type { OriginPolicy } from "./origin.ts";
import type { Refusals } from "./refusals.ts";
import { openWebSocketUpstream } from "./websocket-upstream.ts";

export type WebSocketOptions = {
  handle: RequestHandler;
  upstreamWs: string;
  timeoutMs: number;
  logger: GatewayLogger;
  origins: OriginPolicy;
  identify: ClientIdentifier;
  clientLimits: ClientLimits;
  refusals: Refusals;
  maxWebSocketConnections: number;
  maxWebSocketConnectionsPerClient: number;
  maxSubscriptionsPerConnection: number;
  maxWebSocketMessageBytes: number;
  maxWebSocketBufferedBytes: number;
  clientRatePerSecond: number;
};

export type WebSocketGate = {
  /** The HTTP server's `upgrade` event. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  connections(): number;
  close(): Promise<void>;
};

/** Close codes: 1008 (policy) for a client too slow to read or over its rate; 1011, node gone. */
const POLICY_VIOLATION = 1008;
const UPSTREAM_GONE = 1011;

function subscriptionSlots(max: number): SubscriptionSlots {
  const active = new Set<string>();
  let reserved = 0;
  return {
    max,
    reserve() {
      if (active.size + reserved >= max) return false;
      reserved += 1;
      return true;
    },
    settle(id) {
      reserved -= 1;
      if (id !== undefined) active.add(id);
    },
    remove: (id) => void active.delete(id),
  };
}

export function createWebSocketGate(options: WebSocketOptions): WebSocketGate {
  const { refusals } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxWebSocketMessageBytes });
  const perClient = new Map<string, number>();

  function refuseUpgrade(
    socket: Duplex,
    client: string,
    status: number,
    error: JsonRpcError,
    fields: Record<string, unknown> = {},
  ): void {
    if (error.reason !== undefined) {
      refusals.record(error.reason, { client, transport: "ws", ...fields });
    }
    const body = JSON.stringify(errorResponse(null, error));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  }

  function refusalOf(req: IncomingMessage, client: string) {
    const origin = options.origins.refusedOrigin(req.headers);
    if (origin !== undefined) {
      const detail = `WebSocket connections from the origin ${origin} are not allowed here`;
      return {
        status: 403,
        error: invalidRequest(detail, "origin_not_allowed"),
        fields: { origin },
      };
    }
    if (wss.clients.size >= options.maxWebSocketConnections) {
      const detail = `the gateway holds at most ${options.maxWebSocketConnections} WebSocket connections`;
      return { status: 503, error: limitExceeded(detail, "websocket_connections") };
    }
    if ((perClient.get(client) ?? 0) >= options.maxWebSocketConnectionsPerClient) {
      const detail = `a client holds at most ${options.maxWebSocketConnectionsPerClient} WebSocket connections`;
      return { status: 429, error: limitExceeded(detail, "websocket_client_connections") };
    }
    if (!options.clientLimits.take(client)) {
      const detail = `this client may send ${options.clientRatePerSecond} requests per second`;
      return { status: 429, error: limitExceeded(detail, "rate_limited") };
    }
    return undefined;
  }

  function serve(ws: WebSocket, client: string): void {
    perClient.set(client, (perClient.get(client) ?? 0) + 1);
    const slots = subscriptionSlots(options.maxSubscriptionsPerConnection);
    let closed = false;

    /** Sends unless the client has not read what it was already sent; then drops it. */
    function deliver(text: string): void {
      if (closed || ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > options.maxWebSocketBufferedBytes) {
        refusals.record("websocket_slow_client", {
          client,
          transport: "ws",
          unsent: ws.bufferedAmount,
        });
        ws.close(POLICY_VIOLATION, "too slow: messages are not being read");
        ws.terminate();
        return;
      }
      ws.send(text);
    }

    const upstream = openWebSocketUpstream({
      url: options.upstreamWs,
      timeoutMs: options.timeoutMs,
      onNotification: deliver,
      onClose: (reason) => {
        if (closed) return;
        options.logger.warn("node WebSocket closed; closing the client", { client, reason });
        ws.close(UPSTREAM_GONE, "upstream closed");
      },
    });
    const context = {
      client,
      transport: "ws" as const,
      forward: upstream.forward,
      subscriptions: slots,
    };

    ws.on("message", (data) => {
      // A connection that keeps sending past its client's rate is closed, as an HTTP client
      // over its rate is made to wait: answering a flood message by message would feed it.
      if (!options.clientLimits.hasToken(client)) {
        refusals.record("rate_limited", { client, transport: "ws" });
        const retry = options.clientLimits.retryAfterSeconds(client);
        ws.close(POLICY_VIOLATION, `over the request rate: retry in ${retry} s`);
        return;
      }
      let payload: unknown;
      try {
        payload = JSON.parse(data.toString());
      } catch (error) {
        const refusal = parseError(describeError(error));
        refusals.record("parse_error", { client, transport: "ws" });
        deliver(JSON.stringify(errorResponse(null, refusal)));
        return;
      }
      options.handle(payload, context).then(
        (body) => body !== undefined && deliver(JSON.stringify(body)),
        (error: unknown) => {
          options.logger.error("WebSocket request failed", {
            client,
            reason: describeError(error),
          });
        },
      );
    });
    ws.on("close", () => {
      closed = true;
      const left = (perClient.get(client) ?? 1) - 1;
      if (left === 0) perClient.delete(client);
      else perClient.set(client, left);
      upstream.close();
    });
    ws.on("error", (error: Error & { code?: string }) => {
      if (error.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") {
        refusals.record("websocket_message_too_large", {
          client,
          transport: "ws",
          limit: options.maxWebSocketMessageBytes,
        });
        return;
      }
      options.logger.warn("client WebSocket error", { client, reason: describeError(error) });
    });
  }

  return {
    upgrade(req, socket, head) {
      const client = options.identify(req.socket.remoteAddress, req.headers["x-forwarded-for"]);
      const refusal = refusalOf(req, client);
      if (refusal !== undefined) {
        refuseUpgrade(socket, client, refusal.status, refusal.error, refusal.fields);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => serve(ws, client));
    },
    connections: () => wss.clients.size,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
