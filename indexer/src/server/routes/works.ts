/** Works (search, detail), licence records and templates, and the licence check. */
import { createRoute, z } from "@hono/zod-openapi";
import { sql } from "kysely";
import { cursorParam, pageOf } from "../http/cursor.ts";
import type { Api, ApiContext } from "../http/context.ts";
import { ApiError } from "../http/errors.ts";
import {
  address,
  bytes32,
  int4Id,
  int8Id,
  limit,
  searchText,
  trimmedText,
} from "../http/params.ts";
import { ok } from "../http/respond.ts";
import { errorResponses, jsonResponse } from "../schemas/common.ts";
import * as s from "../schemas/works.ts";

const worksQuery = z
  .object({
    limit,
    cursor: cursorParam.optional(),
    q: searchText.optional(),
    licenceId: int4Id.optional(),
    adopter: address.optional(),
    contributor: address.optional(),
    tag: trimmedText(64).optional(),
    machine: trimmedText(64).optional(),
  })
  .strict();

/** The licence check's query (also parsed by its direct answer, http/direct.ts). */
export const licenceCheckQuery = z
  .object({ account: address, workId: int8Id.optional(), contentHash: bytes32.optional() })
  .strict()
  .refine((q) => (q.workId === undefined) !== (q.contentHash === undefined), {
    message: "give exactly one of workId and contentHash",
    path: ["workId"],
  });

const recordsQuery = z
  .object({
    limit,
    cursor: cursorParam.optional(),
    licensee: address.optional(),
    workId: int8Id.optional(),
  })
  .strict();

