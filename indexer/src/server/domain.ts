/**
 * The commons' read API: participants and places, works (search, lineage, versions, adoptions,
 * licences), the licence check, licence templates, proposals with decoded actions and votes.
 */
import type { Hono } from "hono";
import { sql, type Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../database/schema.ts";
import type { LicenceChecker } from "./licence-check.ts";
import type { RouteDoc } from "./openapi.ts";
import {
  bytes32,
  cursor,
  cursorKey,
  cursorOf,
  hexAddress,
  limit,
  RequestError,
  uintId,
  validParams,
  validQuery,
} from "./validation.ts";

const kindNames = ["None", "Person", "Cooperative", "Place", "Enterprise"] as const;
const statusNames = ["None", "Applicant", "Admitted", "Suspended", "Expelled"] as const;

const participantsQuery = z.object({
  limit,
  cursor: cursor.optional(),
  kind: z.enum(kindNames.slice(1) as [string, ...string[]]).optional(),
  status: z.enum(statusNames.slice(1) as [string, ...string[]]).optional(),
  machine: z.string().min(1).max(100).optional(),
});
const accountParams = z.object({ account: hexAddress });
const workParams = z.object({ workId: uintId });
const worksQuery = z.object({
  limit,
  cursor: cursor.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  licenceId: uintId.optional(),
  adopter: hexAddress.optional(),
  contributor: hexAddress.optional(),
});
const licenceCheckQuery = z
  .object({
    account: hexAddress,
    workId: uintId.optional(),
    contentHash: bytes32.optional(),
  })
  .refine((q) => (q.workId === undefined) !== (q.contentHash === undefined), {
    message: "give exactly one of workId and contentHash",
    path: ["workId"],
  });
const proposalParams = z.object({
  proposalId: z.string().regex(/^(0|[1-9][0-9]{0,77})$/, "must be a decimal proposal id"),
});
const pageQuery = z.object({ limit, cursor: cursor.optional() });
const recordsQuery = z.object({
  limit,
  cursor: cursor.optional(),
  licensee: hexAddress.optional(),
  workId: uintId.optional(),
});

export const domainRouteDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/participants",
    summary: "Participants, filtered by kind, status or machine",
    query: participantsQuery,
    responses: { 200: "A page of participants" },
  },
  {
    method: "get",
    path: "/participants/{account}",
    summary: "A participant with its delegation",
    params: accountParams,
    responses: { 200: "The participant", 404: "Unknown account" },
  },
  { method: "get", path: "/enodes", summary: "The node allowlist", responses: { 200: "Enodes" } },
  {
    method: "get",
    path: "/works",
    summary: "Works, newest first; full-text search over title, summary, tags and machines",
    query: worksQuery,
    responses: { 200: "A page of works" },
  },
  {
    method: "get",
    path: "/works/{workId}",
    summary: "A work with versions, parents, children, stewards and adopters",
    params: workParams,
    responses: { 200: "The work", 404: "Unknown work" },
  },
  {
    method: "get",
    path: "/licences/check",
    summary: "May an account use a work commercially, and why (as Licensing.licenceStatus)",
    query: licenceCheckQuery,
    responses: { 200: "The answer" },
  },
  {
    method: "get",
    path: "/licences/records",
    summary: "Licence records, newest first",
    query: recordsQuery,
    responses: { 200: "A page of records" },
  },
  {
    method: "get",
    path: "/licences/templates",
    summary: "Licence templates and their terms",
    responses: { 200: "Templates" },
  },
  {
    method: "get",
    path: "/proposals",
    summary: "Proposals with decoded actions, newest first",
    query: pageQuery,
    responses: { 200: "A page of proposals" },
  },
  {
    method: "get",
    path: "/proposals/{proposalId}",
    summary: "A proposal with its votes",
    params: proposalParams,
    responses: { 200: "The proposal", 404: "Unknown proposal" },
  },
];

function page<T>(rows: T[], size: number, keyOf: (row: T) => (string | number)[]) {
  const items = rows.slice(0, size);
  const nextCursor = rows.length > size ? cursorOf(keyOf(items[items.length - 1])) : null;
  return { items, nextCursor };
}

/**
 * A proposal's phase from its events and the last indexed block's time: pending, active,
 * voting-ended (the governor's Succeeded or Defeated, which needs the quorum), queued, executed
 * or canceled.
 */
function withPhase<T extends { state: string; vote_start: number; vote_end: number }>(
  proposal: T,
  now: number,
) {
  const phase =
    proposal.state !== "created"
      ? proposal.state
      : now < proposal.vote_start
        ? "pending"
        : now <= proposal.vote_end
          ? "active"
          : "voting-ended";
  return { ...proposal, phase };
}

async function indexedTime(db: Kysely<Database>): Promise<number> {
  const cursor = await db.selectFrom("spin_cursor").select("block_timestamp").executeTakeFirst();
  return cursor?.block_timestamp ?? 0;
}

function describeParticipant<T extends { kind: number; status: number }>(row: T) {
  return {
    ...row,
    kindName: kindNames[row.kind] ?? "None",
    statusName: statusNames[row.status] ?? "None",
  };
}

