/**
 * The HTTP API (Hono): activity, the common fund, content bundles, health and metrics, and a
 * server-sent event stream of new activity. Every input is validated with zod; user input
 * never produces a 500.
 */
import { InvalidBundleError } from "@spin/shared";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { streamSSE } from "hono/streaming";
import { sql, type Kysely } from "kysely";
import { z } from "zod";
import type { IndexerConfig } from "../config/config.ts";
import type { Logger } from "../config/logger.ts";
import { FrontMatterError } from "../content/front-matter.ts";
import {
  ContentCorruptedError,
  ContentHashMismatchError,
  type ContentStore,
} from "../content/store.ts";
import type { Database } from "../database/schema.ts";
import type { Activity, Sync } from "../sync/engine.ts";
import { dataVersion, isStuck } from "../sync/status.ts";
import { domainRouteDocs, registerDomainRoutes } from "./domain.ts";
import { createLicenceChecker, licenceCheckInputs } from "./licence-check.ts";
import { metricsText } from "./metrics.ts";
import { openApiDocument, type RouteDoc } from "./openapi.ts";
import {
  bytes32,
  cursor,
  cursorKey,
  page,
  hexAddress,
  limit,
  RequestError,
  uintId,
  validJson,
  validParams,
  validQuery,
} from "./validation.ts";

export interface AppDeps {
  config: IndexerConfig;
  db: Kysely<Database>;
  sync: Sync;
  content: ContentStore;
  logger: Logger;
}

const activityQuery = z.object({
  limit,
  cursor: cursor.optional(),
  contract: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, "must be a contract name")
    .optional(),
  event: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, "must be an event name")
    .optional(),
});
const subFundParams = z.object({ subFund: uintId });
const pageQuery = z.object({ limit, cursor: cursor.optional() });
const streamsQuery = z.object({
  limit,
  cursor: cursor.optional(),
  recipient: hexAddress.optional(),
});
const accountParams = z.object({ account: hexAddress });
const contentParams = z.object({
  ref: z.union([
    bytes32,
    z.string().regex(/^bafkrei[a-z2-7]{52}$/, "must be a content hash or a CIDv1"),
  ]),
});
const contentSearchQuery = z.object({
  q: z.string().trim().min(1).max(200).optional(),
  limit,
  cursor: cursor.optional(),
});
const uploadBody = z.object({
  contentHash: bytes32,
  files: z
    .array(
      z.object({
        path: z.string().min(1).max(1024),
        data: z.base64("must be base64"),
      }),
    )
    .min(1)
    .max(10_000),
});

export const routeDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/health",
    summary: "Sync status",
    responses: { 200: "Healthy", 503: "Stuck or failed" },
  },
  {
    method: "get",
    path: "/metrics",
    summary: "Prometheus metrics",
    responses: { 200: "Metrics text" },
  },
  {
    method: "get",
    path: "/openapi.json",
    summary: "This document",
    responses: { 200: "OpenAPI 3.1" },
  },
  {
    method: "get",
    path: "/activity",
    summary: "Every indexed event, newest first",
    query: activityQuery,
    responses: { 200: "A page of events" },
  },
  {
    method: "get",
    path: "/activity/stream",
    summary: "New activity as server-sent events",
    responses: { 200: "text/event-stream" },
  },
  {
    method: "get",
    path: "/funds",
    summary:
      "Sub-funds with their balances and the licence fee shares the licensing contract holds " +
      "for them until flushFund (Licensing.fundPending)",
    responses: { 200: "Sub-funds" },
  },
  {
    method: "get",
    path: "/funds/{subFund}/movements",
    summary: "Every movement of a sub-fund, newest first",
    params: subFundParams,
    query: pageQuery,
    responses: { 200: "A page of movements", 404: "Unknown sub-fund" },
  },
  {
    method: "get",
    path: "/streams",
    summary: "Streams, newest first",
    query: streamsQuery,
    responses: { 200: "A page of streams" },
  },
  {
    method: "get",
    path: "/accounts/{account}/balance",
    summary: "An account's coin balance",
    params: accountParams,
    responses: { 200: "The balance (0 for unknown accounts)" },
  },
  {
    method: "get",
    path: "/accounts/{account}/transfers",
    summary: "Coin transfers from or to an account, newest first",
    params: accountParams,
    query: pageQuery,
    responses: { 200: "A page of transfers" },
  },
  {
    method: "post",
    path: "/content",
    summary: "Upload a bundle; refused unless its manifest hash is contentHash",
    body: uploadBody,
    responses: { 201: "Stored", 413: "Too large" },
  },
  {
    method: "get",
    path: "/content",
    summary: "Search stored bundles by title, summary, tags and machines",
    query: contentSearchQuery,
    responses: { 200: "A page of bundles" },
  },
  {
    method: "get",
    path: "/content/{ref}",
    summary: "A bundle's manifest and front matter, by content hash or CID",
    params: contentParams,
    responses: { 200: "The bundle", 404: "Unknown bundle" },
  },
  {
    method: "get",
    path: "/content/{ref}/manifest",
    summary: "The manifest bytes, verified",
    params: contentParams,
    responses: { 200: "text/plain", 404: "Unknown bundle" },
  },
  {
    method: "get",
    path: "/content/{ref}/files/{path}",
    summary: "One file of a bundle, verified",
    params: contentParams,
    responses: { 200: "The file", 404: "Unknown bundle or file" },
  },
];

