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
 *
 * PostgreSQL lets any role that can connect to the database send and hear notices on any
 * channel, so a notice proves nothing by arriving. Each is sealed: it takes the next number of
 * the store's sequence `spin_notice_seq` in the transaction that sends it, and carries an
 * HMAC-SHA256 of that number and its text under the store's secret "notices" (api_secrets,
 * which only the indexer's roles may read). A follower hears a notice only when its seal is
 * the key's and its number is above the last one it heard (at least the sequence's value when
 * it began listening): a forged notice, an altered one and an old one sent again are refused.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
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

/** The name of the store's secret notices are sealed with (api_secrets). */
export const NOTICE_KEY_NAME = "notices";

/** What a seal adds before the notice's text: its number (at most 15 digits), MAC and dots. */
const SEAL_BYTES = 15 + 1 + 43 + 1;
/** The notice's number, its MAC (base64url of 32 bytes), then the notice's text. */
const SEALED = /^(\d{1,15})\.([A-Za-z0-9_-]{43})\./;

/** A notice as heard, with the number it took. */
export interface SealedNotice {
  seq: number;
  notice: StoreNotice;
}

/**
 * The text of `notice`. When it would not fit, its licence pairs go without their holdings (the
 * answers are then dropped rather than updated), and if that is still too large, "all".
 */
export function noticeText(notice: StoreNotice): string {
  const room = NOTICE_MAX_BYTES - SEAL_BYTES;
  const text = JSON.stringify(notice);
  if (Buffer.byteLength(text) <= room || notice.kind !== "commit") return text;
  const narrower = JSON.stringify({ ...notice, licence: withoutHoldings(notice.licence) });
  if (Buffer.byteLength(narrower) <= room) return narrower;
  return JSON.stringify({ ...notice, licence: "all" });
}

function seal(key: Uint8Array, seq: number, text: string): string {
  return createHmac("sha256", key).update(`${seq}.${text}`).digest("base64url");
}

/** The payload of `notice` numbered `seq`: `seq.mac.text`. */
export function sealNotice(key: Uint8Array, seq: number, notice: StoreNotice): string {
  const text = noticeText(notice);
  return `${seq}.${seal(key, seq, text)}.${text}`;
}

/**
 * The notice a payload carries when `key` sealed it, or null: unsealed, sealed with another key,
 * altered after sealing, or not a notice.
 */
export function openNotice(key: Uint8Array, payload: string): SealedNotice | null {
  const parts = SEALED.exec(payload);
  if (!parts) return null;
  const seq = Number(parts[1]);
  const text = payload.slice(parts[0].length);
  const expected = Buffer.from(seal(key, seq, text));
  if (!timingSafeEqual(expected, Buffer.from(parts[2]))) return null;
  const notice = parseNotice(text);
  return notice && { seq, notice };
}

/** Queues `notice`, sealed with `key` under the sequence's next number, for when `trx` commits. */
export async function notify(
  trx: Transaction<Database>,
  key: Uint8Array,
  notice: StoreNotice,
): Promise<void> {
  const { rows } = await sql<{ seq: string }>`SELECT nextval('spin_notice_seq') AS seq`.execute(
    trx,
  );
  const payload = sealNotice(key, Number(rows[0].seq), notice);
  await sql`SELECT pg_notify(${NOTICE_CHANNEL}, ${payload})`.execute(trx);
}

/**
 * The number the last notice took (0 when none has): a notice numbered below it was sent before
 * this was read. The one numbered with it may still be on its way (its transaction had not
 * committed), so a follower that starts listening now hears from this number on.
 */
export async function lastNoticeNumber(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ last_value: string; is_called: boolean }>`
    SELECT last_value, is_called FROM spin_notice_seq`.execute(db);
  return rows[0].is_called ? Number(rows[0].last_value) : 0;
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
