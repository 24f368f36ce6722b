/**
 * What the syncing process tells other processes over one PostgreSQL store: after each write
 * transaction, a notice on the channel `spin_indexer` (PostgreSQL delivers a NOTIFY only when
 * its transaction commits, in commit order). Read-only API processes (follower.ts) move their
 * status with it, which invalidates the answers they keep: a commit names the (work, account)
 * pairs whose licence answers it changed, or "all" (licence-changes.ts).
 *
 * A payload is at most 8,000 bytes: a commit naming more pairs than fit with their holdings
 * sends the pairs alone, and one naming more than fit even so (a backfill range of many
 * purchases) sends "all" instead, which is always correct, only less precise.
 */
import { sql, type Transaction } from "kysely";
import type { Database } from "../database/schema.ts";
import { parseLicenceChange, withoutHoldings, type LicenceChange } from "./licence-changes.ts";

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
      /** What the commit changed of the licence answers. */
      licence: LicenceChange;
    }
  | { kind: "rollback"; block: number; timestamp: number; head: number | null }
  | { kind: "reset"; reason: string };

/** PostgreSQL refuses a payload of 8,000 bytes or more; this leaves room to spare. */
export const NOTICE_MAX_BYTES = 7_800;

/**
 * The text of `notice`. When it would not fit, its licence pairs go without their holdings (the
 * answers are then dropped rather than updated), and if that is still too large, "all".
 */
export function noticeText(notice: StoreNotice): string {
  const text = JSON.stringify(notice);
  if (Buffer.byteLength(text) <= NOTICE_MAX_BYTES || notice.kind !== "commit") return text;
  const narrower = JSON.stringify({ ...notice, licence: withoutHoldings(notice.licence) });
  if (Buffer.byteLength(narrower) <= NOTICE_MAX_BYTES) return narrower;
  return JSON.stringify({ ...notice, licence: "all" });
}

/** Queues `notice` for delivery when `trx` commits. */
export async function notify(trx: Transaction<Database>, notice: StoreNotice): Promise<void> {
  await sql`SELECT pg_notify(${NOTICE_CHANNEL}, ${noticeText(notice)})`.execute(trx);
}

/** A notice as received, or null when the text is not one (it is then ignored and logged). */
export function parseNotice(text: string): StoreNotice | null {
  try {
    const notice = JSON.parse(text) as StoreNotice;
    if (notice.kind === "reset" && typeof notice.reason === "string") return notice;
    // A commit whose licence change is missing or malformed changed everything, as far as
    // anyone can tell.
    if (notice.kind === "commit") notice.licence = parseLicenceChange(notice.licence);
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
