/**
 * The API's own options: event-stream bounds, the content store's quotas and grace period,
 * and how uploads are signed. Kept apart from the sync's options (config.ts).
 */
import { z } from "zod";

const MiB = 1024 * 1024;

const DAY = 24 * 3600;

/** The relay inbox of newcomers' signed applications. */
export const inboxConfigSchema = z
  .object({
    /** Signed applications members could relay, at most; the next is refused with 429. */
    maxPending: z.number().int().positive().default(1_000),
    /** Furthest ahead of the indexed head a signed application's deadline may be. */
    maxDeadlineSeconds: z
      .number()
      .int()
      .positive()
      .default(7 * DAY),
    /** Bytes of one POST /applications body (application, signature and profile document). */
    maxBodyBytes: z
      .number()
      .int()
      .positive()
      .default(24 * 1024),
  })
  .default({ maxPending: 1_000, maxDeadlineSeconds: 7 * DAY, maxBodyBytes: 24 * 1024 });

export const apiConfigSchema = z.object({
  applications: inboxConfigSchema,
  sse: z
    .object({
      /** Streams open at once; the next is refused with 503. */
      maxClients: z.number().int().positive().default(100),
      /** Events waiting for one client; a client that falls further behind is dropped. */
      queueEvents: z.number().int().positive().default(256),
      /** A comment line every this often keeps proxies from closing an idle stream. */
      pingMs: z.number().int().positive().default(15_000),
    })
    .default({ maxClients: 100, queueEvents: 256, pingMs: 15_000 }),
  content: z
    .object({
      /** Files in one bundle. */
      maxFiles: z.number().int().positive().default(1_000),
      /** Bytes of bundles an account has stored that no registered work names yet. */
      accountPendingBytes: z
        .number()
        .int()
        .positive()
        .default(64 * MiB),
      /** Bundles an account has stored that no registered work names yet. */
      accountPendingBundles: z.number().int().positive().default(20),
      /** Bytes of every bundle in the store. */
      totalBytes: z
        .number()
        .int()
        .positive()
        .default(10 * 1024 * MiB),
      /** Seconds an unregistered bundle is kept (and served by hash, never searched). */
      graceSeconds: z
        .number()
        .int()
        .positive()
        .default(7 * 24 * 3600),
      /** How often the store removes expired bundles and repairs what a crash left. */
      janitorIntervalMs: z
        .number()
        .int()
        .positive()
        .default(10 * 60_000),
      /** Furthest in the future an upload signature's deadline may be. */
      maxDeadlineSeconds: z
        .number()
        .int()
        .positive()
        .default(24 * 3600),
      /** Profile documents waiting for their application. */
      pendingProfiles: z.number().int().positive().default(10_000),
      /** Seconds a profile document waits for the application that names it. */
      profileGraceSeconds: z
        .number()
        .int()
        .positive()
        .default(7 * 24 * 3600),
      /** Age after which a staged upload, a manifest without a row or an unused blob is debris. */
      staleAfterMs: z.number().int().nonnegative().default(3_600_000),
    })
    .default({
      maxFiles: 1_000,
      accountPendingBytes: 64 * MiB,
      accountPendingBundles: 20,
      totalBytes: 10 * 1024 * MiB,
      graceSeconds: 7 * 24 * 3600,
      janitorIntervalMs: 10 * 60_000,
      maxDeadlineSeconds: 24 * 3600,
      pendingProfiles: 10_000,
      profileGraceSeconds: 7 * 24 * 3600,
      staleAfterMs: 3_600_000,
    }),
});

export type ApiConfig = z.output<typeof apiConfigSchema>;
