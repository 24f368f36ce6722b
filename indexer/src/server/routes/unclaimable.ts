/**
 * Running unclaimable marks: licence earnings (Licensing.markUnclaimable) and streams
 * (CommonFund.markStreamUnclaimable) whose owner could not claim them, soonest sweep first, so
 * that governance sees what it may sweep and an owner what it should claim before then.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { sql, type Expression, type SqlBool } from "kysely";
import { cursorParam, pageOf, type CursorKey } from "../http/cursor.ts";
import type { Api, ApiContext } from "../http/context.ts";
import { ApiError } from "../http/errors.ts";
import { address, limit } from "../http/params.ts";
import { ok } from "../http/respond.ts";
import { errorResponses, jsonResponse } from "../schemas/common.ts";
import { unclaimableMarks } from "../schemas/fund.ts";

const ROUTE = "unclaimable";
const KINDS = ["licence", "stream"] as const;
type Kind = (typeof KINDS)[number];

interface Mark {
  kind: Kind;
  workId: number | null;
  streamId: number | null;
  account: string;
  amount: string;
  sweepableAt: number;
}

/** A mark's place in the list: sweep time, kind, work or stream id, account. */
function keyOf(mark: Mark): CursorKey {
  return [
    mark.sweepableAt,
    KINDS.indexOf(mark.kind),
    mark.workId ?? mark.streamId ?? 0,
    mark.account,
  ];
}

function compare(a: Mark, b: Mark): number {
  const [x, y] = [keyOf(a), keyOf(b)];
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return 0;
}

/**
 * The rows of `kind` after `key`, on columns (sweep time, id, account) of that kind: a kind
 * before the key's starts after its sweep time, the key's own kind after the whole key, a later
 * kind at its sweep time.
 */
function afterKey(
  kind: Kind,
  key: CursorKey | undefined,
  columns: [string, string, string],
): Expression<SqlBool> | undefined {
  if (!key) return undefined;
  const [at, kindIndex, id, account] = key as [number, number, number, string];
  const [atColumn, idColumn, accountColumn] = columns.map((c) => sql.ref(c));
  const index = KINDS.indexOf(kind);
  if (index < kindIndex) return sql<SqlBool>`${atColumn} > ${at}`;
  if (index > kindIndex) return sql<SqlBool>`${atColumn} >= ${at}`;
  return sql<SqlBool>`(${atColumn}, ${idColumn}, ${accountColumn}) > (${at}, ${id}, ${account})`;
}

export function registerUnclaimableRoute(app: Api, { db, cursors }: ApiContext): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/unclaimable",
      summary:
        "Running unclaimable marks (licence earnings and streams an owner could not claim), " +
        "soonest sweep first, as Licensing.unclaimableMark and CommonFund.unclaimableMark",
      request: {
        query: z
          .object({
            limit,
            cursor: cursorParam.optional(),
            kind: z.enum(KINDS).optional(),
            account: address.optional().openapi({
              description: "Only marks on this contributor's or recipient's claims",
            }),
          })
          .strict(),
      },
      responses: {
        200: jsonResponse(unclaimableMarks, "A page of running marks"),
        ...errorResponses(400),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const key = cursors.decode(ROUTE, q.cursor, ["int", "int", "int", "text"]);
      if (key && (key[1] as number) >= KINDS.length) {
        throw new ApiError(400, "invalid_request", "query.cursor names no kind", "query.cursor");
      }
      const wanted = (kind: Kind) => q.kind === undefined || q.kind === kind;
      const [licences, streams] = await Promise.all([
        wanted("licence") ? licenceMarks(q.limit + 1, key, q.account) : [],
        wanted("stream") ? streamMarks(q.limit + 1, key, q.account) : [],
      ]);
      const rows = [...licences, ...streams].sort(compare).slice(0, q.limit + 1);
      return ok(c, pageOf(cursors, ROUTE, rows, q.limit, keyOf));
    },
  );

  async function licenceMarks(
    count: number,
    key: CursorKey | undefined,
    account: string | undefined,
  ): Promise<Mark[]> {
    let query = db
      .selectFrom("unclaimable_marks as m")
      .innerJoin("works as w", "w.work_id", "m.work_id")
      .leftJoin("work_pots as p", "p.work_id", "m.work_id")
      .leftJoin("contributor_checkpoints as k", (join) =>
        join.onRef("k.work_id", "=", "m.work_id").onRef("k.contributor", "=", "m.contributor"),
      )
      .select(["m.work_id", "m.contributor", "m.sweepable_at", "w.contributors"])
      .select(["p.per_bps", "k.paid_per_bps"])
      .orderBy("m.sweepable_at")
      .orderBy("m.work_id")
      .orderBy("m.contributor")
      .limit(count);
    if (account) query = query.where("m.contributor", "=", account);
    const after = afterKey("licence", key, ["m.sweepable_at", "m.work_id", "m.contributor"]);
    if (after) query = query.where(after);
    return (await query.execute()).map((row) => {
      // As Licensing.claimable: the share times what the pot gained since the checkpoint.
      const share = row.contributors.find((x) => x.account === row.contributor)?.shareBps ?? 0;
      const owed = BigInt(row.per_bps ?? "0") - BigInt(row.paid_per_bps ?? "0");
      return {
        kind: "licence",
        workId: row.work_id,
        streamId: null,
        account: row.contributor,
        amount: (BigInt(share) * owed).toString(),
        sweepableAt: row.sweepable_at,
      };
    });
  }

  async function streamMarks(
    count: number,
    key: CursorKey | undefined,
    account: string | undefined,
  ): Promise<Mark[]> {
    let query = db
      .selectFrom("streams")
      .select(["stream_id", "recipient", "amount", "claimed", "sweepable_at"])
      .where("sweepable_at", "is not", null)
      .orderBy("sweepable_at")
      .orderBy("stream_id")
      .limit(count);
    if (account) query = query.where("recipient", "=", account);
    const after = afterKey("stream", key, ["sweepable_at", "stream_id", "recipient"]);
    if (after) query = query.where(after);
    return (await query.execute()).map((row) => ({
      kind: "stream",
      workId: null,
      streamId: row.stream_id,
      account: row.recipient,
      amount: (BigInt(row.amount) - BigInt(row.claimed)).toString(),
      sweepableAt: row.sweepable_at as number,
    }));
  }
}