function contentType(filePath: string): string {
  const ext = filePath.slice(filePath.lastIndexOf(".") + 1).toLowerCase();
  const types: Record<string, string> = {
    md: "text/markdown; charset=utf-8",
    txt: "text/plain; charset=utf-8",
    json: "application/json",
    svg: "image/svg+xml",
    png: "image/png",
    jpg: "image/jpeg",
    jpeg: "image/jpeg",
    gif: "image/gif",
    webp: "image/webp",
    pdf: "application/pdf",
    stl: "model/stl",
  };
  return types[ext] ?? "application/octet-stream";
}

export function createApp({ config, db, sync, content, logger }: AppDeps): Hono {
  const app = new Hono();
  const document = openApiDocument([...routeDocs, ...domainRouteDocs]);

  app.onError((error, c) => {
    if (error instanceof RequestError) {
      return c.json(
        { error: "invalid_request", message: error.message, field: error.field },
        error.status,
      );
    }
    logger.error("request failed", { path: c.req.path, error: String(error) });
    if (error instanceof ContentCorruptedError) {
      return c.json({ error: "content_corrupted", message: error.message, field: null }, 500);
    }
    return c.json({ error: "internal", message: "internal error", field: null }, 500);
  });
  app.notFound((c) =>
    c.json({ error: "not_found", message: `no route ${c.req.path}`, field: null }, 404),
  );

  app.get("/health", (c) => {
    const s = sync.status;
    const stuck = isStuck(s, config.rpc.stuckAfterMs);
    const healthy = s.phase !== "failed" && !stuck;
    return c.json(
      {
        status: s.phase === "failed" ? "failed" : stuck ? "stuck" : "ok",
        phase: s.phase,
        chainId: config.chainId,
        headBlock: s.headBlock,
        indexedBlock: s.indexedBlock,
        lagBlocks:
          s.headBlock !== null && s.indexedBlock !== null
            ? Math.max(0, s.headBlock - s.indexedBlock)
            : null,
        rpcErrors: s.rpcErrorsTotal,
        lastRpcError: s.lastRpcError,
        fatalError: s.fatalError,
      },
      healthy ? 200 : 503,
    );
  });

  app.get("/metrics", (c) =>
    c.text(metricsText(sync.status, config.rpc.stuckAfterMs), 200, {
      "content-type": "text/plain; version=0.0.4",
    }),
  );

  app.get("/openapi.json", (c) => c.json(document));

  const licences = createLicenceChecker(db, {
    entries: config.licenceCheckCacheEntries,
    version: () => dataVersion(sync.status, licenceCheckInputs),
    clock: () => sync.status.indexedTimestamp,
  });
  registerDomainRoutes(app, db, licences);

  app.get("/activity", async (c) => {
    const q = validQuery(c, activityQuery);
    const after = cursorKey(q.cursor, ["number", "number"]);
    let query = db
      .selectFrom("events")
      .selectAll()
      .orderBy("block_number", "desc")
      .orderBy("log_index", "desc")
      .limit(q.limit + 1);
    if (q.contract) query = query.where("contract", "=", q.contract);
    if (q.event) query = query.where("event_name", "=", q.event);
    if (after)
      query = query.where(sql<boolean>`(block_number, log_index) < (${after[0]}, ${after[1]})`);
    const rows = await query.execute();
    return c.json(page(rows, q.limit, (r) => [r.block_number, r.log_index]));
  });

  app.get("/activity/stream", (c) =>
    streamSSE(c, async (stream) => {
      const queue: Activity[] = [];
      let wake: (() => void) | null = null;
      const listener = (activity: Activity) => {
        queue.push(activity);
        wake?.();
      };
      sync.activity.on("activity", listener);
      stream.onAbort(() => {
        sync.activity.off("activity", listener);
        wake?.();
      });
      await stream.writeSSE({
        event: "ready",
        data: JSON.stringify({ indexedBlock: sync.status.indexedBlock }),
      });
      while (!stream.aborted && !stream.closed) {
        const next = queue.shift();
        if (next) {
          await stream.writeSSE({ event: next.type, data: JSON.stringify(next) });
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 15_000);
        });
        wake = null;
        if (queue.length === 0 && !stream.aborted)
          await stream.writeSSE({ event: "ping", data: "{}" });
      }
      sync.activity.off("activity", listener);
    }),
  );

  app.get("/funds", async (c) => {
    const [rows, pending] = await Promise.all([
      db.selectFrom("sub_funds").selectAll().orderBy("sub_fund").execute(),
      db.selectFrom("licensing_fund_pending").selectAll().execute(),
    ]);
    const pendingOf = new Map(pending.map((p) => [p.sub_fund, p.amount]));
    return c.json({
      items: rows.map((row) => ({
        ...row,
        pendingFromLicensing: pendingOf.get(row.sub_fund) ?? "0",
      })),
    });
  });

  app.get("/funds/:subFund/movements", async (c) => {
    const { subFund } = validParams(c, subFundParams);
    const q = validQuery(c, pageQuery);
    const after = cursorKey(q.cursor, ["number", "number"]);
    const exists = await db
      .selectFrom("sub_funds")
      .select("sub_fund")
      .where("sub_fund", "=", subFund)
      .executeTakeFirst();
    if (!exists) throw new RequestError(404, `no sub-fund ${subFund}`, "params.subFund");
    let query = db
      .selectFrom("fund_movements")
      .selectAll()
      .where("sub_fund", "=", subFund)
      .orderBy("block_number", "desc")
      .orderBy("log_index", "desc")
      .limit(q.limit + 1);
    if (after)
      query = query.where(sql<boolean>`(block_number, log_index) < (${after[0]}, ${after[1]})`);
    return c.json(page(await query.execute(), q.limit, (r) => [r.block_number, r.log_index]));
  });

  app.get("/streams", async (c) => {
    const q = validQuery(c, streamsQuery);
    const after = cursorKey(q.cursor, ["number"]);
    let query = db
      .selectFrom("streams")
      .selectAll()
      .orderBy("stream_id", "desc")
      .limit(q.limit + 1);
    if (q.recipient) query = query.where("recipient", "=", q.recipient);
    if (after) query = query.where("stream_id", "<", after[0] as number);
    return c.json(page(await query.execute(), q.limit, (r) => [r.stream_id]));
  });

  app.get("/accounts/:account/balance", async (c) => {
    const { account } = validParams(c, accountParams);
    const row = await db
      .selectFrom("coin_balances")
      .select("balance")
      .where("account", "=", account)
      .executeTakeFirst();
    return c.json({ account, balance: row?.balance ?? "0" });
  });

  app.get("/accounts/:account/transfers", async (c) => {
    const { account } = validParams(c, accountParams);
    const q = validQuery(c, pageQuery);
    const after = cursorKey(q.cursor, ["number", "number"]);
    let query = db
      .selectFrom("coin_transfers")
      .selectAll()
      .where((eb) => eb.or([eb("from_account", "=", account), eb("to_account", "=", account)]))
      .orderBy("block_number", "desc")
      .orderBy("log_index", "desc")
      .limit(q.limit + 1);
    if (after) {
      query = query.where(sql<boolean>`(block_number, log_index) < (${after[0]}, ${after[1]})`);
    }
    return c.json(page(await query.execute(), q.limit, (r) => [r.block_number, r.log_index]));
  });

  app.post(
    "/content",
    bodyLimit({
      maxSize: config.maxUploadBytes,
      onError: (c) =>
        c.json(
          {
            error: "too_large",
            message: `uploads are limited to ${config.maxUploadBytes} bytes`,
            field: "body",
          },
          413,
        ),
    }),
    async (c) => {
      const body = await validJson(c, uploadBody);
      const files = body.files.map((f) => ({
        path: f.path,
        bytes: new Uint8Array(Buffer.from(f.data, "base64")),
      }));
      try {
        const stored = await content.put(files, body.contentHash);
        return c.json(stored, 201);
      } catch (error) {
        if (error instanceof ContentHashMismatchError)
          throw new RequestError(400, error.message, "body.contentHash");
        if (error instanceof InvalidBundleError || error instanceof FrontMatterError)
          throw new RequestError(400, error.message, "body.files");
        throw error;
      }
    },
  );

  app.get("/content", async (c) => {
    const q = validQuery(c, contentSearchQuery);
    const after = cursorKey(q.cursor, ["string"]);
    let query = db
      .selectFrom("content_bundles")
      .select([
        "content_hash",
        "cid",
        "title",
        "summary",
        "tags",
        "machines",
        "total_size",
        "file_count",
      ])
      .orderBy("content_hash")
      .limit(q.limit + 1);
    if (q.q) query = query.where(sql<boolean>`search @@ websearch_to_tsquery('simple', ${q.q})`);
    if (after) query = query.where("content_hash", ">", after[0] as string);
    return c.json(page(await query.execute(), q.limit, (r) => [r.content_hash]));
  });

  async function resolveRef(c: Context): Promise<`0x${string}`> {
    const { ref } = validParams(c, contentParams);
    if (ref.startsWith("0x")) return ref as `0x${string}`;
    const row = await db
      .selectFrom("content_bundles")
      .select("content_hash")
      .where("cid", "=", ref)
      .executeTakeFirst();
    if (!row) throw new RequestError(404, `no bundle with CID ${ref}`, "params.ref");
    return row.content_hash as `0x${string}`;
  }

  app.get("/content/:ref", async (c) => {
    const contentHash = await resolveRef(c);
    const row = await db
      .selectFrom("content_bundles")
      .selectAll()
      .where("content_hash", "=", contentHash)
      .executeTakeFirst();
    const manifest = row ? await content.manifest(contentHash) : null;
    if (!row || !manifest) throw new RequestError(404, `no bundle ${contentHash}`, "params.ref");
    const { search: _search, ...bundle } = row as typeof row & { search?: unknown };
    return c.json({ ...bundle, entries: manifest.entries });
  });

  app.get("/content/:ref/manifest", async (c) => {
    const contentHash = await resolveRef(c);
    const manifest = await content.manifest(contentHash);
    if (!manifest) throw new RequestError(404, `no bundle ${contentHash}`, "params.ref");
    return c.body(manifest.bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "text/plain; charset=utf-8",
    });
  });

  app.get("/content/:ref/files/*", async (c) => {
    const contentHash = await resolveRef(c);
    const prefix = `/content/${c.req.param("ref")}/files/`;
    let filePath: string;
    try {
      filePath = decodeURIComponent(c.req.path.slice(prefix.length));
    } catch {
      throw new RequestError(400, "params.path is not a valid URL-encoded path", "params.path");
    }
    if (!filePath) throw new RequestError(400, "params.path is empty", "params.path");
    const bytes = await content.file(contentHash, filePath);
    if (!bytes) throw new RequestError(404, `no file ${filePath} in ${contentHash}`, "params.path");
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { "content-type": contentType(filePath) });
  });

  return app;
}
