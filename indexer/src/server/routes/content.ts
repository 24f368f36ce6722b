/**
 * The content store's routes: signed multipart uploads, search over registered bundles, and
 * bundles, manifests and files by content hash or CID, served with safe, immutable headers.
 */
import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { createRoute, z } from "@hono/zod-openapi";
import { CONTENT_UPLOAD_FIELDS as FIELDS, toCidV1Raw } from "@spin/shared";
import type { Context } from "hono";
import { sql } from "kysely";
import { referenced } from "../../content/store.ts";
import { drain } from "../../content/staging.ts";
import type { ApiTables } from "../../content/tables.ts";
import { cursorParam, pageOf } from "../http/cursor.ts";
import type { Api, ApiContext } from "../http/context.ts";
import { ApiError } from "../http/errors.ts";
import { bytes32, cidV1, hasControlCharacters, limit, searchText } from "../http/params.ts";
import { ok } from "../http/respond.ts";
import { fileHeaders, notModified, safetyHeaders } from "../http/serving.ts";
import { errorResponses, jsonResponse } from "../schemas/common.ts";
import * as s from "../schemas/content.ts";
import { registerProfileRoutes } from "./profiles.ts";

const refParams = z.object({
  ref: z.union([bytes32, cidV1]).openapi({
    type: "string",
    description: "A bundle's content hash (0x + 64 hex) or its CIDv1",
    pattern: "^(0x[0-9a-fA-F]{64}|bafkrei[a-z2-7]{52})$",
  }),
});

const uploadForm = {
  type: "object",
  required: [
    FIELDS.contentHash,
    FIELDS.uploader,
    FIELDS.deadline,
    FIELDS.signature,
    FIELDS.paths,
    FIELDS.file,
  ],
  properties: {
    [FIELDS.contentHash]: { type: "string", pattern: "^0x[0-9a-fA-F]{64}$" },
    [FIELDS.uploader]: { type: "string", pattern: "^0x[0-9a-fA-F]{40}$" },
    [FIELDS.deadline]: { type: "string", pattern: "^[0-9]{1,16}$", description: "Unix seconds" },
    [FIELDS.signature]: {
      type: "string",
      pattern: "^0x[0-9a-fA-F]{130}$",
      description: "EIP-712 ContentUpload (see @spin/shared)",
    },
    [FIELDS.paths]: {
      type: "string",
      description: "JSON list of the files' paths, in the order of the file parts",
    },
    [FIELDS.file]: { type: "array", items: { type: "string", format: "binary" } },
  },
};

/** The request body as a Node stream (the server's own, so it is never buffered). */
function bodyOf(c: Context): Readable {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming) return incoming;
  if (!c.req.raw.body) return Readable.from([]);
  return Readable.fromWeb(c.req.raw.body as import("node:stream/web").ReadableStream);
}

