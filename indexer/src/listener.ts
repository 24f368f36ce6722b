/**
 * The HTTP listener, bound before anything slow happens (loading the API's modules, opening the
 * store, its migrations): until the API is ready it answers /health with the phase "starting"
 * and every other route with a 503 that says when to ask again, so an operator or a load
 * balancer hears from the process within a moment of its start. Only node:http is loaded here.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

export interface Listener {
  readonly server: Server;
  /** The API's base URL. */
  readonly url: string;
  /** Hands every later request to the API. */
  serve(handler: RequestHandler): void;
  close(): Promise<void>;
}

function json(response: ServerResponse, status: number, body: unknown, headers = {}) {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

/** Answers while the indexer starts: the same /health fields as later, the phase "starting". */
function starting(chainId: number): RequestHandler {
  return (request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (path === "/health" && (request.method === "GET" || request.method === "HEAD")) {
      json(response, 200, {
        status: "ok",
        phase: "starting",
        chainId,
        headBlock: null,
        indexedBlock: null,
        lagBlocks: null,
        rpcErrors: 0,
        lastRpcError: null,
        fatalError: null,
      });
      return;
    }
    json(
      response,
      503,
      { error: "starting", message: "The indexer is opening its store: ask again in a moment." },
      { "retry-after": "1" },
    );
  };
}

/** Listens on host:port (port 0: any free port) and answers as a starting indexer. */
export function listen(host: string, port: number, chainId: number): Promise<Listener> {
  let handler: RequestHandler = starting(chainId);
  const server = createServer((request, response) => handler(request, response));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const bound = (server.address() as AddressInfo).port;
      resolve({
        server,
        url: `http://${host.includes(":") ? `[${host}]` : host}:${bound}`,
        serve(next) {
          handler = next;
        },
        close: () =>
          new Promise<void>((done, fail) => {
            server.closeAllConnections();
            server.close((error) => (error ? fail(error) : done()));
          }),
      });
    });
  });
}
