/**
 * Coin whose owner cannot claim it: a contributor's licence earnings (`Licensing.markUnclaimable`)
 * or the rest of a stream (`CommonFund.markStreamUnclaimable`). Any account the registry allows
 * may mark such a balance; governance may sweep it to the common fund `UNCLAIMED_PERIOD` after
 * the mark (at once when the owner was expelled). Decided before anything is signed, in each
 * contract's own order of checks; the contracts stay the authority.
 */
import { Status } from "./guards";

/** What the page reads from the chain about one balance and the account that would mark it. */
export interface UnclaimableView {
  /** `isAllowed(caller)`: the registry allows the connected account to act. */
  callerAllowed: boolean;
  /** What the owner is owed now (`Licensing.claimable`, or a stream's amount minus claimed). */
  owed: bigint;
  /** The owner's registry status (`statusOf`). */
  ownerStatus: number;
  /** `isAllowed(owner)`. */
  ownerAllowed: boolean;
  /** A share only: its work is suspended, so nobody claims from it. */
  workSuspended: boolean;
  /** From `unclaimableMark`: when a running mark lets governance sweep; 0 when none runs. */
  sweepableAt: number;
  /** The contract's `UNCLAIMED_PERIOD`, in seconds. */
  period: number;
}

export type MarkRefusal =
  | { reason: "caller" }
  | { reason: "nothing" }
  | { reason: "claimable" }
  | { reason: "running"; sweepableAt: number };

/** Whether the owner could claim now: allowed by the registry and (a share) its work not suspended. */
export function ownerCanClaim(view: UnclaimableView): boolean {
  return view.ownerAllowed && !view.workSuspended;
}

/** Why the connected account may not mark a contributor's share, in Licensing's order, or null. */
export function shareMarkRefusal(view: UnclaimableView): MarkRefusal | null {
  if (!view.callerAllowed) return { reason: "caller" };
  if (view.owed === 0n) return { reason: "nothing" };
  if (ownerCanClaim(view)) return { reason: "claimable" };
  if (view.sweepableAt !== 0) return { reason: "running", sweepableAt: view.sweepableAt };
  return null;
}

/** Why the connected account may not mark a stream, in CommonFund's order, or null. */
export function streamMarkRefusal(view: UnclaimableView): MarkRefusal | null {
  if (!view.callerAllowed) return { reason: "caller" };
  if (view.ownerAllowed) return { reason: "claimable" };
  if (view.owed === 0n) return { reason: "nothing" };
  if (view.sweepableAt !== 0) return { reason: "running", sweepableAt: view.sweepableAt };
  return null;
}

/** Why the owner cannot claim: its work is suspended, or its standing on the registry. */
export function blockedBecause(
  view: UnclaimableView,
): "workSuspended" | "suspended" | "expelled" | "notMember" {
  if (view.workSuspended && view.ownerAllowed) return "workSuspended";
  if (view.ownerStatus === Status.Suspended) return "suspended";
  if (view.ownerStatus === Status.Expelled) return "expelled";
  return "notMember";
}

/**
 * From when governance may sweep the balance: at once for an expelled owner, else the running
 * mark's date, else (if someone marks it at `now`) `now + period`.
 */
export function sweepableFrom(view: UnclaimableView, now: number): number {
  if (view.ownerStatus === Status.Expelled) return now;
  return view.sweepableAt !== 0 ? view.sweepableAt : now + view.period;
}

/** Whether the page should say anything: something is owed and its owner cannot claim it. */
export function isStuck(view: UnclaimableView, kind: "share" | "stream"): boolean {
  if (view.owed === 0n) return false;
  return kind === "share" ? !ownerCanClaim(view) : !view.ownerAllowed;
}
