/**
 * The dApp's JSON-RPC proxy, as a plain function of a Fetch API request (route.ts serves it):
 * the same door policy as the gateway behind it. A browser request must come from the app's own
 * origin (or one listed in SPIN_WEB_ORIGINS) and say it is JSON, which no cross-site form can;
 * only the methods the gateway serves to everyone are forwarded, the rest are answered here with
 * Besu's errors, so the proxy never widens what the gateway allows.
 */
import { RPC_METHOD_NOT_ENABLED, RPC_METHOD_NOT_FOUND, rpcMethodKind } from "@spin/shared";

export type RpcProxyOptions = {
  /** The chain's gateway. */
  upstream: string;
  /** Browser origins allowed to call; when absent, only the app's own origin. */
  allowedOrigins?: readonly string[];
  /** The app's origin as the browser sees it; by default the request URL's. */
  ownOrigin?: string;
  /** Largest body forwarded, in bytes (413 past it). */
  maxBodyBytes?: number;
  /** The browser's address, passed to the gateway in X-Forwarded-For when known for sure. */
  clientAddress?: string;
};

export const DEFAULT_PROXY_BODY_BYTES = 1024 * 1024;

type RpcError = { code: number; message: string; data?: unknown };
type RpcItem = Record<string, unknown>;

function rpcError(id: unknown, error: RpcError) {
  return { jsonrpc: "2.0", id: id ?? null, error };
}

function refuse(status: number, data: string, code = -32600): Response {
  return Response.json(rpcError(null, { code, message: "Invalid Request", data }), { status });
}

function isItem(value: unknown): value is RpcItem {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Why an item is answered here instead of forwarded; undefined when the gateway may serve it. */
function localAnswer(item: unknown): RpcError | undefined {
  if (!isItem(item) || typeof item.method !== "string") {
    return { code: -32600, message: "Invalid Request", data: "not a JSON-RPC request" };
  }
  const kind = rpcMethodKind(item.method);
  if (kind === "public") return undefined;
  if (kind === "unknown") {
    return { ...RPC_METHOD_NOT_FOUND, data: `${item.method} is not a method this app serves` };
  }
  return { ...RPC_METHOD_NOT_ENABLED, data: `${item.method} is not served through this app` };
}

/** True without Origin (not a browser page), or for the app's own or a listed origin. */
function originAllowed(request: Request, options: RpcProxyOptions): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  const allowed = options.allowedOrigins;
  if (allowed !== undefined) return allowed.includes("*") || allowed.includes(origin);
  return origin === (options.ownOrigin ?? new URL(request.url).origin);
}

async function readBody(request: Request, maxBytes: number): Promise<string | undefined> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return undefined;
  if (request.body === null) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function forward(body: unknown, options: RpcProxyOptions): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.clientAddress) headers["x-forwarded-for"] = options.clientAddress;
  return fetch(options.upstream, { method: "POST", headers, body: JSON.stringify(body) });
}

/** Passes the gateway's answer on: its status, JSON body and rate-limit hint. */
async function relay(upstream: Response): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const retryAfter = upstream.headers.get("retry-after");
  if (retryAfter !== null) headers["retry-after"] = retryAfter;
  return new Response(await upstream.text(), { status: upstream.status, headers });
}

/** Answers one batch: refused items here, the rest by the gateway, in the request's order. */
async function answerBatch(items: unknown[], options: RpcProxyOptions): Promise<Response> {
  const refusals = items.map(localAnswer);
  const allowed = items.filter((_, i) => refusals[i] === undefined);
  let forwarded: unknown[] = [];
  if (allowed.length > 0) {
    const upstream = await forward(allowed, options);
    const answer: unknown = await upstream.clone().json();
    // A refusal of the whole batch (rate, size) is passed on as the gateway gave it.
    if (!Array.isArray(answer)) return relay(upstream);
    forwarded = answer;
  }
  // The gateway answers a batch in its order, leaving notifications (no id) unanswered.
  let next = 0;
  const responses = items.flatMap((item, i) => {
    const error = refusals[i];
    const id = isItem(item) ? item.id : null;
    if (error !== undefined) return [rpcError(id, error)];
    if (isItem(item) && !("id" in item)) return [];
    const response = forwarded[next++];
    return [response ?? rpcError(id, { code: -32603, message: "Internal error" })];
  });
  return Response.json(responses);
}

export async function proxyRpc(request: Request, options: RpcProxyOptions): Promise<Response> {
  if (!originAllowed(request, options)) {
    return refuse(403, `requests from the origin ${request.headers.get("origin")} are not allowed`);
  }
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    return refuse(415, `the content type must be application/json, not ${type ?? "none"}`);
  }
  const maxBytes = options.maxBodyBytes ?? DEFAULT_PROXY_BODY_BYTES;
  const text = await readBody(request, maxBytes);
  if (text === undefined) return refuse(413, `the body exceeds ${maxBytes} bytes`);
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return Response.json(rpcError(null, { code: -32700, message: "Parse error" }));
  }
  try {
    if (Array.isArray(payload)) {
      if (payload.length === 0) return refuse(200, "empty batch");
      return await answerBatch(payload, options);
    }
    const error = localAnswer(payload);
    if (error !== undefined)
      return Response.json(rpcError(isItem(payload) ? payload.id : null, error));
    return await relay(await forward(payload, options));
  } catch (error) {
    const message = `the chain's RPC cannot be reached: ${error instanceof Error ? error.message : String(error)}`;
    return Response.json(rpcError(null, { code: -32603, message }), { status: 502 });
  }
}
