import { getAddress, isAddress, type Address } from "viem";
import { z } from "zod";

const address = z
  .string()
  .refine((value) => isAddress(value, { strict: false }), "must be a 20-byte hex address")
  .transform((value): Address => getAddress(value));

const httpUrl = z.url({ protocol: /^https?$/ });
const wsUrl = z.url({ protocol: /^wss?$/ });

/** Everything the gateway needs, validated once when it starts. */
export const gatewayConfigSchema = z
  .object({
    /** The node's HTTP JSON-RPC endpoint: reads, forwarded calls and the registry reads. */
    upstream: httpUrl,
    /** The node's WebSocket endpoint; defaults to `upstream` with ws:// (Hardhat serves both). */
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
    /** How long one upstream request or registry read may take. */
    timeoutMs: z.number().int().positive().default(30_000),
    /** Upstream requests in flight at once; more wait in a queue. */
    maxConcurrency: z.number().int().positive().default(32),
    /** Requests allowed to wait for a slot; beyond that they are answered -32005. */
    maxQueued: z.number().int().nonnegative().default(1_000),
    maxBatchSize: z.number().int().positive().default(100),
    /**
     * Forward the methods that control the node (evm_*, anvil_*, hardhat_*, admin_*, debug_*,
     * miner_*, perm_*, qbft_*, ...). Off by default: through them anyone could move time,
     * impersonate a member or change the allowlists. A local development chain may turn it on.
     */
    allowNodeControl: z.boolean().default(false),
    maxBodyBytes: z
      .number()
      .int()
      .positive()
      .default(5 * 1024 * 1024),
  })
  .strict();

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
