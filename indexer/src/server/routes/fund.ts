/**
 * The common fund and the coin: sub-funds, movements, the public ledger (JSON or CSV) and each
 * sub-fund's balance over time, streams, balances, transfers and what an account may claim.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { sql } from "kysely";
import { cursorParam, pageOf } from "../http/cursor.ts";
import type { Api, ApiContext } from "../http/context.ts";
import { ApiError } from "../http/errors.ts";
import { address, int4Id, pageSize, limit, unixTime } from "../http/params.ts";
import { after, before, csv, ok } from "../http/respond.ts";
import { errorResponses, jsonResponse } from "../schemas/common.ts";
import * as s from "../schemas/fund.ts";
import { indexedTime, registerClaimableRoute } from "./claimable.ts";
import { registerUnclaimableRoute } from "./unclaimable.ts";

const pageQuery = z.object({ limit, cursor: cursorParam.optional() }).strict();
const subFundParams = z.object({ subFund: int4Id });
const accountParams = z.object({ account: address });

const ledgerQuery = z
  .object({
    limit: pageSize(1000, 100),
    cursor: cursorParam.optional(),
    subFund: int4Id.optional(),
    direction: z.enum(["in", "out"]).optional(),
    counterparty: address.optional(),
    from: unixTime.optional().openapi({ description: "Unix time: movements at or after it" }),
    to: unixTime.optional().openapi({ description: "Unix time: movements before it" }),
    format: z.enum(["json", "csv"]).optional().openapi({
      description:
        "csv answers text/csv (as does Accept: text/csv); the next page's cursor is in X-Next-Cursor",
    }),
  })
  .strict();

const ledgerColumns = [
  "time",
  "blockNumber",
  "logIndex",
  "transactionHash",
  "subFund",
  "subFundName",
  "direction",
  "kind",
  "amount",
  "counterparty",
  "counterpartyName",
  "memo",
  "streamId",
  "proposalId",
];

export function registerFundRoutes(app: Api, ctx: ApiContext): void {
  const { db, cursors, names, blockTimes } = ctx;

  app.openapi(
    createRoute({
      method: "get",
      path: "/funds",
      summary:
        "Sub-funds, with the cap in force, any scheduled cap raise, and the licence fee shares " +
        "Licensing holds for them until flushFund",
      responses: { 200: jsonResponse(s.subFunds, "Sub-funds"), ...errorResponses() },
    }),
    async (c) => {
      const [rows, pending, now] = await Promise.all([
        db.selectFrom("sub_funds").selectAll().orderBy("sub_fund").execute(),
        db.selectFrom("licensing_fund_pending").selectAll().execute(),
        indexedTime(db),
      ]);
      const pendingOf = new Map(pending.map((p) => [p.sub_fund, p.amount]));
      return ok(c, {
        items: rows.map(({ raised_cap_bps, cap_raise_at, ...row }) => {
          // As SubFunds._capOf and pendingCapRaise, at the indexed head's time.
          const raise =
            raised_cap_bps !== null && cap_raise_at !== null
              ? { capBps: raised_cap_bps, effectiveAt: cap_raise_at }
              : null;
          const raised = raise !== null && raise.effectiveAt <= now;
          return {
            ...row,
            cap_bps: raised ? raise.capBps : row.cap_bps,
            pendingCapRaise: raised ? null : raise,
            pendingFromLicensing: pendingOf.get(row.sub_fund) ?? "0",
          };
        }),
      });
    },
  );

  async function requireSubFund(subFund: number) {
    const row = await db
      .selectFrom("sub_funds")
      .select(["sub_fund", "name"])
      .where("sub_fund", "=", subFund)
      .executeTakeFirst();
    if (!row) throw new ApiError(404, "not_found", `no sub-fund ${subFund}`, "params.subFund");
    return row;
  }

  app.openapi(
    createRoute({
      method: "get",
      path: "/funds/{subFund}/movements",
      summary: "Every movement of a sub-fund, newest first",
      request: { params: subFundParams, query: pageQuery },
      responses: {
        200: jsonResponse(s.movements, "A page of movements"),
        ...errorResponses(400, 404),
      },
    }),
    async (c) => {
      const { subFund } = c.req.valid("param");
      const q = c.req.valid("query");
      const route = "movements";
      const key = cursors.decode(route, q.cursor, ["int", "int"]);
      await requireSubFund(subFund);
      let query = db
        .selectFrom("fund_movements")
        .selectAll()
        .where("sub_fund", "=", subFund)
        .orderBy("block_number", "desc")
        .orderBy("log_index", "desc")
        .limit(q.limit + 1);
      if (key) query = query.where(before(["block_number", "log_index"], key));
      const rows = await query.execute();
      return ok(
        c,
        pageOf(cursors, route, rows, q.limit, (r) => [r.block_number, r.log_index]),
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/funds/ledger",
      summary:
        "The public accounts: every movement of every sub-fund, newest first, with the proposal " +
        "that executed it; as JSON or CSV (format=csv or Accept: text/csv)",
      request: { query: ledgerQuery },
      responses: {
        200: {
          description: "A page of the ledger",
          content: {
            "application/json": { schema: s.ledger },
            "text/csv": {
              schema: z.string().openapi({ description: `Columns: ${ledgerColumns.join(", ")}` }),
            },
          },
        },
        ...errorResponses(400, 503),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const route = "ledger";
      const key = cursors.decode(route, q.cursor, ["int", "int"]);
      const asCsv =
        q.format === "csv" ||
        (q.format === undefined && /\btext\/csv\b/.test(c.req.header("accept") ?? ""));
      let query = db
        .selectFrom("fund_movements as m")
        .innerJoin("sub_funds as f", "f.sub_fund", "m.sub_fund")
        .selectAll("m")
        .select("f.name as sub_fund_name")
        .select(
          sql<string | null>`coalesce(
            (SELECT e.args->>'proposalId' FROM events e
              WHERE e.contract = 'SpinGovernor' AND e.event_name = 'ProposalExecuted'
                AND e.block_number = m.block_number AND e.transaction_hash = m.transaction_hash
              LIMIT 1),
            (SELECT t.proposal_id::text FROM events e
              JOIN timelock_operations t ON t.operation_id = e.args->>'id'
              WHERE e.contract = 'SpinTimelock' AND e.event_name = 'CallExecuted'
                AND e.block_number = m.block_number AND e.transaction_hash = m.transaction_hash
              LIMIT 1))`.as("proposal_id"),
        )
        .orderBy("m.block_number", "desc")
        .orderBy("m.log_index", "desc")
        .limit(q.limit + 1);
      if (q.subFund !== undefined) query = query.where("m.sub_fund", "=", q.subFund);
      if (q.direction === "in") query = query.where(sql<boolean>`m.amount > 0`);
      if (q.direction === "out") query = query.where(sql<boolean>`m.amount < 0`);
      if (q.counterparty) query = query.where("m.account", "=", q.counterparty);
      if (q.from !== undefined) {
        query = query.where("m.block_number", ">=", await blockTimes.firstAtOrAfter(q.from));
      }
      if (q.to !== undefined) {
        query = query.where("m.block_number", "<", await blockTimes.firstAtOrAfter(q.to));
      }
      if (key) query = query.where(before(["m.block_number", "m.log_index"], key));
      const rows = await query.execute();
      const page = pageOf(cursors, route, rows, q.limit, (r) => [r.block_number, r.log_index]);
      const [times, named] = await Promise.all([
        blockTimes.of(page.items.map((r) => r.block_number)),
        names.of(page.items.map((r) => r.account).filter((a): a is string => a !== null)),
      ]);
      const nameOf = new Map(named.map((n) => [n.address, n.name]));
      const items = page.items.map((r) => ({
        time: times.get(r.block_number) ?? null,
        blockNumber: r.block_number,
        logIndex: r.log_index,
        transactionHash: r.transaction_hash,
        subFund: r.sub_fund,
        subFundName: r.sub_fund_name,
        direction: r.amount.startsWith("-") ? "out" : "in",
        kind: r.kind,
        amount: r.amount.replace(/^-/, ""),
        counterparty: r.account,
        counterpartyName: r.account ? (nameOf.get(r.account) ?? null) : null,
        memo: r.memo,
        streamId: r.stream_id,
        proposalId: r.proposal_id,
      }));
      if (asCsv) {
        return c.body(csv(ledgerColumns, items), 200, {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": 'attachment; filename="spin-fund-ledger.csv"',
          ...(page.nextCursor ? { "x-next-cursor": page.nextCursor } : {}),
        }) as never;
      }
      return ok(c, { items, nextCursor: page.nextCursor });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/funds/{subFund}/balances",
      summary: "A sub-fund's balance after each of its movements, oldest first",
      request: {
        params: subFundParams,
        query: z.object({ limit: pageSize(1000, 100), cursor: cursorParam.optional() }).strict(),
      },
      responses: {
        200: jsonResponse(s.balanceSeries, "The balance series"),
        ...errorResponses(400, 404),
      },
    }),
    async (c) => {
      const { subFund } = c.req.valid("param");
      const q = c.req.valid("query");
      const route = `balances/${subFund}`;
      const key = cursors.decode(route, q.cursor, ["int", "int"]);
      const fund = await requireSubFund(subFund);
      const series = db
        .selectFrom("fund_movements")
        .select([
          "block_number",
          "log_index",
          "amount",
          sql<string>`sum(amount) OVER (ORDER BY block_number, log_index)::text`.as("balance"),
        ])
        .where("sub_fund", "=", subFund)
        .as("series");
      let query = db
        .selectFrom(series)
        .selectAll()
        .orderBy("block_number")
        .orderBy("log_index")
        .limit(q.limit + 1);
      if (key) query = query.where(after(["block_number", "log_index"], key));
      const page = pageOf(cursors, route, await query.execute(), q.limit, (r) => [
        r.block_number,
        r.log_index,
      ]);
      const times = await blockTimes.of(page.items.map((r) => r.block_number));
      return ok(c, {
        subFund,
        name: fund.name,
        items: page.items.map((r) => ({
          blockNumber: r.block_number,
          logIndex: r.log_index,
          time: times.get(r.block_number) ?? null,
          change: r.amount,
          balance: r.balance,
        })),
        nextCursor: page.nextCursor,
      });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/streams",
      summary: "Streams, newest first",
      request: {
        query: z
          .object({ limit, cursor: cursorParam.optional(), recipient: address.optional() })
          .strict(),
      },
      responses: { 200: jsonResponse(s.streams, "A page of streams"), ...errorResponses(400) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const key = cursors.decode("streams", q.cursor, ["int"]);
      let query = db
        .selectFrom("streams")
        .selectAll()
        .orderBy("stream_id", "desc")
        .limit(q.limit + 1);
      if (q.recipient) query = query.where("recipient", "=", q.recipient);
      if (key) query = query.where("stream_id", "<", key[0] as number);
      return ok(
        c,
        pageOf(cursors, "streams", await query.execute(), q.limit, (r) => [r.stream_id]),
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/accounts/{account}/balance",
      summary: "An account's coin balance (0 for unknown accounts)",
      request: { params: accountParams },
      responses: { 200: jsonResponse(s.balance, "The balance"), ...errorResponses(400) },
    }),
    async (c) => {
      const { account } = c.req.valid("param");
      const row = await db
        .selectFrom("coin_balances")
        .select("balance")
        .where("account", "=", account)
        .executeTakeFirst();
      return ok(c, { account, balance: row?.balance ?? "0" });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/accounts/{account}/transfers",
      summary: "Coin transfers from or to an account, newest first",
      request: { params: accountParams, query: pageQuery },
      responses: { 200: jsonResponse(s.transfers, "A page of transfers"), ...errorResponses(400) },
    }),
    async (c) => {
      const { account } = c.req.valid("param");
      const q = c.req.valid("query");
      const key = cursors.decode("transfers", q.cursor, ["int", "int"]);
      let query = db
        .selectFrom("coin_transfers")
        .selectAll()
        .where((eb) => eb.or([eb("from_account", "=", account), eb("to_account", "=", account)]))
        .orderBy("block_number", "desc")
        .orderBy("log_index", "desc")
        .limit(q.limit + 1);
      if (key) query = query.where(before(["block_number", "log_index"], key));
      return ok(
        c,
        pageOf(cursors, "transfers", await query.execute(), q.limit, (r) => [
          r.block_number,
          r.log_index,
        ]),
      );
    },
  );

  registerClaimableRoute(app, ctx);
  registerUnclaimableRoute(app, ctx);
}
