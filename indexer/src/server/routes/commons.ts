/**
 * The commons: participants with their names, a batch name lookup for any addresses (SPIN's
 * contracts included), the delegate directory, the node allowlist and the admission rule.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { sql } from "kysely";
import { cursorParam, pageOf } from "../http/cursor.ts";
import type { Api, ApiContext } from "../http/context.ts";
import { ApiError } from "../http/errors.ts";
import { address, limit, repeated, text } from "../http/params.ts";
import { ok } from "../http/respond.ts";
import {
  admissionRule,
  applicationAt,
  applicationStates,
  applicationsOf,
  headTimestamp,
  voteAt,
} from "../reads/admission.ts";
import { participantName, profileDocuments } from "../reads/names.ts";
import { errorResponses, jsonResponse } from "../schemas/common.ts";
import * as s from "../schemas/commons.ts";
import { kindNames, statusNames } from "../schemas/commons.ts";

export const MAX_NAMES = 100;

const participantsQuery = z
  .object({
    limit,
    cursor: cursorParam.optional(),
    kind: z.enum(["Person", "Cooperative", "Place", "Enterprise"]).optional(),
    status: z.enum(["Applicant", "Admitted", "Suspended", "Expelled"]).optional(),
    machine: text(100).optional(),
    application: z
      .enum(applicationStates)
      .optional()
      .openapi({ description: "Only accounts whose latest application is in this state" }),
  })
  .strict();

export function registerCommonsRoutes(app: Api, ctx: ApiContext): void {
  const { db, cursors, names } = ctx;

  type Row = Awaited<ReturnType<typeof participantRows>>[number];
  function participantRows() {
    return db.selectFrom("participants").selectAll().execute();
  }
  async function describe(rows: Row[], now: number) {
    const documents = await profileDocuments(
      db,
      rows.map((r) => r.profile_hash),
    );
    const applications = await applicationsOf(
      db,
      rows.map((r) => r.account),
    );
    const cooldown = (await admissionRule(db))?.reapply_cooldown ?? 0;
    return rows.map((row) => {
      const application = applications.get(row.account);
      return {
        ...row,
        application: application ? applicationAt(application, now, cooldown) : null,
        vote: voteAt(row, now),
        kindName: kindNames[row.kind] ?? "None",
        statusName: statusNames[row.status] ?? "None",
        name: participantName(row, documents)?.name ?? null,
      };
    });
  }

  /** "The account's latest application is in `state` at `now`", as applicationAt decides. */
  function inState(state: (typeof applicationStates)[number], now: number) {
    const conditions = {
      admitted: sql`a.outcome = 'admitted'`,
      scheduled: sql`a.outcome = 'pending' AND a.admissible_at <> 0 AND a.admissible_at > ${now}`,
      admissible: sql`a.outcome = 'pending' AND a.admissible_at <> 0 AND a.admissible_at <= ${now}`,
      open: sql`a.outcome = 'pending' AND a.admissible_at = 0 AND a.window_end >= ${now}`,
      expired: sql`a.outcome = 'pending' AND a.admissible_at = 0 AND a.window_end < ${now}`,
      rejected: sql`a.outcome = 'rejected'`,
    };
    return sql<boolean>`EXISTS (SELECT 1 FROM applications a WHERE a.account = participants.account AND ${conditions[state]})`;
  }

  app.openapi(
    createRoute({
      method: "get",
      path: "/participants",
      summary: "Participants with their names, filtered by kind, status or machine",
      request: { query: participantsQuery },
      responses: {
        200: jsonResponse(s.participants, "A page of participants"),
        ...errorResponses(400),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const key = cursors.decode("participants", q.cursor, ["text"]);
      let query = db
        .selectFrom("participants")
        .selectAll()
        .orderBy("account")
        .limit(q.limit + 1);
      if (q.kind) query = query.where("kind", "=", kindNames.indexOf(q.kind));
      if (q.status) query = query.where("status", "=", statusNames.indexOf(q.status));
      if (q.machine) query = query.where(sql<boolean>`place->'machines' ? ${q.machine}`);
      const now = await headTimestamp(db);
      if (q.application) query = query.where(inState(q.application, now));
      if (key) query = query.where("account", ">", key[0] as string);
      const page = pageOf(cursors, "participants", await query.execute(), q.limit, (r) => [
        r.account,
      ]);
      return ok(c, { ...page, items: await describe(page.items, now) });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/participants/{account}",
      summary: "A participant with its name and delegation",
      request: { params: z.object({ account: address }) },
      responses: {
        200: jsonResponse(s.participantDetail, "The participant"),
        ...errorResponses(400, 404),
      },
    }),
    async (c) => {
      const { account } = c.req.valid("param");
      const row = await db
        .selectFrom("participants")
        .selectAll()
        .where("account", "=", account)
        .executeTakeFirst();
      if (!row) throw new ApiError(404, "not_found", `no participant ${account}`, "params.account");
      const delegation = await db
        .selectFrom("delegations")
        .selectAll()
        .where("account", "=", account)
        .executeTakeFirst();
      const [described] = await describe([row], await headTimestamp(db));
      const round = described.application?.round;
      const vouches =
        round === undefined || described.application?.state === "admitted"
          ? []
          : await db
              .selectFrom("application_vouches")
              .select(["voucher", "block_number", "transaction_hash"])
              .where("candidate", "=", account)
              .where("round", "=", round)
              .orderBy("block_number")
              .orderBy("log_index")
              .execute();
      const named = await names.of(vouches.map((v) => v.voucher));
      return ok(c, {
        ...described,
        delegation: delegation ?? null,
        vouchers: vouches.map((v, i) => ({
          voucher: v.voucher,
          name: named[i].name,
          blockNumber: v.block_number,
          transactionHash: v.transaction_hash,
        })),
      });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/names",
      summary: `Display names of up to ${MAX_NAMES} addresses (address=..&address=..), SPIN's contracts included`,
      request: {
        query: z
          .object({
            address: repeated(address, MAX_NAMES).openapi({
              type: "array",
              items: { type: "string", pattern: "^0x[0-9a-fA-F]{40}$" },
              maxItems: MAX_NAMES,
            }),
          })
          .strict(),
      },
      responses: {
        200: jsonResponse(s.names, "One entry per address, in the order asked"),
        ...errorResponses(400),
      },
    }),
    async (c) => {
      const { address: addresses } = c.req.valid("query");
      return ok(c, { items: await names.of(addresses) });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/delegates",
      summary: "The delegate directory: members by votes delegated to them, most first, with names",
      request: { query: z.object({ limit, cursor: cursorParam.optional() }).strict() },
      responses: { 200: jsonResponse(s.delegates, "A page of delegates"), ...errorResponses(400) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const key = cursors.decode("delegates", q.cursor, ["uint256", "text"]);
      let query = db
        .selectFrom("delegations as d")
        .select([
          "d.account",
          "d.votes",
          sql<number>`(SELECT count(*)::int FROM delegations x WHERE x.delegate = d.account)`.as(
            "delegators",
          ),
        ])
        .where(sql<boolean>`d.votes > 0`)
        .orderBy(sql`d.votes`, "desc")
        .orderBy("d.account")
        .limit(q.limit + 1);
      if (key) {
        query = query.where(
          sql<boolean>`(d.votes < ${key[0]}::numeric OR (d.votes = ${key[0]}::numeric AND d.account > ${key[1]}))`,
        );
      }
      const page = pageOf(cursors, "delegates", await query.execute(), q.limit, (r) => [
        r.votes,
        r.account,
      ]);
      const named = await names.of(page.items.map((r) => r.account));
      return ok(c, {
        items: page.items.map((r, i) => ({ ...r, name: named[i].name })),
        nextCursor: page.nextCursor,
      });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/enodes",
      summary: "The node allowlist",
      responses: { 200: jsonResponse(s.enodes, "Enodes"), ...errorResponses() },
    }),
    async (c) =>
      ok(c, { items: await db.selectFrom("enodes").selectAll().orderBy("enode_id").execute() }),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/registry/rules",
      summary:
        "The admission rule in force for new applications: vouches, window, admission delay, " +
        "ripening, seniority, vouch budget and reapply cool-down",
      responses: {
        200: jsonResponse(s.admissionRule, "The rule"),
        ...errorResponses(404),
      },
    }),
    async (c) => {
      const rule = await db.selectFrom("admission_rule").selectAll().executeTakeFirst();
      if (!rule)
        throw new ApiError(404, "not_found", "the registry's admission rule is not indexed yet");
      return ok(c, {
        vouchThreshold: rule.vouch_threshold,
        vouchWindowSeconds: rule.vouch_window,
        admissionDelaySeconds: rule.admission_delay,
        ripeningPeriodSeconds: rule.ripening_period,
        voucherSenioritySeconds: rule.voucher_seniority,
        vouchBudget: rule.vouch_budget,
        budgetPeriodSeconds: rule.budget_period,
        reapplyCooldownSeconds: rule.reapply_cooldown,
        blockNumber: rule.block_number,
      });
    },
  );
}
