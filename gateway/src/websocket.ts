import type { WebSocket } from "ws";
import { describeError, parseError } from "./errors.ts";
import type { RequestHandler } from "./handler.ts";
import { errorResponse } from "./json-rpc.ts";
import type { GatewayLogger } from "./log.ts";
import { openWebSocketUpstream } from "./websocket-upstream.ts";

export type WebSocketHandlerOptions = {
  handle: RequestHandler;
  upstreamWs: string;
  timeoutMs: number;
  logger: GatewayLogger;
};

/**
 * The WebSocket side: each client gets its own socket to the node. Requests go through the same
 * permission check as HTTP; the node's subscription notifications come back untouched.
 */
export function createWebSocketHandler(options: WebSocketHandlerOptions) {
  return (client: WebSocket): void => {
    const upstream = openWebSocketUpstream({
      url: options.upstreamWs,
      timeoutMs: options.timeoutMs,
      onNotification: (raw) => {
        if (client.readyState === client.OPEN) client.send(raw);
      },
      onClose: (reason) => {
        options.logger.warn("node WebSocket closed; closing the client", { reason });
        client.close(1011, "upstream closed");
      },
    });

    function reply(body: unknown): void {
      if (body !== undefined && client.readyState === client.OPEN)
        client.send(JSON.stringify(body));
    }

    client.on("message", (data) => {
      let payload: unknown;
      try {
        payload = JSON.parse(data.toString());
      } catch (error) {
        reply(errorResponse(null, parseError(describeError(error))));
        return;
      }
      options.handle(payload, upstream.forward).then(reply, (error: unknown) => {
        options.logger.error("WebSocket request failed", { reason: describeError(error) });
      });
    });
    client.on("close", () => upstream.close());
    client.on("error", (error) => {
      options.logger.warn("client WebSocket error", { reason: describeError(error) });
    });
  };
}
