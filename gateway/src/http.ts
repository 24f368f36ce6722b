import type { IncomingMessage, ServerResponse } from "node:http";
import { invalidRequest, parseError, type JsonRpcError } from "./errors.ts";
import type { Forward, HandlerResult, RequestHandler } from "./handler.ts";
import { errorResponse } from "./json-rpc.ts";

export type HttpListenerOptions = {
  handle: RequestHandler;
  forward: Forward;
  maxBodyBytes: number;
};

function send(res: ServerResponse, status: number, body: HandlerResult): void {
  if (body === undefined) {
    res.writeHead(204).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json" }).end(text);
}

function sendError(res: ServerResponse, status: number, error: JsonRpcError): void {
  send(res, status, errorResponse(null, error));
}

/** Reads the body, or returns undefined once it grows past `maxBytes`. */
async function readBody(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
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

/** The HTTP side: POST a JSON-RPC request or batch, get the answer; anything else is refused. */
export function createHttpListener(options: HttpListenerOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== "POST") {
      res.setHeader("allow", "POST");
      sendError(res, 405, invalidRequest("send JSON-RPC requests with POST"));
      return;
    }
    const text = await readBody(req, options.maxBodyBytes);
    if (text === undefined) {
      sendError(res, 413, invalidRequest(`the body exceeds ${options.maxBodyBytes} bytes`));
      req.destroy();
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch (error) {
      sendError(res, 200, parseError(error instanceof Error ? error.message : "invalid JSON"));
      return;
    }
    send(res, 200, await options.handle(payload, options.forward));
  };
}
