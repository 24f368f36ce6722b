/**
 * "May account A use work W commercially, and why?" answered from indexed rows, with the same
 * rules, in the same order, as Licensing.licenceStatus on chain. Time is the timestamp of the
 * last indexed block, as block.timestamp is for the contract.
 *
 * The facts of an answer are a few rows read by their keys: the work (by id, or by the content
 * hash's current holder, as WorksRegistry.workOfHash: a hash an older commitment took over names
 * its new work, a released one none), its template's commercial-use rule, the account's
 * participant row, and the account's latest record for the work (licence_holdings, kept by the
 * indexer as records are bought, recorded, revoked and lifted, and undone with everything else on
 * a reorg). One prepared
 * statement reads them for many questions at once: questions that arrive while a read is under
 * way go together in the next one, so under load the store answers a batch in about the time
 * one question costs, and it never plans the statement again.
 *
 * Integrators ask the same questions again and again, so the facts behind an answer may also be
 * kept until a commit changes them. A commit names what it changed (sync/licence-changes.ts):
 * the (work, account) pairs of the licence records it wrote, with each pair's record as the
 * commit left it, or everything (a work, template or participant changed, a rollback or
 * reset). A kept answer a pair names is updated in place from the pair's record, so that a
 * purchase does not send the questions about it back to the store (where, on a busy machine, a
 * read can wait for a core far longer than the answer takes); without the record, or while its
 * read is still under way, it is dropped; a wide change drops everything. The same holds in a
 * read-only process, which hears the syncing process's commits. Time is not kept: each answer
 * is decided at the indexed head's timestamp, so expiry stays exact.
 */
import { CompiledQuery, type Kysely } from "kysely";
import { preparedSql } from "../database/parameters.ts";
import type { Database } from "../database/schema.ts";
import type { LicenceChangeLog, LicenceHolding, LicencePair } from "../sync/licence-changes.ts";

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

/** The facts one answer is decided from (null: no such row). */
export interface LicenceFacts {
  work_id: number | null;
  suspended: boolean | null;
  licence_id: number | null;
  commercial_use: number | null;
  kind: number | null;
  status: number | null;
  is_protocol: boolean | null;
  record_id: number | null;
  revoked: boolean | null;
  valid_until: number | null;
  now: number | null;
}

export type WorkRef = { workId: number } | { contentHash: string };

/**
 * One question's facts as the read returns them: the columns of LicenceFacts, in its order. The
 * read answers a batch as a single JSON text, an array of these in the order asked: parsing that
 * is one native JSON.parse, where a row per question costs the driver's parse of every field (half
 * of a batched read's time on PGlite). Every number in it is an id, a kind, a status or a time
 * well within Number's exact range, as the int8 columns are read everywhere else.
 */
type FactValues = [
  work_id: number | null,
  suspended: boolean | null,
  licence_id: number | null,
  commercial_use: number | null,
  kind: number | null,
  status: number | null,
  is_protocol: boolean | null,
  record_id: number | null,
  revoked: boolean | null,
  valid_until: number | null,
  now: number | null,
];

/** One read of the facts of many questions, in the order asked. */
const factsSql = preparedSql(
  "licence_facts_v3",
  `SELECT json_agg(json_build_array(w.work_id, w.suspended, w.licence_id, t.commercial_use,
            p.kind, p.status, p.is_protocol, h.record_id, h.revoked, h.valid_until,
            c.block_timestamp) ORDER BY q.i)::text AS facts
   FROM unnest($1::int8[], $2::text[], $3::text[]) WITH ORDINALITY AS q(work_id, content_hash, account, i)
   LEFT JOIN content_hashes v ON v.content_hash = q.content_hash
   LEFT JOIN works w ON w.work_id = coalesce(q.work_id, v.work_id)
   LEFT JOIN licence_templates t ON t.licence_id = w.licence_id
   LEFT JOIN participants p ON p.account = q.account
   LEFT JOIN licence_holdings h ON h.work_id = w.work_id AND h.licensee = q.account
   LEFT JOIN spin_cursor c ON c.id = 1`,
);

export interface Question {
  ref: WorkRef;
  account: string;
}

/** Reads the facts of `questions` from the store: entry `i` of the answer is question `i`'s. */
export async function readFacts(
  db: Kysely<Database>,
  questions: readonly Question[],
): Promise<LicenceFacts[]> {
  if (questions.length === 0) return [];
  const workIds = questions.map((q) => ("workId" in q.ref ? q.ref.workId : null));
  const hashes = questions.map((q) => ("contentHash" in q.ref ? q.ref.contentHash : null));
  const accounts = questions.map((q) => q.account);
  const { rows } = await db.executeQuery<{ facts: string }>(
    CompiledQuery.raw(factsSql, [workIds, hashes, accounts]),
  );
  const answers = JSON.parse(rows[0].facts) as FactValues[];
  if (answers.length !== questions.length) {
    throw new Error(`the store answered ${answers.length} of ${questions.length} questions`);
  }
  return answers.map((v) => ({
    work_id: v[0],
    suspended: v[1],
    licence_id: v[2],
    commercial_use: v[3],
    kind: v[4],
    status: v[5],
    is_protocol: v[6],
    record_id: v[7],
    revoked: v[8],
    valid_until: v[9],
    now: v[10],
  }));
}

