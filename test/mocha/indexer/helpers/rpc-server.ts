/**
 * A JSON-RPC HTTP server over an in-process Hardhat provider, with faults to inject: dropped
 * connections, delays, error responses, and a node-style limit on eth_getLogs ranges.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { keepTrack } from "../../../support/left-open.ts";

export interface Eip1193 {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

export interface Faults {
  /** Share of requests whose connection is destroyed without an answer. */
  dropRate: number;
  /** Share of requests answered with a JSON-RPC internal error. */
  errorRate: number;
  /** Extra latency per request, in milliseconds (uniform in [0, delayMs]). */
  delayMs: number;
  /** eth_getLogs block ranges wider than this are refused as too large. */
  maxLogRange: number | null;
}

export interface RpcServer {
  url: string;
  faults: Faults;
  requests: number;
  close(): Promise<void>;
}

interface JsonRpcRequest {
  id: unknown;
  method: string;
  params?: unknown[];
}

function logRangeOf(params: unknown[] | undefined): number | null {
  const filter = params?.[0] as { fromBlock?: string; toBlock?: string } | undefined;
  if (!filter?.fromBlock || !filter.toBlock) return null;
  if (!filter.fromBlock.startsWith("0x") || !filter.toBlock.startsWith("0x")) return null;
  return Number(BigInt(filter.toBlock) - BigInt(filter.fromBlock)) + 1;
}

/** JSON text of a response; bigints (if a provider returns any) as hex quantities. */
function encode(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? `0x${v.toString(16)}` : v));
  }
}

export async function startRpcServer(provider: Eip1193): Promise<RpcServer> {
  const state: RpcServer = {
    url: "",
    faults: { dropRate: 0, errorRate: 0, delayMs: 0, maxLogRange: null },
    requests: 0,
    close: async () => {},
  };

  async function answer(request: JsonRpcRequest) {
    const { faults } = state;
    if (request.method === "eth_getLogs" && faults.maxLogRange !== null) {
      const range = logRangeOf(request.params);
      if (range !== null && range > faults.maxLogRange) {
        return {
          jsonrpc: "2.0",
          id: request.id,
          error: { code: -32005, message: `query exceeds max block range ${faults.maxLogRange}` },
        };
      }
    }
    try {
      const result = await provider.request({ method: request.method, params: request.params });
      return { jsonrpc: "2.0", id: request.id, result };
    } catch (error) {
      const { code, message } = error as { code?: number; message?: string };
      return {
        jsonrpc: "2.0",
        id: request.id,
        error: { code: typeof code === "number" ? code : -32603, message: message ?? "error" },
      };
    }
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        state.requests += 1;
        const { faults } = state;
        if (faults.delayMs > 0) {
          await new Promise((r) => setTimeout(r, Math.random() * faults.delayMs));
        }
        if (Math.random() < faults.dropRate) {
          req.socket.destroy();
          return;
        }
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as
          | JsonRpcRequest
          | JsonRpcRequest[];
        if (Math.random() < faults.errorRate) {
          res.writeHead(200, { "content-type": "application/json" });
          const id = Array.isArray(body) ? null : body.id;
          res.end(
            JSON.stringify({
              jsonrpc: "2.0",
              id,
              error: { code: -32603, message: "injected fault" },
            }),
          );
          return;
        }
        const result = Array.isArray(body)
          ? await Promise.all(body.map(answer))
          : await answer(body);
        res.writeHead(200, { "content-type": "application/json" });
        res.end(encode(result));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = keepTrack(
    `a test RPC server (${state.url})`,
    () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  );
  return state;
}
