/**
 * The relay inbox's table: one signed application per applicant, listed while a member can
 * still relay it at the indexed head (its nonce is the applicant's next one, its deadline is
 * ahead, the applicant is no participant and may apply). A relayed application leaves the list
 * because the indexed Applied moved the applicant's nonce; if a reorg undoes that Applied, it is
 * listed again. The janitor removes applications past their expiry.
 */
import { sql, type Kysely } from "kysely";
import type { SignedPlace } from "../content/tables.ts";
import type { ApiTables } from "../content/tables.ts";
import type { Database } from "../database/schema.ts";

const ADMITTED = 2;

export interface InboxRow {
  applicant: string;
  kind: number;
  profile_uri: string;
  profile_hash: string;
  place: SignedPlace;
  nonce: number;
  deadline: number;
  signature: string;
  received_at: Date;
  expires_at: Date;
}

/**
 * SQL: the inbox row `s` can be relayed at `now` (cool-down from the rule in force). Mirrors
 * the state checks of inbox/verify.ts.
 */
function relayable(now: number, cooldown: number) {
  return sql<boolean>`s.deadline > ${now}
    AND s.nonce = COALESCE((SELECT a.round FROM applications a WHERE a.account = s.applicant), 0)
    AND NOT EXISTS (
      SELECT 1 FROM participants p
      WHERE p.account = s.applicant AND (p.status >= ${ADMITTED} OR p.is_protocol))
    AND NOT EXISTS (
      SELECT 1 FROM applications a WHERE a.account = s.applicant AND (
        a.outcome = 'admitted'
        OR a.admissible_at <> 0
        OR a.window_end >= ${now}
        OR a.window_end + 1 + ${cooldown} > ${now}))`;
}

export function createInbox(db: Kysely<Database>) {
  const store = db.withTables<ApiTables>();
  return {
    /** Stores (or replaces) the applicant's signed application. */
    async save(row: Omit<InboxRow, "received_at">): Promise<void> {
      const values = { ...row, place: JSON.stringify(row.place) };
      await store
        .insertInto("signed_applications")
        .values(values)
        .onConflict((oc) =>
          oc.column("applicant").doUpdateSet({ ...values, received_at: sql`now()` }),
        )
        .execute();
    },

    /** Applications a member could relay now, other than `except`'s. */
    async countRelayable(now: number, cooldown: number, except: string): Promise<number> {
      const row = await store
        .selectFrom("signed_applications as s")
        .select(sql<number>`count(*)::int`.as("count"))
        .where(relayable(now, cooldown))
        .where("s.applicant", "<>", except)
        .executeTakeFirstOrThrow();
      return row.count;
    },

    /** A page of relayable applications by applicant, after `after`. */
    async list(
      now: number,
      cooldown: number,
      page: { limit: number; after?: string; kind?: number },
    ): Promise<InboxRow[]> {
      let query = store
        .selectFrom("signed_applications as s")
        .selectAll()
        .where(relayable(now, cooldown))
        .orderBy("s.applicant")
        .limit(page.limit);
      if (page.after !== undefined) query = query.where("s.applicant", ">", page.after);
      if (page.kind !== undefined) query = query.where("s.kind", "=", page.kind);
      return (await query.execute()) as InboxRow[];
    },

    /** Removes applications past their expiry; returns how many. */
    async sweep(now = new Date()): Promise<number> {
      const removed = await store
        .deleteFrom("signed_applications")
        .where("expires_at", "<", now)
        .returning("applicant")
        .execute();
      return removed.length;
    },
  };
}

export type Inbox = ReturnType<typeof createInbox>;
