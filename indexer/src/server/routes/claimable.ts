/** What an account may claim now: licence earnings per work and vested stream amounts. */
import { createRoute, z } from "@hono/zod-openapi";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../database/schema.ts";
import type { Api, ApiContext } from "../http/context.ts";
import { address } from "../http/params.ts";
import { ok } from "../http/respond.ts";
import { errorResponses, jsonResponse } from "../schemas/common.ts";
import { claimable } from "../schemas/fund.ts";

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

export async function indexedTime(db: Kysely<Database>): Promise<number> {
  const cursor = await db.selectFrom("spin_cursor").select("block_timestamp").executeTakeFirst();
  return cursor?.block_timestamp ?? 0;
}

export function registerClaimableRoute(app: Api, { db }: ApiContext): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/accounts/{account}/claimable",
      summary:
        "What an account may claim now: licence earnings per work (as Licensing.claimable) and " +
        "vested stream amounts (as CommonFund.claimable), at the last indexed block's time, each " +
        "with the running unclaimable mark's sweep time (as unclaimableMark)",
      request: { params: z.object({ account: address }) },
      responses: {
        200: jsonResponse(
          claimable,
          "Non-zero amounts (and marked ones) as decimal strings, and their total",
        ),
        ...errorResponses(400),
      },
    }),
    async (c) => {
      const { account } = c.req.valid("param");
      const [works, streams, now] = await Promise.all([
        db
          .selectFrom("works as w")
          .leftJoin("work_pots as p", "p.work_id", "w.work_id")
          .leftJoin("contributor_checkpoints as k", (join) =>
            join.onRef("k.work_id", "=", "w.work_id").on("k.contributor", "=", account),
          )
          .leftJoin("unclaimable_marks as m", (join) =>
            join.onRef("m.work_id", "=", "w.work_id").on("m.contributor", "=", account),
          )
          .select(["w.work_id", "w.contributors", "p.per_bps", "k.paid_per_bps", "m.sweepable_at"])
          .where(sql<boolean>`w.contributors @> ${JSON.stringify([{ account }])}::jsonb`)
          .orderBy("w.work_id")
          .execute(),
        db
          .selectFrom("streams")
          .select([
            "stream_id",
            "amount",
            "claimed",
            "start_time",
            "end_time",
            "cancelled",
            "sweepable_at",
          ])
          .where("recipient", "=", account)
          .orderBy("stream_id")
          .execute(),
        indexedTime(db),
      ]);
      const fromWorks = works
        .map((w) => {
          const share = w.contributors.find((x) => x.account === account)?.shareBps ?? 0;
          const owed = BigInt(w.per_bps ?? "0") - BigInt(w.paid_per_bps ?? "0");
          return { workId: w.work_id, amount: BigInt(share) * owed, sweepableAt: w.sweepable_at };
        })
        .filter((w) => w.amount > 0n || w.sweepableAt !== null);
      // A marked stream stays listed while nothing of it has vested yet: the mark still runs.
      const fromStreams = streams
        .map((s) => ({
          streamId: s.stream_id,
          amount: vested(s, now) - BigInt(s.claimed),
          sweepableAt: s.sweepable_at,
        }))
        .filter((s) => s.amount > 0n || s.sweepableAt !== null);
      const total = [...fromWorks, ...fromStreams].reduce((sum, x) => sum + x.amount, 0n);
      return ok(c, {
        account,
        works: fromWorks.map((w) => ({ ...w, amount: w.amount.toString() })),
        streams: fromStreams.map((s) => ({ ...s, amount: s.amount.toString() })),
        total: total.toString(),
      });
    },
  );
}
