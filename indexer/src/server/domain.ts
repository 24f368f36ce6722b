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
  page,
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
  tag: z.string().trim().min(1).max(64).optional(),
  machine: z.string().trim().min(1).max(64).optional(),
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
    summary:
      "A work with versions, parents, children, stewards, adopters, its licence income pot and " +
      "the upstream income received from its children",
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
    summary:
      "Licence templates and their terms, each with the licences forks of its share-alike works may use",
    responses: { 200: "Templates" },
  },
  {
    method: "get",
    path: "/accounts/{account}/claimable",
    summary:
      "What an account may claim now: licence earnings per work (as Licensing.claimable) and " +
      "vested stream amounts (as CommonFund.claimable), at the last indexed block's time",
    params: accountParams,
    responses: { 200: "Non-zero amounts as decimal strings, and their total" },
  },
  {
    method: "get",
    path: "/registry/rules",
    summary: "The commons registry's admission rule: vouches needed and the window to gather them",
    responses: { 200: "The rule", 404: "The registry's rule is not indexed yet" },
  },
  {
    method: "get",
    path: "/proposals",
    summary:
      "Proposals with decoded actions, quorum and phase (the governor's state), newest first",
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

interface ProposalRow {
  state: string;
  vote_start: number;
  vote_end: number;
  votes_for: string;
  votes_against: string;
  votes_abstain: string;
}

/**
 * The governor's quorum at a snapshot (SpinGovernor.quorum): the membership's total votes times
 * the quorum numerator at that timepoint, over 100, rounded up; at least the quorum floor then,
 * at most the total votes. Null while the snapshot is not in the past (the governor refuses to
 * look it up then).
 */
async function quorumAt(db: Kysely<Database>, snapshot: number, now: number) {
  if (snapshot >= now) return null;
  const [supply, numerator, floor] = await Promise.all([
    db
      .selectFrom("membership_supply")
      .select("total")
      .where("timepoint", "<=", snapshot)
      .orderBy("timepoint", "desc")
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom("quorum_numerators")
      .select("numerator")
      .where("timepoint", "<=", snapshot)
      .orderBy("timepoint", "desc")
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom("quorum_floors")
      .select("floor")
      .where("timepoint", "<=", snapshot)
      .orderBy("timepoint", "desc")
      .limit(1)
      .executeTakeFirst(),
  ]);
  const total = BigInt(supply?.total ?? "0");
  const share = (total * BigInt(numerator?.numerator ?? "0") + 99n) / 100n;
  const least = BigInt(floor?.floor ?? "0");
  const quorum = share > least ? share : least;
  return quorum < total ? quorum : total;
}

/**
 * A proposal's phase, as the governor's state() at the last indexed block's time: pending,
 * active (until the deadline, extended when quorum came late), then defeated or succeeded
 * (quorum counts For and Abstain; success needs more For than Against), or queued, executed,
 * canceled from their events.
 */
async function withPhase<T extends ProposalRow>(db: Kysely<Database>, proposal: T, now: number) {
  const quorum = await quorumAt(db, proposal.vote_start, now);
  const forVotes = BigInt(proposal.votes_for);
  const reached = quorum !== null && quorum <= forVotes + BigInt(proposal.votes_abstain);
  const phase =
    proposal.state !== "created"
      ? proposal.state
      : now <= proposal.vote_start
        ? "pending"
        : now <= proposal.vote_end
          ? "active"
          : reached && forVotes > BigInt(proposal.votes_against)
            ? "succeeded"
            : "defeated";
  return { ...proposal, quorum: quorum?.toString() ?? null, phase };
}

/** A stream's vested amount at `now`, as CommonFund._vested (a cancelled stream's amount is what had vested). */
function vested(
  stream: { amount: string; start_time: number; end_time: number; cancelled: boolean },
  now: number,
): bigint {
  const amount = BigInt(stream.amount);
  if (stream.cancelled || now >= stream.end_time) return amount;
  if (now <= stream.start_time) return 0n;
  return (amount * BigInt(now - stream.start_time)) / BigInt(stream.end_time - stream.start_time);
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
    // Exact tags and machines from the work's front matter (jsonb containment).
    if (q.tag) query = query.where(sql<boolean>`b.tags @> ${JSON.stringify([q.tag])}::jsonb`);
    if (q.machine)
      query = query.where(sql<boolean>`b.machines @> ${JSON.stringify([q.machine])}::jsonb`);
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
    const [versions, children, stewards, adopters, bundle, pot, receipts] = await Promise.all([
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
    return c.json({
      ...work,
      content: bundle ?? null,
      versions,
      children: children.map((r) => r.work_id),
      stewards: stewards.map((r) => r.steward),
      adopters: adopters.map((r) => r.adopter),
      income: {
        /** Licensing.potOf: contributors' income per basis point of share, upstream not settled. */
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
    const [templates, compatible] = await Promise.all([
      db.selectFrom("licence_templates").selectAll().orderBy("licence_id").execute(),
      db
        .selectFrom("licence_compatibility")
        .select(["parent_licence_id", "child_licence_id"])
        .where("compatible", "=", true)
        .orderBy("child_licence_id")
        .execute(),
    ]);
    return c.json({
      items: templates.map((t) => ({
        ...t,
        /** Licences governance declared compatible for forks of this template's works. */
        compatibleLicences: compatible
          .filter((r) => r.parent_licence_id === t.licence_id)
          .map((r) => r.child_licence_id),
      })),
    });
  });

  app.get("/accounts/:account/claimable", async (c) => {
    const { account } = validParams(c, accountParams);
    const [works, streams, now] = await Promise.all([
      db
        .selectFrom("works as w")
        .leftJoin("work_pots as p", "p.work_id", "w.work_id")
        .leftJoin("contributor_checkpoints as k", (join) =>
          join.onRef("k.work_id", "=", "w.work_id").on("k.contributor", "=", account),
        )
        .select(["w.work_id", "w.contributors", "p.per_bps", "k.paid_per_bps"])
        .where(sql<boolean>`w.contributors @> ${JSON.stringify([{ account }])}::jsonb`)
        .orderBy("w.work_id")
        .execute(),
      db
        .selectFrom("streams")
        .select(["stream_id", "amount", "claimed", "start_time", "end_time", "cancelled"])
        .where("recipient", "=", account)
        .orderBy("stream_id")
        .execute(),
      indexedTime(db),
    ]);
    const fromWorks = works
      .map((w) => {
        const share = w.contributors.find((x) => x.account === account)?.shareBps ?? 0;
        const owed = BigInt(w.per_bps ?? "0") - BigInt(w.paid_per_bps ?? "0");
        return { workId: w.work_id, amount: BigInt(share) * owed };
      })
      .filter((w) => w.amount > 0n);
    const fromStreams = streams
      .map((s) => ({ streamId: s.stream_id, amount: vested(s, now) - BigInt(s.claimed) }))
      .filter((s) => s.amount > 0n);
    const total = [...fromWorks, ...fromStreams].reduce((sum, x) => sum + x.amount, 0n);
    return c.json({
      account,
      works: fromWorks.map((w) => ({ workId: w.workId, amount: w.amount.toString() })),
      streams: fromStreams.map((s) => ({ streamId: s.streamId, amount: s.amount.toString() })),
      total: total.toString(),
    });
  });

  app.get("/registry/rules", async (c) => {
    const rule = await db.selectFrom("admission_rule").selectAll().executeTakeFirst();
    if (!rule) throw new RequestError(404, "the registry's admission rule is not indexed yet");
    return c.json({
      vouchThreshold: rule.vouch_threshold,
      vouchWindowSeconds: rule.vouch_window,
      blockNumber: rule.block_number,
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
    const items = await Promise.all(result.items.map((p) => withPhase(db, p, now)));
    return c.json({ ...result, items });
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
    return c.json({ ...(await withPhase(db, proposal, await indexedTime(db))), votes });
  });
}
