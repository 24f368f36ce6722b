/**
 * The HTTP side: a JSON-RPC POST (a request or a batch) gets its answer; a CORS preflight from an
 * allowed origin gets its headers; GET on the metrics path gets the counters. Everything else is
 * refused with a JSON body, before the body is read when the headers already say no.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ClientIdentifier } from "./client-address.ts";
import type { ClientLimits } from "./client-limits.ts";
import { invalidRequest, JsonRpcError, limitExceeded, parseError, RpcErrorCode } from "./errors.ts";
import type { Forward, HandlerResult, RequestHandler } from "./handler.ts";
import { errorResponse } from "./json-rpc.ts";
import type { Metrics } from "./metrics.ts";
import { isJsonContentType, type OriginPolicy } from "./origin.ts";
import type { Refusals } from "./refusals.ts";

export type HttpListenerOptions = {
  handle: RequestHandler;
  forward: Forward;
  maxBodyBytes: number;
  origins: OriginPolicy;
  identify: ClientIdentifier;
  clientLimits: ClientLimits;
  metrics: Metrics;
  refusals: Refusals;
  metricsPath: string | null;
  clientRatePerSecond: number;
  throttleDelayMs: number;
};

type Headers = Record<string, string | number>;

/** Refused requests' bodies up to this size are read and dropped, keeping the connection. */
const DISCARDED_BODY_BYTES = 64 * 1024;

function send(res: ServerResponse, status: number, body: HandlerResult, headers: Headers): void {
  if (body === undefined) {
    res.writeHead(204, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, "content-type": "application/json" }).end(text);
}

/** Reads the body, or returns undefined once it grows past `maxBytes`. */
async function readBody(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function createHttpListener(options: HttpListenerOptions) {
  const { origins, refusals } = options;

  /** Refuses the whole HTTP request with `status` and a JSON-RPC error, and records why. */
  function refuse(
    req: IncomingMessage,
    res: ServerResponse,
    client: string,
    status: number,
    error: JsonRpcError,
    headers: Headers = {},
    delayMs = 0,
  ): void {
    if (error.reason !== undefined) {
      refusals.record(error.reason, {
        client,
        transport: "http",
        origin: req.headers.origin,
        ...error.logFields,
      });
    }
    // A small body is read and dropped so the connection can serve the client's next request.
    if (Number(req.headers["content-length"]) <= DISCARDED_BODY_BYTES) req.resume();
    const answer = () => {
      // A body still arriving is not read: close rather than drain it.
      const close: Headers = req.complete ? {} : { connection: "close" };
      send(res, status, errorResponse(null, error), { ...headers, ...close });
    };
    if (delayMs === 0) return answer();
    // The answer waits; the connection holds no body read and no work in the meantime.
    const timer = setTimeout(answer, delayMs);
    res.once("close", () => clearTimeout(timer));
  }

  function refusedOrigin(origin: string): JsonRpcError {
    const error = invalidRequest(
      `requests from the origin ${origin} are not allowed here`,
      "origin_not_allowed",
    );
    error.logFields = { origin };
    return error;
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const client = options.identify(req.socket.remoteAddress, req.headers["x-forwarded-for"]);
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && options.metricsPath !== null && path === options.metricsPath) {
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
      res.end(options.metrics.render());
      return;
    }
    const origin = origins.refusedOrigin(req.headers);
    if (origin !== undefined) return refuse(req, res, client, 403, refusedOrigin(origin));
    const cors = origins.corsHeaders(req.headers);
    if (req.method === "OPTIONS") {
      if (req.headers.origin === undefined) {
        const error = invalidRequest("a CORS preflight needs an Origin", "origin_not_allowed");
        return refuse(req, res, client, 403, error);
      }
      res.writeHead(204, origins.preflightHeaders(req.headers)).end();
      return;
    }
    if (req.method !== "POST") {
      const error = invalidRequest("send JSON-RPC requests with POST", "http_method_not_allowed");
      return refuse(req, res, client, 405, error, { ...cors, allow: "POST" });
    }
    if (!isJsonContentType(req.headers["content-type"])) {
      const type = req.headers["content-type"] ?? "none";
      const error = invalidRequest(
        `the content type must be application/json, not ${type}`,
        "content_type_not_allowed",
      );
      error.logFields = { contentType: type };
      return refuse(req, res, client, 415, error, cors);
    }
    if (!options.clientLimits.hasToken(client)) {
      const error = limitExceeded(
        `this client may send ${options.clientRatePerSecond} requests per second`,
        "rate_limited",
      );
      const retryAfter = options.clientLimits.retryAfterSeconds(client);
      const headers = { ...cors, "retry-after": retryAfter };
      // Spread over half to one and a half times the delay, so a flood's connections do not all
      // come back at the same moment.
      const delay = options.throttleDelayMs * (0.5 + Math.random());
      return refuse(req, res, client, 429, error, headers, Math.round(delay));
    }
    const text = await readBody(req, options.maxBodyBytes);
    if (text === undefined) {
      const error = new JsonRpcError(
        RpcErrorCode.invalidRequest,
        "Invalid Request",
        `the body exceeds ${options.maxBodyBytes} bytes`,
        "body_too_large",
      );
      return refuse(req, res, client, 413, error, cors);
    }
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch (error) {
      const detail = error instanceof Error ? error.message : "invalid JSON";
      return refuse(req, res, client, 200, parseError(detail), cors);
    }
    const body = await options.handle(payload, {
      client,
      transport: "http",
      forward: options.forward,
    });
    send(res, 200, body, cors);
  };
}
