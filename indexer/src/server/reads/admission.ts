/**
 * Where applications and votes stand at the indexed head, decided as Admissions' `_stateOf` and
 * the registry's `ripen` decide them, at the head block's timestamp (so an application expires,
 * or an admission falls due, on the block it does on chain).
 */
import type { Kysely, Selectable } from "kysely";
import type {
  AdmissionRuleTable,
  ApplicationTable,
  Database,
  ParticipantTable,
} from "../../database/schema.ts";

/** The indexed head's timestamp (0 before the first block). */
export async function headTimestamp(db: Kysely<Database>): Promise<number> {
  const cursor = await db.selectFrom("spin_cursor").select("block_timestamp").executeTakeFirst();
  return cursor?.block_timestamp ?? 0;
}

export async function admissionRule(
  db: Kysely<Database>,
): Promise<Selectable<AdmissionRuleTable> | undefined> {
  return db.selectFrom("admission_rule").selectAll().executeTakeFirst();
}

/**
 * open: accepting vouches; scheduled: enough vouches, governance may still reject until
 * admissibleAt; admissible: anyone may complete it; rejected and expired: closed (IAdmission's
 * Closed), the account may apply again from mayApplyFrom; admitted: the registry admitted it
 * (IAdmission's None).
 */
export const applicationStates = [
  "open",
  "scheduled",
  "admissible",
  "rejected",
  "expired",
  "admitted",
] as const;
export type ApplicationState = (typeof applicationStates)[number];

/** Pending states: the account may not apply again, and governance may still decide. */
export const pendingStates: readonly ApplicationState[] = ["open", "scheduled", "admissible"];

export interface ApplicationView {
  state: ApplicationState;
  kind: number;
  round: number;
  profileURI: string;
  profileHash: string;
  vouches: number;
  threshold: number;
  admissionDelaySeconds: number;
  ripeningPeriodSeconds: number;
  windowEnd: number;
  /** When a scheduled admission falls due (null while not scheduled). */
  admissibleAt: number | null;
  /** When the account may apply again (closed applications only, as `applicationOf`). */
  mayApplyFrom: number | null;
  /** Governance's reason, for a rejected application. */
  reason: string | null;
  /** How it was admitted: "Vouches" or "Governance" (admitted applications only). */
  admittedBy: "Vouches" | "Governance" | null;
  blockNumber: number;
}

type ApplicationRow = Selectable<ApplicationTable>;

/** An application at time `now`, under the reapply cool-down of the rule in force now. */
export function applicationAt(
  row: ApplicationRow,
  now: number,
  reapplyCooldown: number,
): ApplicationView {
  let state: ApplicationState;
  if (row.outcome === "admitted") state = "admitted";
  else if (row.admissible_at !== 0) state = now < row.admissible_at ? "scheduled" : "admissible";
  else if (now <= row.window_end) state = "open";
  else state = row.outcome === "rejected" ? "rejected" : "expired";
  const closed = state === "rejected" || state === "expired";
  return {
    state,
    kind: row.kind,
    round: row.round,
    profileURI: row.profile_uri,
    profileHash: row.profile_hash,
    vouches: row.vouches,
    threshold: row.threshold,
    admissionDelaySeconds: row.admission_delay,
    ripeningPeriodSeconds: row.ripening_period,
    windowEnd: row.window_end,
    admissibleAt: row.admissible_at === 0 ? null : row.admissible_at,
    mayApplyFrom: closed ? row.window_end + 1 + reapplyCooldown : null,
    reason: row.reason,
    admittedBy:
      row.admitted_how === null ? null : row.admitted_how === 0 ? "Vouches" : "Governance",
    blockNumber: row.block_number,
  };
}

/**
 * none: no vote (not a Person, or not admitted); ripening: counts from ripensAt; ripenable:
 * ripensAt has passed, it counts once someone calls `ripen`; ripe: it counts (while the member
 * is admitted and unsuspended).
 */
export const voteStates = ["none", "ripening", "ripenable", "ripe"] as const;
export type VoteState = (typeof voteStates)[number];

const PERSON = 1;
const ADMITTED = 2;
const SUSPENDED = 3;

export interface VoteView {
  state: VoteState;
  /** When the vote ripens (null once ripe, and for accounts without a vote). */
  ripensAt: number | null;
  /** Whether its own vote counts now: a ripe, admitted, unsuspended Person. */
  counts: boolean;
}

type VoteRow = Pick<ParticipantTable, "kind" | "status" | "vote_ripens_at">;

export function voteAt(row: VoteRow, now: number): VoteView {
  if (row.kind !== PERSON || (row.status !== ADMITTED && row.status !== SUSPENDED)) {
    return { state: "none", ripensAt: null, counts: false };
  }
  if (row.vote_ripens_at !== 0) {
    return {
      state: now < row.vote_ripens_at ? "ripening" : "ripenable",
      ripensAt: row.vote_ripens_at,
      counts: false,
    };
  }
  return { state: "ripe", ripensAt: null, counts: row.status === ADMITTED };
}

/** The latest applications of these accounts, by account. */
export async function applicationsOf(
  db: Kysely<Database>,
  accounts: readonly string[],
): Promise<Map<string, ApplicationRow>> {
  if (accounts.length === 0) return new Map();
  const rows = await db
    .selectFrom("applications")
    .selectAll()
    .where("account", "in", [...new Set(accounts)])
    .execute();
  return new Map(rows.map((r) => [r.account, r]));
}
