/**
 * "May account A use work W commercially, and why?" answered from one indexed query, with the
 * same rules, in the same order, as Licensing.licenceStatus on chain. Time is the timestamp of
 * the last indexed block, as block.timestamp is for the contract.
 *
 * Integrators ask the same questions again and again, so the indexed facts behind an answer
 * are kept until a block changes the data they come from (works, templates, participants,
 * licence records: the contracts in `licenceCheckInputs`), or a rollback or reset. Time is not
 * kept: each answer is decided at the indexed head's timestamp, so expiry stays exact.
 * Identical questions in flight share one query.
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "../database/schema.ts";

export const reasons = [
  "UnknownWork",
  "SuspendedWork",
  "NotMember",
  "Forbidden",
  "OpenLicence",
  "CommonsUse",
  "PaidLicence",
  "NoLicence",
  "Expired",
  "Revoked",
] as const;

export type Reason = (typeof reasons)[number];

const explanations: Record<Reason, string> = {
  UnknownWork: "No work is registered under this id or content hash.",
  SuspendedWork: "Governance has suspended this work: no one may use it commercially.",
  NotMember: "The account is not an admitted, unsuspended participant of the commons.",
  Forbidden: "The work's licence forbids commercial use.",
  OpenLicence: "The work's licence allows commercial use by anyone.",
  CommonsUse: "Persons, cooperatives and places use this work commercially for free.",
  PaidLicence: "The account holds a commercial licence that has not expired.",
  NoLicence: "Enterprises need a commercial licence for this work and the account has none.",
  Expired: "The account's commercial licence has expired.",
  Revoked: "Governance revoked the account's licence for this work.",
};

const ENTERPRISE = 4;
const ADMITTED = 2;
const FORBIDDEN = 0;
const FREE = 1;

export interface LicenceStatus {
  allowed: boolean;
  reason: Reason;
  reasonCode: number;
  explanation: string;
  workId: number | null;
  account: string;
  licenceId: number;
  recordId: number;
  validUntil: number;
  /** The block timestamp the answer holds at. */
  at: number;
}

interface Row {
  work_id: number | null;
  suspended: boolean | null;
  licence_id: number | null;
  commercial_use: number | null;
  kind: number | null;
  status: number | null;
  record_id: number | null;
  revoked: boolean | null;
  expiry: number | null;
  now: number | null;
}

export type WorkRef = { workId: number } | { contentHash: string };

/** The contracts whose events change the facts a licence check reads. */
export const licenceCheckInputs = [
  "CommonsRegistry",
  "WorksRegistry",
  "LicenceTemplates",
  "Licensing",
] as const;

export async function licenceStatus(
  db: Kysely<Database>,
  ref: WorkRef,
  account: string,
): Promise<LicenceStatus> {
  return decide(await licenceFacts(db, ref, account), account);
}

async function licenceFacts(db: Kysely<Database>, ref: WorkRef, account: string): Promise<Row> {
  const workFilter =
    "workId" in ref
      ? sql`w.work_id = ${ref.workId}`
      : sql`w.work_id = (SELECT v.work_id FROM work_versions v WHERE v.content_hash = ${ref.contentHash})`;
  const { rows } = await sql<Row>`
    SELECT w.work_id, w.suspended, w.licence_id, t.commercial_use, p.kind, p.status,
           r.record_id, r.revoked, r.expiry, c.block_timestamp AS now
    FROM (SELECT 1) one
    LEFT JOIN works w ON ${workFilter}
    LEFT JOIN licence_templates t ON t.licence_id = w.licence_id
    LEFT JOIN participants p ON p.account = ${account}
    LEFT JOIN LATERAL (
      SELECT record_id, revoked, expiry FROM licence_records
      WHERE work_id = w.work_id AND licensee = ${account}
      ORDER BY record_id DESC LIMIT 1
    ) r ON true
    LEFT JOIN spin_cursor c ON c.id = 1
  `.execute(db);
  return rows[0];
}

export interface LicenceChecker {
  check(ref: WorkRef, account: string): Promise<LicenceStatus>;
}

export interface LicenceCheckerOptions {
  /** Answers kept at most (oldest dropped first); 0 asks the database every time. */
  entries: number;
  /**
   * Changes whenever the data of `licenceCheckInputs` may have changed; null while the store
   * is being written (answers are then read afresh and not kept).
   */
  version: () => string | null;
  /** The indexed head's timestamp, once known: never older than the data read. */
  clock: () => number | null;
}

export function createLicenceChecker(
  db: Kysely<Database>,
  { entries, version, clock }: LicenceCheckerOptions,
): LicenceChecker {
  let keptVersion = "";
  const kept = new Map<string, Promise<Row>>();
  function facts(ref: WorkRef, account: string): Promise<Row> {
    const current = version();
    if (current === null) return licenceFacts(db, ref, account);
    if (current !== keptVersion) {
      kept.clear();
      keptVersion = current;
    }
    const key = "workId" in ref ? `w${ref.workId}:${account}` : `h${ref.contentHash}:${account}`;
    const hit = kept.get(key);
    if (hit) return hit;
    if (kept.size >= entries) kept.delete(kept.keys().next().value!);
    const read = licenceFacts(db, ref, account);
    kept.set(key, read);
    // A failed read is not kept: the next question asks again (this caller gets the error).
    read.catch(() => {
      if (kept.get(key) === read) kept.delete(key);
    });
    return read;
  }
  return {
    async check(ref, account) {
      if (entries === 0) return licenceStatus(db, ref, account);
      const row = await facts(ref, account);
      // A kept row's own time is when it was read; the indexed head may have moved on since.
      return decide({ ...row, now: Math.max(clock() ?? 0, row.now ?? 0) }, account);
    },
  };
}

function decide(row: Row, account: string): LicenceStatus {
  const now = row.now ?? 0;
  const answer = (reason: Reason, fields: Partial<LicenceStatus> = {}): LicenceStatus => ({
    allowed: false,
    reason,
    reasonCode: reasons.indexOf(reason),
    explanation: explanations[reason],
    workId: row.work_id,
    account,
    licenceId: row.licence_id ?? 0,
    recordId: 0,
    validUntil: 0,
    at: now,
    ...fields,
  });
  if (row.work_id === null) return answer("UnknownWork", { licenceId: 0 });
  // As on chain: the latest record whatever the reason; a term only when a paid term decides.
  const recordId = row.record_id ?? 0;
  if (row.suspended) return answer("SuspendedWork", { recordId });
  if (!row.kind || row.status !== ADMITTED) return answer("NotMember", { recordId });
  if (row.commercial_use === FORBIDDEN) return answer("Forbidden", { recordId });
  if (row.revoked) return answer("Revoked", { recordId });
  if (row.commercial_use === FREE) return answer("OpenLicence", { allowed: true, recordId });
  if (row.kind !== ENTERPRISE) return answer("CommonsUse", { allowed: true, recordId });
  if (recordId === 0) return answer("NoLicence");
  const validUntil = row.expiry ?? 0;
  if (now >= validUntil) return answer("Expired", { recordId, validUntil });
  return answer("PaidLicence", { allowed: true, recordId, validUntil });
}
