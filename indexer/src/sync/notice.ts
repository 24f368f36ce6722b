/**
 * What the syncing process tells other processes over one PostgreSQL store: after each write
 * transaction, a notice on the channel `spin_indexer` (PostgreSQL delivers a NOTIFY only when
 * its transaction commits, in commit order). Read-only API processes (follower.ts) move their
 * status with it, which invalidates the answers they keep.
 */
import { sql, type Transaction } from "kysely";
import type { Database } from "../database/schema.ts";

export const NOTICE_CHANNEL = "spin_indexer";

export type StoreNotice =
  | {
      kind: "commit";
      /** The first and last block the transaction indexed. */
      fromBlock: number;
      block: number;
      timestamp: number;
      head: number | null;
      /** The contracts whose events the transaction wrote. */
      contracts: string[];
      events: number;
    }
  | { kind: "rollback"; block: number; timestamp: number; head: number | null }
  | { kind: "reset"; reason: string };

/** Queues `notice` for delivery when `trx` commits. */
export async function notify(trx: Transaction<Database>, notice: StoreNotice): Promise<void> {
  await sql`SELECT pg_notify(${NOTICE_CHANNEL}, ${JSON.stringify(notice)})`.execute(trx);
}

/** A notice as received, or null when the text is not one (it is then ignored and logged). */
export function parseNotice(text: string): StoreNotice | null {
  try {
    const notice = JSON.parse(text) as StoreNotice;
    if (notice.kind === "reset" && typeof notice.reason === "string") return notice;
    if (
      (notice.kind === "commit" || notice.kind === "rollback") &&
      Number.isSafeInteger(notice.block) &&
      Number.isSafeInteger(notice.timestamp)
    ) {
      return notice;
    }
    return null;
  } catch {
    return null;
  }
}
