/**
 * What a committed block changed that a licence answer depends on, so that each API process
 * drops only the answers it kept for those questions (server/licence-check.ts).
 *
 * A licence check reads a work (and the content hash naming it), its template's commercial-use
 * rule, the account's participant row and the account's latest record for the work. Only the
 * contracts in `licenceCheckInputs` write those rows. Of their events, the four that replace or
 * mark one account's latest record for one work change only the answers to (that work, that
 * account): those are named as pairs. The money events of Licensing write none of the rows read
 * and change nothing. Every other event of those contracts (a work registered, suspended or
 * moved to another template, a template added, a participant admitted, suspended or changed in
 * kind, and any event this list does not know) may change many answers at once: "all". A
 * rollback or reset of the store also drops everything (status.ts counts those apart).
 */

/** An account's latest record for a work, as a licence check reads it (licence_holdings). */
export interface LicenceHolding {
  recordId: number;
  revoked: boolean;
  validUntil: number;
}

/**
 * One kept question's key facts: the work (by id) and the account (lower case), and what the
 * commit left as the account's latest record for the work (null: none), when it is known: a
 * process then updates its kept answers in place instead of reading the store again. Without
 * it (a notice too large to carry it) the kept answers are dropped.
 */
export interface LicencePair {
  workId: number;
  account: string;
  holding?: LicenceHolding | null;
}

/** "all": drop every kept answer; pairs: drop those answers only (none: nothing changed). */
export type LicenceChange = "all" | { pairs: LicencePair[] };

export const NO_LICENCE_CHANGE: LicenceChange = { pairs: [] };

/** Contracts whose events may change a licence answer (the others never do). */
export const licenceCheckInputs = [
  "CommonsRegistry",
  "WorksRegistry",
  "LicenceTemplates",
  "Licensing",
] as const;

/** Licensing events that change one account's latest record for one work: the arguments naming them. */
const pairEvents: Record<string, { work: string; account: string }> = {
  LicencePurchased: { work: "workId", account: "licensee" },
  CommonsUseRecorded: { work: "workId", account: "user" },
  LicenceRevoked: { work: "workId", account: "licensee" },
  RevocationLifted: { work: "workId", account: "account" },
};

/**
 * Licensing events that write none of the rows a check reads: pots, payments, fund shares,
 * unclaimable marks, checkpoints, and a work's price (the check does not read it).
 */
const unrelatedLicensingEvents = new Set([
  "UpstreamReceived",
  "UpstreamSettled",
  "FundFlushed",
  "UnclaimableMarked",
  "UnclaimedSwept",
  "Claimed",
  "WorkPriceSet",
]);

const inputs = new Set<string>(licenceCheckInputs);

interface EventLike {
  contract: string;
  eventName: string;
  args: Record<string, unknown>;
}

function pairOf(event: EventLike): LicencePair | null {
  const names = pairEvents[event.eventName];
  if (!names) return null;
  const work = event.args[names.work];
  const account = event.args[names.account];
  if ((typeof work !== "bigint" && typeof work !== "number") || typeof account !== "string") {
    return null;
  }
  const workId = Number(work);
  return Number.isSafeInteger(workId) ? { workId, account: account.toLowerCase() } : null;
}

/** What `events` (one commit's) change of the licence answers. */
export function licenceChangeOf(events: readonly EventLike[]): LicenceChange {
  const pairs = new Map<string, LicencePair>();
  for (const event of events) {
    if (!inputs.has(event.contract)) continue;
    if (event.contract === "Licensing") {
      if (unrelatedLicensingEvents.has(event.eventName)) continue;
      const pair = pairOf(event);
      // An event of Licensing this list does not know (or malformed arguments): drop everything.
      if (!pair) return "all";
      pairs.set(`${pair.workId}:${pair.account}`, pair);
      continue;
    }
    return "all";
  }
  return { pairs: [...pairs.values()] };
}

/** The holdings row a licence check reads, as the writer holds it (undefined: no row). */
type HoldingRow = { record_id: number; revoked: boolean; valid_until: number } | undefined;

/**
 * `change` with each pair's holding after the commit, read by `holdingOf` (inside the
 * committing transaction, where the handlers have just written it).
 */
export async function withHoldings(
  change: LicenceChange,
  holdingOf: (key: { work_id: number; licensee: string }) => Promise<HoldingRow>,
): Promise<LicenceChange> {
  if (change === "all") return change;
  const pairs: LicencePair[] = [];
  for (const pair of change.pairs) {
    const row = await holdingOf({ work_id: pair.workId, licensee: pair.account });
    const holding = row
      ? { recordId: row.record_id, revoked: row.revoked, validUntil: row.valid_until }
      : null;
    pairs.push({ workId: pair.workId, account: pair.account, holding });
  }
  return { pairs };
}

/** `change` naming the same pairs without their holdings (their kept answers are dropped). */
export function withoutHoldings(change: LicenceChange): LicenceChange {
  if (change === "all") return change;
  return { pairs: change.pairs.map(({ workId, account }) => ({ workId, account })) };
}

const isCount = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0;

/** A holding as a notice carries it: undefined when absent, "invalid" when malformed. */
function parseHolding(value: unknown): LicenceHolding | null | undefined | "invalid" {
  if (value === undefined || value === null) return value;
  if (typeof value !== "object") return "invalid";
  const { recordId, revoked, validUntil } = value as Partial<LicenceHolding>;
  if (!isCount(recordId) || typeof revoked !== "boolean" || !isCount(validUntil)) {
    return "invalid";
  }
  return { recordId, revoked, validUntil };
}

/** `text`, as a notice carries it, or "all" when it is not a valid change (correctness first). */
export function parseLicenceChange(value: unknown): LicenceChange {
  if (value === "all" || typeof value !== "object" || value === null) return "all";
  const pairs = (value as { pairs?: unknown }).pairs;
  if (!Array.isArray(pairs)) return "all";
  const parsed: LicencePair[] = [];
  for (const pair of pairs) {
    const { workId, account, holding } = (pair ?? {}) as Record<string, unknown>;
    if (!Number.isSafeInteger(workId) || typeof account !== "string") return "all";
    const known = parseHolding(holding);
    if (known === "invalid") return "all";
    const named: LicencePair = { workId: workId as number, account: account.toLowerCase() };
    if (known !== undefined) named.holding = known;
    parsed.push(named);
  }
  return { pairs: parsed };
}

/**
 * The changes a process heard, for the answers it keeps: `wide` counts changes of everything;
 * `recent` holds the latest narrow changes, numbered by `seq`. A reader that fell further behind
 * than `recent` reaches drops everything.
 */
export interface LicenceChangeLog {
  wide: number;
  seq: number;
  recent: { seq: number; pairs: LicencePair[] }[];
}

/** Narrow changes remembered; a kept-answer cache is read on every check, so it is never far behind. */
const RECENT = 1_024;

export function createLicenceChangeLog(): LicenceChangeLog {
  return { wide: 0, seq: 0, recent: [] };
}

export function recordLicenceChange(log: LicenceChangeLog, change: LicenceChange): void {
  if (change === "all") {
    log.wide += 1;
    return;
  }
  if (change.pairs.length === 0) return;
  log.seq += 1;
  log.recent.push({ seq: log.seq, pairs: change.pairs });
  if (log.recent.length > RECENT) log.recent.shift();
}
