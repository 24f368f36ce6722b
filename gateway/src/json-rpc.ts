import { invalidRequest, type JsonRpcError } from "./errors.ts";

export type JsonRpcId = string | number | null;

/** A request that has passed shape validation. `id` is absent for notifications. */
export type JsonRpcRequest = {
  jsonrpc: "2.0";
  method: string;
  params?: unknown;
  id?: JsonRpcId;
};

export type JsonRpcResponse =
  | { jsonrpc: "2.0"; id: JsonRpcId; result: unknown }
  | { jsonrpc: "2.0"; id: JsonRpcId; error: { code: number; message: string; data?: unknown } };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is JsonRpcId {
  return value === null || typeof value === "string" || typeof value === "number";
}

/** True when the request expects no answer (JSON-RPC 2.0 notification: no `id` member). */
export function isNotification(request: JsonRpcRequest): boolean {
  return !("id" in request);
}

/** The id to answer a possibly malformed item with: its own when usable, else null. */
export function idOf(item: unknown): JsonRpcId {
  return isRecord(item) && isId(item.id) ? item.id : null;
}

/** Checks one item against JSON-RPC 2.0's request shape; throws -32600 when it does not fit. */
export function parseRequest(item: unknown): JsonRpcRequest {
  if (!isRecord(item)) throw invalidRequest("a request must be a JSON object");
  if (item.jsonrpc !== "2.0") throw invalidRequest('"jsonrpc" must be "2.0"');
  if (typeof item.method !== "string" || item.method.length === 0) {
    throw invalidRequest('"method" must be a non-empty string');
  }
  if ("id" in item && !isId(item.id)) throw invalidRequest('"id" must be a string, number or null');
  if ("params" in item && (item.params === null || typeof item.params !== "object")) {
    throw invalidRequest('"params" must be an array or an object');
  }
  return item as JsonRpcRequest;
}

export function errorResponse(id: JsonRpcId, error: JsonRpcError): JsonRpcResponse {
  return { jsonrpc: "2.0", id, error: error.toJSON() };
}
