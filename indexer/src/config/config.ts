/**
 * The indexer's configuration, validated once here and passed down as typed values.
 */
import path from "node:path";
import { abis, type ContractName } from "@spin/shared";
import { z } from "zod";
import { apiConfigSchema } from "./api.ts";

const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte hex address")
  .transform((value) => value.toLowerCase() as `0x${string}`);

const contractNames = Object.keys(abis) as [ContractName, ...ContractName[]];

const contractEntry = z.object({
  address,
  deploymentBlock: z.number().int().nonnegative(),
  abi: z.string().optional(),
});

/** The contracts to follow: any subset of the address book's entries. */
const contracts = z
  .record(z.string(), contractEntry)
  .superRefine((entries, ctx) => {
    for (const name of Object.keys(entries)) {
      if (!(contractNames as string[]).includes(name)) {
        ctx.addIssue({ code: "custom", path: [name], message: `no ABI named ${name}` });
      }
    }
    if (Object.keys(entries).length === 0) {
      ctx.addIssue({ code: "custom", message: "at least one contract is needed" });
    }
  })
  .transform((entries) => entries as Partial<Record<ContractName, z.output<typeof contractEntry>>>);

const database = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("postgres"), connectionString: z.string().min(1) }),
  z.object({
    kind: z.literal("pglite"),
    /** null: in memory. */
    dataDir: z.string().min(1).nullable(),
    /** Where a new store's initialised copy is kept (database/pglite-template.ts); null: none. */
    templateDir: z.string().min(1).nullable().default(null),
  }),
]);

export const indexerConfigSchema = z
  .object({
    rpcUrl: z.url(),
    chainId: z.number().int().positive(),
    contracts,
    database: database.default({
      kind: "pglite",
      dataDir: path.join(".spin", "indexer", "pglite"),
      templateDir: null,
    }),
    contentDir: z
      .string()
      .min(1)
      .default(path.join(".spin", "indexer", "content")),
    /** null: no HTTP server (sync only). Port 0 picks a free port. */
    server: z
      .object({ host: z.string().default("127.0.0.1"), port: z.number().int().min(0).max(65535) })
      .nullable()
      .default({ host: "127.0.0.1", port: 42069 }),
    /** Blocks behind the head that can still be reorganised: their undo log is kept. */
    finalityDepth: z.number().int().nonnegative().default(32),
    /**
     * How often the head is asked for once live: a new block waits half of it on average before
     * it is read (10 requests a second cost a node next to nothing).
     */
    pollIntervalMs: z.number().int().positive().default(100),
    /**
     * eth_getLogs ranges, in blocks: the first one, the largest, and the number of logs each
     * request aims at (rpc/ranges.ts sizes the next range from the density just seen).
     */
    backfill: z
      .object({
        initialRange: z.number().int().positive().default(100),
        maxRange: z.number().int().positive().default(100_000),
        targetLogs: z.number().int().positive().default(5_000),
      })
      .default({ initialRange: 100, maxRange: 100_000, targetLogs: 5_000 }),
    rpc: z
      .object({
        timeoutMs: z.number().int().positive().default(10_000),
        retryBaseMs: z.number().int().positive().default(100),
        retryMaxMs: z.number().int().positive().default(5_000),
        /** After this long without a successful request the sync reports itself stuck. */
        stuckAfterMs: z.number().int().positive().default(30_000),
      })
      .default({ timeoutMs: 10_000, retryBaseMs: 100, retryMaxMs: 5_000, stuckAfterMs: 30_000 }),
    /** Licence-check answers kept between two changes of the store; 0 disables the cache. */
    licenceCheckCacheEntries: z.number().int().nonnegative().default(10_000),
    /** Bytes of one upload; a larger one is read away and answered 413 (not a reset connection). */
    maxUploadBytes: z
      .number()
      .int()
      .positive()
      .default(32 * 1024 * 1024),
    log: z.enum(["silent", "info", "debug"]).default("info"),
    /** The API's event streams and content store (config/api.ts). */
    api: apiConfigSchema.default(apiConfigSchema.parse({})),
    /**
     * Serve the API from a PostgreSQL store that another indexer process syncs, without syncing:
     * kept answers follow that process's commits (sync/follower.ts).
     */
    readOnly: z.boolean().default(false),
  })
  .superRefine((config, ctx) => {
    if (config.readOnly && config.database.kind !== "postgres") {
      ctx.addIssue({
        code: "custom",
        path: ["readOnly"],
        message: "a read-only API process needs a PostgreSQL store (PGlite belongs to one process)",
      });
    }
  });

export type IndexerConfigInput = z.input<typeof indexerConfigSchema>;
export type IndexerConfig = z.output<typeof indexerConfigSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Validates raw configuration; throws ConfigError naming every offending field. */
export function parseConfig(input: IndexerConfigInput): IndexerConfig {
  const result = indexerConfigSchema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join(".") || "config"}: ${i.message}`);
    throw new ConfigError(`invalid indexer configuration: ${issues.join("; ")}`);
  }
  return result.data;
}
