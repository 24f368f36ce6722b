import http from "node:http";
import https from "node:https";
import { describeError, internalError, JsonRpcError } from "./errors.ts";
import type { Forward } from "./handler.ts";
import { isRecord, type JsonRpcResponse } from "./json-rpc.ts";

export type HttpUpstream = { forward: Forward; close(): void };

/**
 * Forwards requests to the node's HTTP endpoint, one POST each, within `timeoutMs`, over a pool
 * of kept-alive connections (`maxSockets`): no connection is opened per request.
 */
export function createHttpUpstream(
  url: string,
  timeoutMs: number,
  maxSockets: number,
): HttpUpstream {
  const target = new URL(url);
  const transport = target.protocol === "https:" ? https : http;
  const agent = new transport.Agent({ keepAlive: true, maxSockets });

  function post(body: string): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = transport.request(
        target,
        {
          method: "POST",
          agent,
          timeout: timeoutMs,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
          );
          res.on("error", reject);
        },
      );
      req.on("timeout", () => {
        req.destroy(internalError(`the node did not answer within ${timeoutMs} ms`));
      });
      req.on("error", reject);
      req.end(body);
    });
  }

  const forward: Forward = async (request) => {
    let status: number;
    let text: string;
    try {
      ({ status, text } = await post(JSON.stringify(request)));
    } catch (error) {
      if (error instanceof JsonRpcError) throw error;
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

  return { forward, close: () => agent.destroy() };
}
