/**
 * The rules a form checks before anyone signs, so a refusal is a plain sentence and not a failed
 * transaction: who may vote, adopt, vouch or propose, and what a grant may take from a sub-fund.
 * They mirror the contracts' checks; the contracts stay the authority.
 */
export const Kind = { None: 0, Person: 1, Cooperative: 2, Place: 3, Enterprise: 4 } as const;
export const Status = { None: 0, Applicant: 1, Admitted: 2, Suspended: 3, Expelled: 4 } as const;

export interface Role {
  kind: number;
  status: number;
}

/** Only admitted persons vote (one member, one vote). */
export function canVote(role: Role): "ok" | "notMember" | "notPerson" | "suspended" {
  if (role.status === Status.Suspended || role.status === Status.Expelled) return "suspended";
  if (role.status !== Status.Admitted) return "notMember";
  if (role.kind !== Kind.Person) return "notPerson";
  return "ok";
}

/** Places and cooperatives adopt (declare they produce) a work, once. */
export function canAdopt(
  role: Role,
  alreadyAdopted: boolean,
): "ok" | "notMember" | "wrongKind" | "already" {
  if (role.status !== Status.Admitted) return "notMember";
  if (role.kind !== Kind.Place && role.kind !== Kind.Cooperative) return "wrongKind";
  if (alreadyAdopted) return "already";
  return "ok";
}

/** Members with a vote propose (the governor's threshold is one vote). */
export function canPropose(role: Role): "ok" | "notMember" | "notPerson" {
  if (role.status !== Status.Admitted) return "notMember";
  if (role.kind !== Kind.Person) return "notPerson";
  return "ok";
}

export interface FundState {
  balance: bigint;
  lockedUntil: number;
  capBps: number;
  /** A scheduled cap raise (`pendingCapRaise`): in force only from `effectiveAt`. */
  pendingCap?: { capBps: number; effectiveAt: number };
}

export type GrantProblem =
  | { problem: "locked"; until: number }
  | { problem: "overCap"; cap: bigint }
  | { problem: "overBalance"; balance: bigint };

/**
 * Would a grant of `amount` from this sub-fund pass CommonFund's checks when executed? The lock
 * is checked at `executesAt`, the earliest time the proposal can run (after the vote and the
 * timelock); the cap is the one in force then (a raise counts only once its 14 days have
 * passed) applied to today's balance, and it bounds all the execution pays out of the sub-fund.
 */
export function checkGrant(
  fund: FundState,
  amount: bigint,
  executesAt: number,
): GrantProblem | null {
  if (fund.lockedUntil > executesAt) return { problem: "locked", until: fund.lockedUntil };
  if (amount > fund.balance) return { problem: "overBalance", balance: fund.balance };
  const raised = fund.pendingCap && fund.pendingCap.effectiveAt <= executesAt;
  const capBps = raised ? fund.pendingCap!.capBps : fund.capBps;
  const cap = (fund.balance * BigInt(capBps)) / 10_000n;
  if (amount > cap) return { problem: "overCap", cap };
  return null;
}