/** Questions asked at most per read. */
const BATCH = 256;

/** Reads under way at most: one slow read (a busy store) does not hold up every question. */
export const READS_IN_FLIGHT = 3;

/** Reads the facts of many questions at once; row `i` of the answer is question `i`'s. */
export type BatchRead = (questions: readonly Question[]) => Promise<LicenceFacts[]>;

/** Asks the facts of one question; many asked in the same moment share a read. */
export type FactsReader = (ref: WorkRef, account: string) => Promise<LicenceFacts>;

/** The key of a question: the same question asked twice has the same key. */
function questionKey(ref: WorkRef, account: string): string {
  return "workId" in ref ? `w${ref.workId}:${account}` : `h${ref.contentHash}:${account}`;
}

interface Waiting {
  question: Question;
  resolve(row: LicenceFacts): void;
  reject(e: unknown): void;
}

/**
 * Reads facts in batches: questions asked in the same moment (before the current I/O callbacks
 * have run) go together in one read, and up to `inFlight` reads run at once; questions asked
 * while every read is busy wait and go together in the next one. Questions waiting for the same
 * read that ask the same thing share one row of it: a stampede of one question (every client
 * asking again after its answer was dropped) costs the store one question. A question never
 * joins a read already sent, whose data may be older than the question.
 */
export function createFactsReader(read: BatchRead, inFlight = READS_IN_FLIGHT): FactsReader {
  if (!Number.isSafeInteger(inFlight) || inFlight < 1) {
    throw new RangeError(`reads in flight must be a positive integer, got ${inFlight}`);
  }
  let waiting = new Map<string, Waiting[]>();
  let reading = 0;
  let scheduled = false;
  function send(): void {
    while (reading < inFlight && waiting.size > 0) {
      let batch: Map<string, Waiting[]>;
      if (waiting.size <= BATCH) {
        batch = waiting;
        waiting = new Map();
      } else {
        batch = new Map();
        for (const [key, askers] of waiting) {
          if (batch.size === BATCH) break;
          batch.set(key, askers);
          waiting.delete(key);
        }
      }
      reading += 1;
      const groups = [...batch.values()];
      read(groups.map((askers) => askers[0].question)).then(
        (rows) => {
          reading -= 1;
          groups.forEach((askers, i) => {
            for (const asker of askers) asker.resolve(rows[i]);
          });
          send();
        },
        (error: unknown) => {
          reading -= 1;
          for (const askers of groups) for (const asker of askers) asker.reject(error);
          send();
        },
      );
    }
  }
  return (ref, account) =>
    new Promise<LicenceFacts>((resolve, reject) => {
      const key = questionKey(ref, account);
      const askers = waiting.get(key);
      const asker = { question: { ref, account }, resolve, reject };
      if (askers) askers.push(asker);
      else waiting.set(key, [asker]);
      // Questions of the same moment go together: read once the current I/O callbacks ran.
      if (!scheduled && reading < inFlight) {
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          send();
        });
      }
    });
}

/** One question's answer, read from the store now. */
export async function licenceStatus(
  db: Kysely<Database>,
  ref: WorkRef,
  account: string,
): Promise<LicenceStatus> {
  const [row] = await readFacts(db, [{ ref, account }]);
  return decide(row, account);
}

export interface LicenceChecker {
  check(ref: WorkRef, account: string): Promise<LicenceStatus>;
}

export interface LicenceCheckerOptions {
  /** Answers kept at most (oldest dropped first); 0 asks the database every time. */
  entries: number;
  /**
   * Changes whenever every kept answer must go (a wide change, a rollback or reset); null while
   * nothing read can be kept (the process cannot hear the store's commits).
   */
  version: () => string | null;
  /** The narrow changes heard: each names the (work, account) answers to drop. */
  changes: () => LicenceChangeLog;
  /** The indexed head's timestamp, once known: never older than the data read. */
  clock: () => number | null;
}

interface Kept {
  reading: Promise<LicenceFacts>;
  /** The facts once read (undefined while the read is under way). */
  facts: LicenceFacts | undefined;
  account: string;
  /** The work the answer is about: known from the question, or from its row once read. */
  workId: number | null | undefined;
}

/** `facts` with the account's latest record for the work replaced by `holding`. */
function withHolding(facts: LicenceFacts, holding: LicenceHolding | null): LicenceFacts {
  return {
    ...facts,
    record_id: holding?.recordId ?? null,
    revoked: holding?.revoked ?? null,
    valid_until: holding?.validUntil ?? null,
  };
}

