/**
 * What a member may do for an application, decided before anything is signed, with the same
 * rules Admissions applies (docs/registry.md): only admitted, unsuspended Persons who have been
 * members long enough vouch, within their budget, once per application, never for themselves,
 * while the application is open and its window has not ended.
 */
import type { Address } from "viem";
import { Kind, Status } from "./guards";

/** `IAdmission.ApplicationState`. */
export const ApplicationState = {
  None: 0,
  Open: 1,
  Closed: 2,
  Scheduled: 3,
  Admissible: 4,
} as const;

/** The parts of `applicationOf(candidate)` the decision needs. */
export interface ApplicationView {
  state: number;
  vouches: number;
  threshold: number;
  windowEnd: number;
  admissibleAt: number;
  profileHash: `0x${string}`;
}

/** The voucher's side: `standingOf`, `vouchBudgetOf`, `hasVouched` and the rule's seniority. */
export interface VoucherView {
  account: Address;
  kind: number;
  status: number;
  memberSince: number;
  seniority: number;
  budgetLeft: number;
  nextPeriod: number;
  vouched: boolean;
}

export type VouchRefusal =
  | { reason: "self" }
  | { reason: "notMember" }
  | { reason: "notPerson" }
  | { reason: "suspended" }
  | { reason: "tooRecent"; from: number }
  | { reason: "budget"; from: number }
  | { reason: "already" }
  | { reason: "notOpen" }
  | { reason: "expired"; at: number };

/** Why `voucher` may not vouch for `candidate` now (`now` in chain seconds), or null if it may. */
export function vouchRefusal(
  candidate: Address,
  application: ApplicationView,
  voucher: VoucherView,
  now: number,
): VouchRefusal | null {
  if (candidate.toLowerCase() === voucher.account.toLowerCase()) return { reason: "self" };
  if (voucher.status === Status.Suspended || voucher.status === Status.Expelled)
    return { reason: "suspended" };
  if (voucher.status !== Status.Admitted) return { reason: "notMember" };
  if (voucher.kind !== Kind.Person) return { reason: "notPerson" };
  if (application.state !== ApplicationState.Open) return { reason: "notOpen" };
  if (now > application.windowEnd) return { reason: "expired", at: application.windowEnd };
  if (voucher.vouched) return { reason: "already" };
  const seniorFrom = voucher.memberSince + voucher.seniority;
  if (now < seniorFrom) return { reason: "tooRecent", from: seniorFrom };
  if (voucher.budgetLeft === 0) return { reason: "budget", from: voucher.nextPeriod };
  return null;
}

/** Whether governance may still reject: until the admission is completed. */
export function mayReject(application: ApplicationView): boolean {
  return (
    application.state === ApplicationState.Open ||
    application.state === ApplicationState.Scheduled ||
    application.state === ApplicationState.Admissible
  );
}

/** Whether anyone may complete the admission now. */
export function mayComplete(application: ApplicationView, now: number): boolean {
  return (
    application.state === ApplicationState.Admissible ||
    (application.state === ApplicationState.Scheduled && now >= application.admissibleAt)
  );
}

/** A Person's vote: none, ripening until a date, ripenable (someone must call ripen), or ripe. */
export function voteRipeness(
  standing: { kind: number; status: number; voteRipensAt: number },
  now: number,
):
  | { state: "none" }
  | { state: "ripening"; at: number }
  | { state: "ripenable" }
  | { state: "ripe" } {
  if (standing.kind !== Kind.Person || standing.status !== Status.Admitted)
    return { state: "none" };
  if (standing.voteRipensAt === 0) return { state: "ripe" };
  if (now < standing.voteRipensAt) return { state: "ripening", at: standing.voteRipensAt };
  return { state: "ripenable" };
}
