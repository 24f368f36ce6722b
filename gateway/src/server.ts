import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { getAddress, isAddress, type Address } from "viem";
import { WebSocketServer } from "ws";
import { parseGatewayConfig, type GatewayOptions } from "./config.ts";
import { describeError } from "./errors.ts";
import { createRequestHandler } from "./handler.ts";
import { createHttpListener } from "./http.ts";
import { createHttpUpstream } from "./http-upstream.ts";
import { createLimiter } from "./limiter.ts";
import { stderrLogger, type GatewayLogger } from "./log.ts";
import { createPermissionCheck } from "./permission.ts";
import { createWebSocketHandler } from "./websocket.ts";

/** A running gateway. */
export type Gateway = {
  /** http://host:port, the URL wallets and scripts use instead of the node's. */
  url: string;
  /** ws://host:port, the same server for WebSocket clients. */
  wsUrl: string;
  port: number;
  /** Leaves bootstrap mode: from now on every transaction is checked against `registry`. */
  setRegistry(registry: string): void;
  registry(): Address | undefined;
  /** Stops accepting requests and closes every client and node connection. */
  close(): Promise<void>;
};

/** Starts the permissioning gateway (HTTP and WebSocket on one port) in front of a node. */
export async function startGateway(
  options: GatewayOptions,
  logger: GatewayLogger = stderrLogger,
): Promise<Gateway> {
  const config = parseGatewayConfig(options);
  const permission = createPermissionCheck({ ...config, logger });
  const handle = createRequestHandler({
    permission,
    limiter: createLimiter(config.maxConcurrency, config.maxQueued),
    logger,
    maxBatchSize: config.maxBatchSize,
    allowNodeControl: config.allowNodeControl,
  });
  const listener = createHttpListener({
    handle,
    forward: createHttpUpstream(config.upstream, config.timeoutMs),
    maxBodyBytes: config.maxBodyBytes,
  });

  const server = createServer((req, res) => {
    listener(req, res).catch((error: unknown) => {
      logger.error("HTTP request failed", { reason: describeError(error) });
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const wss = new WebSocketServer({ server, maxPayload: config.maxBodyBytes });
  wss.on("connection", createWebSocketHandler({ ...config, handle, logger }));

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  logger.info("gateway listening", { url: `http://${host}:${port}`, upstream: config.upstream });

  return {
    url: `http://${host}:${port}`,
    wsUrl: `ws://${host}:${port}`,
    port,
    setRegistry(registry) {
      if (!isAddress(registry, { strict: false })) throw new Error(`not an address: ${registry}`);
      permission.setRegistry(getAddress(registry));
    },
    registry: () => permission.registry(),
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