/**
 * Kept answers by question, indexed by account so a narrow change finds its answers without
 * walking them all. A pending read is dropped with the rest: it may have seen the data before
 * the change.
 */
function createKeptAnswers(entries: number) {
  const byKey = new Map<string, Kept>();
  const byAccount = new Map<string, Set<string>>();
  function remove(key: string): void {
    const kept = byKey.get(key);
    if (!kept) return;
    byKey.delete(key);
    const keys = byAccount.get(kept.account);
    keys?.delete(key);
    if (keys?.size === 0) byAccount.delete(kept.account);
  }
  return {
    get: (key: string) => byKey.get(key)?.reading,
    keep(key: string, ref: WorkRef, account: string, reading: Promise<LicenceFacts>): void {
      if (byKey.size >= entries) remove(byKey.keys().next().value!);
      const kept: Kept = {
        reading,
        facts: undefined,
        account,
        workId: "workId" in ref ? ref.workId : undefined,
      };
      byKey.set(key, kept);
      let keys = byAccount.get(account);
      if (!keys) byAccount.set(account, (keys = new Set()));
      keys.add(key);
      reading.then(
        (row) => {
          kept.facts = row;
          if (kept.workId === undefined) kept.workId = row.work_id;
        },
        // A failed read is not kept: the next question asks again (this caller gets the error).
        () => {
          if (byKey.get(key) === kept) remove(key);
        },
      );
    },
    /**
     * Brings the answers about the pair's work for its account up to the commit: updated from
     * the pair's record when it is known and the answer's facts were read; dropped otherwise
     * (and any answer whose work is not yet known, which may be about it).
     */
    change(pair: LicencePair): void {
      const keys = byAccount.get(pair.account);
      if (!keys) return;
      for (const key of [...keys]) {
        const kept = byKey.get(key)!;
        if (kept.workId !== undefined && kept.workId !== pair.workId) continue;
        if (pair.holding === undefined || kept.facts === undefined) remove(key);
        else {
          kept.facts = withHolding(kept.facts, pair.holding);
          kept.reading = Promise.resolve(kept.facts);
        }
      }
    },
    clear(): void {
      byKey.clear();
      byAccount.clear();
    },
  };
}

/**
 * Answers licence questions from the store's facts, kept as `options` allow: `source` is the
 * store (read in batches, see createFactsReader) or a reader of facts.
 */
export function createLicenceChecker(
  source: Kysely<Database> | FactsReader,
  { entries, version, changes, clock }: LicenceCheckerOptions,
): LicenceChecker {
  const read =
    typeof source === "function"
      ? source
      : createFactsReader((questions) => readFacts(source, questions));
  const kept = createKeptAnswers(entries);
  let keptVersion = "";
  let seenSeq = changes().seq;
  /** Brings the kept answers up to the changes heard since they were last looked at. */
  function catchUp(current: string): void {
    const log = changes();
    if (current !== keptVersion) {
      kept.clear();
      keptVersion = current;
    } else if (log.seq !== seenSeq) {
      const first = log.recent[0]?.seq ?? Infinity;
      // Fell behind what the log remembers: whatever was missed, everything goes.
      if (first > seenSeq + 1) kept.clear();
      else {
        for (const change of log.recent) {
          if (change.seq <= seenSeq) continue;
          for (const pair of change.pairs) kept.change(pair);
        }
      }
    }
    seenSeq = log.seq;
  }
  function facts(ref: WorkRef, account: string): Promise<LicenceFacts> {
    const current = version();
    if (entries === 0 || current === null) return read(ref, account);
    catchUp(current);
    const key = questionKey(ref, account);
    const hit = kept.get(key);
    if (hit) return hit;
    const reading = read(ref, account);
    kept.keep(key, ref, account, reading);
    return reading;
  }
  return {
    async check(ref, account) {
      const row = await facts(ref, account);
      // A kept row's own time is when it was read; the indexed head may have moved on since.
      return decide({ ...row, now: Math.max(clock() ?? 0, row.now ?? 0) }, account);
    },
  };
}

function decide(row: LicenceFacts, account: string): LicenceStatus {
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
  // Commons.isAllowed: admitted, or a protocol account (whatever its status).
  if (!row.kind || !(row.status === ADMITTED || row.is_protocol)) {
    return answer("NotMember", { recordId });
  }
  if (row.commercial_use === FORBIDDEN) return answer("Forbidden", { recordId });
  if (row.revoked) return answer("Revoked", { recordId });
  if (row.commercial_use === FREE) return answer("OpenLicence", { allowed: true, recordId });
  if (row.kind !== ENTERPRISE) return answer("CommonsUse", { allowed: true, recordId });
  if (recordId === 0) return answer("NoLicence");
  const validUntil = row.valid_until ?? 0;
  if (now >= validUntil) return answer("Expired", { recordId, validUntil });
  return answer("PaidLicence", { allowed: true, recordId, validUntil });
}