export function registerDomainRoutes(
  app: Hono,
  db: Kysely<Database>,
  licences: LicenceChecker,
): void {
  app.get("/participants", async (c) => {
    const q = validQuery(c, participantsQuery);
    const after = cursorKey(q.cursor, ["string"]);
    let query = db
      .selectFrom("participants")
      .selectAll()
      .orderBy("account")
      .limit(q.limit + 1);
    if (q.kind) query = query.where("kind", "=", kindNames.indexOf(q.kind as never));
    if (q.status) query = query.where("status", "=", statusNames.indexOf(q.status as never));
    if (q.machine) query = query.where(sql<boolean>`place->'machines' ? ${q.machine}`);
    if (after) query = query.where("account", ">", after[0] as string);
    const rows = await query.execute();
    const result = page(rows, q.limit, (r) => [r.account]);
    return c.json({ ...result, items: result.items.map(describeParticipant) });
  });

  app.get("/participants/:account", async (c) => {
    const { account } = validParams(c, accountParams);
    const row = await db
      .selectFrom("participants")
      .selectAll()
      .where("account", "=", account)
      .executeTakeFirst();
    if (!row) throw new RequestError(404, `no participant ${account}`, "params.account");
    const delegation = await db
      .selectFrom("delegations")
      .selectAll()
      .where("account", "=", account)
      .executeTakeFirst();
    return c.json({ ...describeParticipant(row), delegation: delegation ?? null });
  });

  app.get("/enodes", async (c) => {
    return c.json({
      items: await db.selectFrom("enodes").selectAll().orderBy("enode_id").execute(),
    });
  });

  app.get("/works", async (c) => {
    const q = validQuery(c, worksQuery);
    const after = cursorKey(q.cursor, ["number"]);
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
    if (q.q) query = query.where(sql<boolean>`b.search @@ websearch_to_tsquery('simple', ${q.q})`);
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
    if (q.contributor)
      query = query.where(
        sql<boolean>`w.contributors @> ${JSON.stringify([{ account: q.contributor }])}::jsonb`,
      );
    if (after) query = query.where("w.work_id", "<", after[0] as number);
    return c.json(page(await query.execute(), q.limit, (r) => [r.work_id]));
  });

  app.get("/works/:workId", async (c) => {
    const { workId } = validParams(c, workParams);
    const work = await db
      .selectFrom("works")
      .selectAll()
      .where("work_id", "=", workId)
      .executeTakeFirst();
    if (!work) throw new RequestError(404, `no work ${workId}`, "params.workId");
    const [versions, children, stewards, adopters, bundle] = await Promise.all([
      db
        .selectFrom("work_versions")
        .select(["version", "content_hash", "metadata_uri", "author", "block_number"])
        .where("work_id", "=", workId)
        .orderBy("version")
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
    ]);
    return c.json({
      ...work,
      content: bundle ?? null,
      versions,
      children: children.map((r) => r.work_id),
      stewards: stewards.map((r) => r.steward),
      adopters: adopters.map((r) => r.adopter),
    });
  });

  app.get("/licences/check", async (c) => {
    const q = validQuery(c, licenceCheckQuery);
    const ref = q.workId !== undefined ? { workId: q.workId } : { contentHash: q.contentHash! };
    return c.json(await licences.check(ref, q.account));
  });

  app.get("/licences/records", async (c) => {
    const q = validQuery(c, recordsQuery);
    const after = cursorKey(q.cursor, ["number"]);
    let query = db
      .selectFrom("licence_records")
      .selectAll()
      .orderBy("record_id", "desc")
      .limit(q.limit + 1);
    if (q.licensee) query = query.where("licensee", "=", q.licensee);
    if (q.workId !== undefined) query = query.where("work_id", "=", q.workId);
    if (after) query = query.where("record_id", "<", after[0] as number);
    return c.json(page(await query.execute(), q.limit, (r) => [r.record_id]));
  });

  app.get("/licences/templates", async (c) => {
    return c.json({
      items: await db.selectFrom("licence_templates").selectAll().orderBy("licence_id").execute(),
    });
  });

  app.get("/proposals", async (c) => {
    const q = validQuery(c, pageQuery);
    const after = cursorKey(q.cursor, ["number", "string"]);
    let query = db
      .selectFrom("proposals")
      .selectAll()
      .orderBy("vote_start", "desc")
      .orderBy("proposal_id", "desc")
      .limit(q.limit + 1);
    if (after)
      query = query.where(sql<boolean>`(vote_start, proposal_id) < (${after[0]}, ${after[1]})`);
    const result = page(await query.execute(), q.limit, (r) => [r.vote_start, r.proposal_id]);
    const now = await indexedTime(db);
    return c.json({ ...result, items: result.items.map((p) => withPhase(p, now)) });
  });

  app.get("/proposals/:proposalId", async (c) => {
    const { proposalId } = validParams(c, proposalParams);
    const proposal = await db
      .selectFrom("proposals")
      .selectAll()
      .where("proposal_id", "=", proposalId)
      .executeTakeFirst();
    if (!proposal) throw new RequestError(404, `no proposal ${proposalId}`, "params.proposalId");
    const votes = await db
      .selectFrom("votes")
      .selectAll()
      .where("proposal_id", "=", proposalId)
      .orderBy("block_number")
      .orderBy("log_index")
      .execute();
    return c.json({ ...withPhase(proposal, await indexedTime(db)), votes });
  });
}
