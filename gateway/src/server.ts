import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { getAddress, isAddress, type Address } from "viem";
import { createClientIdentifier, type ClientIdentifier } from "./client-address.ts";
import { createClientLimits } from "./client-limits.ts";
import { parseGatewayConfig, type GatewayConfig, type GatewayOptions } from "./config.ts";
import { describeError } from "./errors.ts";
import { createRequestHandler } from "./handler.ts";
import { createHttpListener } from "./http.ts";
import { createHttpUpstream } from "./http-upstream.ts";
import { createLimiter } from "./limiter.ts";
import { defaultLogger, type GatewayLogger } from "./log.ts";
import { createMetrics, type MetricsSnapshot } from "./metrics.ts";
import { createNodeSigning, LOCAL_CHAIN_ID } from "./node-signing.ts";
import { createOriginPolicy } from "./origin.ts";
import { createPermissionCheck } from "./permission.ts";
import { createRefusals, type Refusals } from "./refusals.ts";
import { createWebSocketGate } from "./websocket.ts";

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
  /** The counters served on the metrics path. */
  metrics(): MetricsSnapshot;
  /** Stops accepting requests and closes every client and node connection. */
  close(): Promise<void>;
};

/**
 * Caps a client's open HTTP connections (keep-alive sockets hold memory even when idle); the
 * addresses of trusted proxies carry many clients and are not capped.
 */
function capConnections(
  server: Server,
  config: GatewayConfig,
  identify: ClientIdentifier,
  refusals: Refusals,
): void {
  const open = new Map<string, number>();
  const proxies = new Set(config.trustedProxies.map((address) => identify(address, undefined)));
  server.on("connection", (socket: Socket) => {
    const client = identify(socket.remoteAddress, undefined);
    if (proxies.has(client)) return;
    const count = (open.get(client) ?? 0) + 1;
    if (count > config.clientMaxConnections) {
      refusals.record("client_connections", { client, limit: config.clientMaxConnections });
      socket.destroy();
      return;
    }
    open.set(client, count);
    socket.once("close", () => {
      const left = (open.get(client) ?? 1) - 1;
      if (left === 0) open.delete(client);
      else open.set(client, left);
    });
  });
}

/**
 * The clock each client's request budget refills by (milliseconds, monotonic). Tests stop it, so
 * that a budget they spend stays spent however slowly the machine runs.
 */
export type GatewayClock = () => number;

/** Starts the permissioning gateway (HTTP and WebSocket on one port) in front of a node. */
export async function startGateway(
  options: GatewayOptions,
  logger: GatewayLogger = defaultLogger(),
  clock?: GatewayClock,
): Promise<Gateway> {
  const config = parseGatewayConfig(options);
  const permission = createPermissionCheck({ ...config, logger });
  const upstream = createHttpUpstream(config.upstream, config.timeoutMs, config.maxConcurrency);
  const { forward } = upstream;
  const limiter = createLimiter(config.maxConcurrency, config.maxQueued);
  const clientLimits = createClientLimits(
    {
      ratePerSecond: config.clientRatePerSecond,
      burst: config.clientBurst,
      maxInFlight: config.clientMaxInFlight,
      maxQueued: config.clientMaxQueued,
    },
    clock,
  );
  let webSocketConnections = () => 0;
  const metrics = createMetrics({
    webSocketConnections: () => webSocketConnections(),
    inFlight: () => limiter.pending(),
  });
  const refusals = createRefusals(metrics, logger, config.refusalLogWindowMs);
  const identify = createClientIdentifier(config.trustedProxies);
  const origins = createOriginPolicy(config.allowedOrigins);
  const nodeSigning = createNodeSigning(config.devNodeSigning, () =>
    forward({ jsonrpc: "2.0", id: 1, method: "eth_chainId" }),
  );
  const handle = createRequestHandler({
    permission,
    nodeSigning,
    clientLimits,
    limiter,
    metrics,
    refusals,
    logger,
    maxBatchSize: config.maxBatchSize,
    clientRatePerSecond: config.clientRatePerSecond,
  });
  const listener = createHttpListener({
    ...config,
    handle,
    forward,
    origins,
    identify,
    clientLimits,
    metrics,
    refusals,
  });
  const webSockets = createWebSocketGate({
    ...config,
    handle,
    logger,
    origins,
    identify,
    clientLimits,
    refusals,
  });
  webSocketConnections = webSockets.connections;

  const server = createServer((req, res) => {
    listener(req, res).catch((error: unknown) => {
      logger.error("HTTP request failed", { reason: describeError(error) });
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  // A request must arrive whole within the upstream timeout: slow senders do not hold sockets.
  server.requestTimeout = config.timeoutMs;
  server.headersTimeout = Math.min(config.timeoutMs, 10_000);
  capConnections(server, config, identify, refusals);
  server.on("upgrade", webSockets.upgrade);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  logger.info("gateway listening", {
    url: `http://${host}:${port}`,
    upstream: config.upstream,
    allowedOrigins: config.allowedOrigins.join(","),
    nodeSigning: config.devNodeSigning ? `on for chain ${LOCAL_CHAIN_ID} only` : "off",
  });

  return {
    url: `http://${host}:${port}`,
    wsUrl: `ws://${host}:${port}`,
    port,
    setRegistry(registry) {
      if (!isAddress(registry, { strict: false })) throw new Error(`not an address: ${registry}`);
      permission.setRegistry(getAddress(registry));
    },
    registry: () => permission.registry(),
    metrics: () => metrics.snapshot(),
    async close() {
      await webSockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      refusals.close();
      clientLimits.close();
      upstream.close();
    },
  };
}
