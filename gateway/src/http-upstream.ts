import { describeError, internalError } from "./errors.ts";
import type { Forward } from "./handler.ts";
import { isRecord, type JsonRpcResponse } from "./json-rpc.ts";

/** Forwards requests to the node's HTTP endpoint, one POST each, within `timeoutMs`. */
export function createHttpUpstream(url: string, timeoutMs: number): Forward {
  return async (request) => {
    let status: number;
    let text: string;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      if (error instanceof DOMException && error.name === "TimeoutError") {
        throw internalError(`the node did not answer within ${timeoutMs} ms`);
      }
      throw internalError(`cannot reach the node: ${describeError(error)}`);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw internalError(`the node answered HTTP ${status} without JSON`);
    }
    if (!isRecord(body) || body.jsonrpc !== "2.0") {
      throw internalError(`the node answered HTTP ${status} with no JSON-RPC response`);
    }
    return body as JsonRpcResponse;
  };
}