export function registerWorkRoutes(app: Api, ctx: ApiContext): void {
  const { db, cursors, licences, direct } = ctx;
  /** The licence check's answer: the route's, and its direct answer's (http/direct.ts). */
  const check = (q: z.output<typeof licenceCheckQuery>) =>
    licences.check(
      q.workId !== undefined ? { workId: q.workId } : { contentHash: q.contentHash! },
      q.account,
    );

  app.openapi(
    createRoute({
      method: "get",
      path: "/works",
      summary: "Works, newest first; full-text search over title, summary, tags and machines",
      request: { query: worksQuery },
      responses: { 200: jsonResponse(s.works, "A page of works"), ...errorResponses(400) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const key = cursors.decode("works", q.cursor, ["int"]);
      let query = db
        .selectFrom("works as w")
        .leftJoin("content_bundles as b", "b.content_hash", "w.content_hash")
        .select([
          "w.work_id",
          "w.content_hash",
          "w.registrant",
          "w.licence_id",
          "w.metadata_uri",
          "w.version_count",
          "w.suspended",
          "w.parents",
          "w.contributors",
          "b.title",
          "b.summary",
          "b.tags",
          "b.machines",
        ])
        .orderBy("w.work_id", "desc")
        .limit(q.limit + 1);
      if (q.q)
        query = query.where(sql<boolean>`b.search @@ websearch_to_tsquery('simple', ${q.q})`);
      if (q.licenceId !== undefined) query = query.where("w.licence_id", "=", q.licenceId);
      if (q.adopter) {
        const adopter = q.adopter;
        query = query.where((eb) =>
          eb.exists(
            eb
              .selectFrom("adoptions as a")
              .select("a.work_id")
              .whereRef("a.work_id", "=", "w.work_id")
              .where("a.adopter", "=", adopter)
              .where("a.active", "=", true),
          ),
        );
      }
      if (q.contributor) {
        query = query.where(
          sql<boolean>`w.contributors @> ${JSON.stringify([{ account: q.contributor }])}::jsonb`,
        );
      }
      // Exact tags and machines from the work's front matter (jsonb containment).
      if (q.tag) query = query.where(sql<boolean>`b.tags @> ${JSON.stringify([q.tag])}::jsonb`);
      if (q.machine)
        query = query.where(sql<boolean>`b.machines @> ${JSON.stringify([q.machine])}::jsonb`);
      if (key) query = query.where("w.work_id", "<", key[0] as number);
      return ok(
        c,
        pageOf(cursors, "works", await query.execute(), q.limit, (r) => [r.work_id]),
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/works/{workId}",
      summary:
        "A work with versions, parents, children, stewards, adopters, its licence income pot and " +
        "the upstream income received from its children",
      request: { params: z.object({ workId: int8Id }) },
      responses: { 200: jsonResponse(s.workDetail, "The work"), ...errorResponses(400, 404) },
    }),
    async (c) => {
      const { workId } = c.req.valid("param");
      const work = await db
        .selectFrom("works")
        .selectAll()
        .where("work_id", "=", workId)
        .executeTakeFirst();
      if (!work) throw new ApiError(404, "not_found", `no work ${workId}`, "params.workId");
      const [versions, children, stewards, adopters, bundle, pot, receipts] = await Promise.all([
        db
          .selectFrom("work_versions as v")
          .leftJoin("content_hashes as h", "h.content_hash", "v.content_hash")
          .select(["v.version", "v.content_hash", "v.metadata_uri", "v.author", "v.block_number"])
          .select(
            sql<boolean>`coalesce(h.work_id = v.work_id AND h.version = v.version, false)`.as(
              "holdsContentHash",
            ),
          )
          .where("v.work_id", "=", workId)
          .orderBy("v.version")
          .execute(),
        db
          .selectFrom("work_parents")
          .select("work_id")
          .where("parent_id", "=", workId)
          .orderBy("work_id")
          .execute(),
        db
          .selectFrom("work_stewards")
          .select("steward")
          .where("work_id", "=", workId)
          .where("active", "=", true)
          .orderBy("steward")
          .execute(),
        db
          .selectFrom("adoptions")
          .select("adopter")
          .where("work_id", "=", workId)
          .where("active", "=", true)
          .orderBy("adopter")
          .execute(),
        db
          .selectFrom("content_bundles")
          .select(["title", "summary", "tags", "machines", "cid"])
          .where("content_hash", "=", work.content_hash)
          .executeTakeFirst(),
        db.selectFrom("work_pots").selectAll().where("work_id", "=", workId).executeTakeFirst(),
        db
          .selectFrom("upstream_receipts")
          .select([
            "from_work_id",
            "to_contributors",
            "to_upstream",
            "to_fund",
            "block_number",
            "transaction_hash",
          ])
          .where("work_id", "=", workId)
          .orderBy("block_number")
          .orderBy("log_index")
          .execute(),
      ]);
      return ok(c, {
        ...work,
        content: bundle ?? null,
        versions,
        children: children.map((r) => r.work_id),
        stewards: stewards.map((r) => r.steward),
        adopters: adopters.map((r) => r.adopter),
        income: {
          perBps: pot?.per_bps ?? "0",
          upstreamPending: pot?.upstream_pending ?? "0",
          upstreamReceived: pot?.upstream_received ?? "0",
          fromChildren: receipts.map((r) => ({
            fromWorkId: r.from_work_id,
            toContributors: r.to_contributors,
            toUpstream: r.to_upstream,
            toFund: r.to_fund,
            blockNumber: r.block_number,
            transactionHash: r.transaction_hash,
          })),
        },
      });
    },
  );

  const checkRoute = createRoute({
    method: "get",
    path: "/licences/check",
    summary: "May an account use a work commercially, and why (as Licensing.licenceStatus)",
    request: { query: licenceCheckQuery },
    responses: { 200: jsonResponse(s.licenceStatus, "The answer"), ...errorResponses(400) },
  });
  app.openapi(checkRoute, async (c) => ok(c, await check(c.req.valid("query"))));
  direct.get(checkRoute.path, licenceCheckQuery, check);

  app.openapi(
    createRoute({
      method: "get",
      path: "/licences/records",
      summary: "Licence records, newest first",
      request: { query: recordsQuery },
      responses: {
        200: jsonResponse(s.licenceRecords, "A page of records"),
        ...errorResponses(400),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const key = cursors.decode("records", q.cursor, ["int"]);
      let query = db
        .selectFrom("licence_records")
        .selectAll()
        .orderBy("record_id", "desc")
        .limit(q.limit + 1);
      if (q.licensee) query = query.where("licensee", "=", q.licensee);
      if (q.workId !== undefined) query = query.where("work_id", "=", q.workId);
      if (key) query = query.where("record_id", "<", key[0] as number);
      return ok(
        c,
        pageOf(cursors, "records", await query.execute(), q.limit, (r) => [r.record_id]),
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/licences/templates",
      summary:
        "Licence templates and their terms, each with the licences forks of its share-alike works may use",
      responses: { 200: jsonResponse(s.licenceTemplates, "Templates"), ...errorResponses() },
    }),
    async (c) => {
      const [templates, compatible] = await Promise.all([
        db.selectFrom("licence_templates").selectAll().orderBy("licence_id").execute(),
        db
          .selectFrom("licence_compatibility")
          .select(["parent_licence_id", "child_licence_id"])
          .where("compatible", "=", true)
          .orderBy("child_licence_id")
          .execute(),
      ]);
      return ok(c, {
        items: templates.map((t) => ({
          ...t,
          compatibleLicences: compatible
            .filter((r) => r.parent_licence_id === t.licence_id)
            .map((r) => r.child_licence_id),
        })),
      });
    },
  );
}