export function registerContentRoutes(app: Api, ctx: ApiContext): void {
  const { db, cursors, content, config, stats } = ctx;
  const store = db.withTables<ApiTables>();

  app.openapi(
    createRoute({
      method: "post",
      path: "/content",
      summary:
        "Upload a bundle, signed by an admitted member (EIP-712 ContentUpload over its content hash). " +
        "Unregistered bundles are served by hash, never searched, and removed after the grace period.",
      request: {
        body: {
          required: true,
          content: { "multipart/form-data": { schema: uploadForm as never } },
        },
      },
      responses: {
        201: jsonResponse(s.stored, "Stored"),
        200: jsonResponse(s.stored, "Already stored"),
        ...errorResponses(400, 401, 403, 409, 413, 415, 429, 503),
      },
    }),
    async (c) => {
      const maxBytes = config.maxUploadBytes;
      const drainBytes = Math.max(maxBytes, 64 * 1024 * 1024);
      const body = bodyOf(c);
      try {
        const type = c.req.header("content-type") ?? "";
        if (!/^multipart\/form-data\s*;\s*boundary=/i.test(type)) {
          await drain(body, 1024 * 1024).catch(() => false);
          throw new ApiError(
            415,
            "unsupported_media_type",
            "uploads are multipart/form-data (see @spin/shared contentUploadForm)",
            "headers.content-type",
          );
        }
        const declared = c.req.header("content-length");
        if (declared !== undefined && Number(declared) > maxBytes) {
          const drained =
            Number(declared) <= maxBytes + drainBytes &&
            (await drain(body, drainBytes).catch(() => false));
          if (!drained) c.header("Connection", "close");
          throw new ApiError(413, "too_large", `uploads are limited to ${maxBytes} bytes`, "body", {
            limit: maxBytes,
            used: Number(declared),
          });
        }
        const { stored, created } = await content.upload(body, type);
        stats.uploadsStored += created ? 1 : 0;
        return ok(c, stored, created ? 201 : 200);
      } catch (error) {
        stats.uploadsRefused += 1;
        if (error instanceof ApiError && error.status === 413 && !body.readableEnded)
          c.header("Connection", "close");
        throw error;
      }
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/content",
      summary: "Search bundles that registered works name, by title, summary, tags and machines",
      request: {
        query: z
          .object({ q: searchText.optional(), limit, cursor: cursorParam.optional() })
          .strict(),
      },
      responses: { 200: jsonResponse(s.bundles, "A page of bundles"), ...errorResponses(400) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const key = cursors.decode("content", q.cursor, ["text"]);
      let query = db
        .selectFrom("content_bundles as b")
        .select([
          "b.content_hash",
          "b.cid",
          "b.title",
          "b.summary",
          "b.tags",
          "b.machines",
          "b.total_size",
          "b.file_count",
        ])
        .where(referenced("b"))
        .orderBy("b.content_hash")
        .limit(q.limit + 1);
      if (q.q)
        query = query.where(sql<boolean>`b.search @@ websearch_to_tsquery('simple', ${q.q})`);
      if (key) query = query.where("b.content_hash", ">", key[0] as string);
      return ok(
        c,
        pageOf(cursors, "content", await query.execute(), q.limit, (r) => [r.content_hash]),
      );
    },
  );

  async function resolve(ref: string): Promise<`0x${string}`> {
    if (ref.startsWith("0x")) return ref as `0x${string}`;
    const row = await db
      .selectFrom("content_bundles")
      .select("content_hash")
      .where("cid", "=", ref)
      .executeTakeFirst();
    if (!row) throw new ApiError(404, "not_found", `no bundle with CID ${ref}`, "params.ref");
    return row.content_hash as `0x${string}`;
  }

  async function requireBundle(contentHash: `0x${string}`) {
    const row = await store
      .selectFrom("content_bundles as b")
      .select([
        "b.content_hash",
        "b.cid",
        "b.title",
        "b.summary",
        "b.tags",
        "b.machines",
        "b.total_size",
        "b.file_count",
        "b.uploader",
        "b.stored_at",
      ])
      .select(referenced("b").as("registered"))
      .where("b.content_hash", "=", contentHash)
      .executeTakeFirst();
    const manifest = row ? await content.manifest(contentHash) : null;
    if (!row || !manifest)
      throw new ApiError(404, "not_found", `no bundle ${contentHash}`, "params.ref");
    return { row, manifest };
  }

  app.openapi(
    createRoute({
      method: "get",
      path: "/content/{ref}",
      summary: "A bundle's manifest entries and front matter, by content hash or CID",
      request: { params: refParams },
      responses: { 200: jsonResponse(s.bundle, "The bundle"), ...errorResponses(400, 404) },
    }),
    async (c) => {
      const { ref } = c.req.valid("param");
      const { row, manifest } = await requireBundle(await resolve(ref));
      return ok(c, {
        ...row,
        stored_at: new Date(row.stored_at).toISOString(),
        registered: Boolean(row.registered),
        entries: manifest.entries,
      });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/content/{ref}/manifest",
      summary: "The manifest bytes, verified (immutable; ETag is the bundle's CID)",
      request: { params: refParams },
      responses: {
        200: { description: "The manifest", content: { "text/plain": { schema: z.string() } } },
        304: { description: "Not modified (If-None-Match named the CID)" },
        ...errorResponses(400, 404),
      },
    }),
    async (c) => {
      const { ref } = c.req.valid("param");
      const contentHash = await resolve(ref);
      const manifest = await content.manifest(contentHash);
      if (!manifest) throw new ApiError(404, "not_found", `no bundle ${contentHash}`, "params.ref");
      const etag = toCidV1Raw(Buffer.from(contentHash.slice(2), "hex"));
      if (notModified(c.req.header("if-none-match"), etag))
        return c.body(null, 304, safetyHeaders(etag)) as never;
      return c.body(manifest.bytes as Uint8Array<ArrayBuffer>, 200, {
        "content-type": "text/plain; charset=utf-8",
        ...safetyHeaders(etag),
      }) as never;
    },
  );

  app.openAPIRegistry.registerPath({
    method: "get",
    path: "/content/{ref}/files/{path}",
    summary:
      "One file of a bundle, verified. Passive images (png, jpeg, gif, webp, avif) inline; every " +
      "other type as an attachment; always nosniff, CSP sandbox, immutable, ETag = the file's CID",
    request: {
      params: refParams.extend({
        path: z
          .string()
          .min(1)
          .openapi({ description: "The file's path in the bundle (slashes allowed, URL-encoded)" }),
      }),
    },
    responses: {
      200: {
        description: "The file",
        content: {
          "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) },
        },
      },
      304: { description: "Not modified (If-None-Match named the file's CID)" },
      ...errorResponses(400, 404),
    },
  });

  app.get("/content/:ref/files/*", async (c) => {
    const parsed = refParams.safeParse({ ref: c.req.param("ref") });
    if (!parsed.success)
      throw new ApiError(
        400,
        "invalid_request",
        `params.ref ${parsed.error.issues[0].message}`,
        "params.ref",
      );
    const contentHash = await resolve(parsed.data.ref);
    const prefix = `/content/${c.req.param("ref")}/files/`;
    const raw = new URL(c.req.url).pathname;
    let filePath: string;
    try {
      filePath = decodeURIComponent(raw.slice(raw.indexOf(prefix) + prefix.length));
    } catch {
      throw new ApiError(
        400,
        "invalid_request",
        "params.path is not a valid URL-encoded path",
        "params.path",
      );
    }
    if (!filePath || filePath.length > 1024 || hasControlCharacters(filePath)) {
      throw new ApiError(
        400,
        "invalid_request",
        "params.path must be 1 to 1024 characters without control characters",
        "params.path",
      );
    }
    const found = await content.file(contentHash, filePath);
    if (!found)
      throw new ApiError(404, "not_found", `no file ${filePath} in ${contentHash}`, "params.path");
    const etag = toCidV1Raw(Buffer.from(found.entry.sha256, "hex"));
    const headers = fileHeaders(found.entry.path, etag, found.entry.size);
    if (notModified(c.req.header("if-none-match"), etag)) {
      const { "content-length": _length, ...rest } = headers;
      return c.body(null, 304, rest);
    }
    return c.body(found.open(), 200, headers);
  });

  registerProfileRoutes(app, ctx);
}
