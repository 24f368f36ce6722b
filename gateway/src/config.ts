import { isIP } from "node:net";
import { getAddress, isAddress, type Address } from "viem";
import { z } from "zod";

const address = z
  .string()
  .refine((value) => isAddress(value, { strict: false }), "must be a 20-byte hex address")
  .transform((value): Address => getAddress(value));

const httpUrl = z.url({ protocol: /^https?$/ });
const wsUrl = z.url({ protocol: /^wss?$/ });
const count = z.number().int().positive();

/**
 * A browser origin as browsers send it (`scheme://host[:port]`, no path), "null" (sandboxed
 * frames, files) only when listed literally, or "*" for any origin.
 */
const origin = z
  .string()
  .refine((value) => value === "*" || value === "null" || isOrigin(value), {
    message: 'must be an origin such as "https://app.example" (no path), "null" or "*"',
  })
  .transform((value) => (value === "*" || value === "null" ? value : new URL(value).origin));

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return url.origin !== "null" && url.origin === value.replace(/\/$/, "").toLowerCase();
  } catch {
    return false;
  }
}

const ipAddress = z.string().refine((value) => isIP(value) !== 0, "must be an IP address");

/** The dApp as `npm start` serves it: the default browser origins the gateway answers. */
export const DEFAULT_ALLOWED_ORIGINS = ["http://127.0.0.1:3000", "http://localhost:3000"];

/** Everything the gateway needs, validated once when it starts; every field has a default. */
export const gatewayConfigSchema = z
  .object({
    /** The node's HTTP JSON-RPC endpoint: reads, forwarded calls and the registry reads. */
    upstream: httpUrl,
    /** The node's WebSocket endpoint; defaults to `upstream` with ws:// (anvil serves both). */
    upstreamWs: wsUrl.optional(),
    host: z.string().min(1).default("127.0.0.1"),
    /** 0 picks a free port (tests). */
    port: z.number().int().min(0).max(65_535).default(8546),
    /**
     * The commons registry. When set, every transaction is checked against its
     * `transactionAllowed`. When absent the gateway is in bootstrap mode: only
     * `bootstrapAccounts` may send.
     */
    registry: address.optional(),
    /** Accounts allowed to send while no registry is set (the deployer). Ignored once it is. */
    bootstrapAccounts: z.array(address).default([]),
    /**
     * Serve node-signed sending and signing (eth_accounts, eth_sendTransaction, eth_sign,
     * eth_signTransaction, eth_signTypedData*). Even when on, they are served only while the
     * node's chain id is the local development chain's (31337), and senders still obey the
     * registry. Off by default: anyone who reaches the gateway would act as the node's accounts.
     */
    devNodeSigning: z.boolean().default(false),
    /**
     * Browser origins allowed to call (HTTP, CORS preflight, WebSocket upgrade). Requests without
     * an Origin header (servers, scripts, wallets' background requests) are not browsers' and
     * are served.
     */
    allowedOrigins: z.array(origin).default(DEFAULT_ALLOWED_ORIGINS),
    /**
     * Reverse proxies (such as the dApp's /api/rpc) whose X-Forwarded-For names the client.
     * From any other address the header is ignored and the socket's address is the client.
     */
    trustedProxies: z.array(ipAddress).default([]),
    /** How long one upstream request or registry read may take. */
    timeoutMs: count.default(30_000),
    /** Upstream requests in flight at once, all clients together; more wait in a queue. */
    maxConcurrency: count.default(32),
    /** Requests allowed to wait for a slot; beyond that they are answered -32005. */
    maxQueued: z.number().int().nonnegative().default(1_000),
    /** Requests one client may send per second, on average (a batch counts each item). */
    clientRatePerSecond: count.default(100),
    /** Requests one client may send at once after a quiet spell (the bucket's size). */
    clientBurst: count.default(200),
    /** Upstream requests one client may have in flight; the rest of its requests wait. */
    clientMaxInFlight: count.default(8),
    /** A client's requests allowed to wait for one of its slots; beyond that -32005. */
    clientMaxQueued: z.number().int().nonnegative().default(200),
    /**
     * About how long (0.5 to 1.5 times) a client over its rate waits for its 429. A flood over its
     * few connections then
     * slows to a trickle instead of keeping the gateway busy refusing it; a client that honours
     * Retry-After (at least 1 s) never waits for it. 0 answers at once.
     */
    throttleDelayMs: z.number().int().nonnegative().default(1_000),
    /** Open HTTP connections per client (keep-alive sockets); more are closed at once. */
    clientMaxConnections: count.default(64),
    maxBatchSize: count.default(100),
    /** Largest HTTP request body, in bytes (413 past it). */
    maxBodyBytes: count.default(5 * 1024 * 1024),
    /** WebSocket connections open at once, all clients together. */
    maxWebSocketConnections: count.default(256),
    /** WebSocket connections one client may hold open. */
    maxWebSocketConnectionsPerClient: count.default(16),
    /** Active eth_subscribe subscriptions per WebSocket connection. */
    maxSubscriptionsPerConnection: count.default(32),
    /** Largest WebSocket message from a client, in bytes (closed with 1009 past it). */
    maxWebSocketMessageBytes: count.default(1024 * 1024),
    /** Bytes waiting to reach a slow WebSocket client before it is dropped (close 1008). */
    maxWebSocketBufferedBytes: count.default(4 * 1024 * 1024),
    /**
     * Refusals for volume (rate, concurrency, connections) are logged once per client and reason
     * in this window, then summed up in one line; each is still counted in the metrics.
     */
    refusalLogWindowMs: count.default(10_000),
    /** Path of the Prometheus metrics (GET); null serves none. */
    metricsPath: z.string().startsWith("/").nullable().default("/metrics"),
  })
  .strict()
  .refine((config) => !(config.devNodeSigning && config.allowedOrigins.includes("*")), {
    message:
      'devNodeSigning with allowedOrigins "*" would let any web page sign with the node\'s keys',
    path: ["allowedOrigins"],
  });

export type GatewayOptions = z.input<typeof gatewayConfigSchema>;
export type GatewayConfig = z.output<typeof gatewayConfigSchema> & { upstreamWs: string };

/** Validates options and fills in defaults; throws a readable error listing every bad field. */
export function parseGatewayConfig(options: GatewayOptions): GatewayConfig {
  const result = gatewayConfigSchema.safeParse(options);
  if (!result.success) {
    throw new Error(`Invalid gateway configuration:\n${z.prettifyError(result.error)}`);
  }
  const config = result.data;
  return { ...config, upstreamWs: config.upstreamWs ?? config.upstream.replace(/^http/, "ws") };
}
