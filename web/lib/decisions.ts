/**
 * Governance's decisions about stuck coin and disputed works, as the one call a proposal makes:
 * sweeping a stream its recipient cannot claim (CommonFund), sweeping licence earnings a
 * contributor cannot claim or lifting a licence's revocation (Licensing), and reassigning a
 * disputed content hash (WorksRegistry). The timelock runs the call once the vote passes; the
 * proposal page shows it decoded by the API.
 */
import { encodeFunctionData, isAddress, isHex, type Address, type Hex } from "viem";
import type { SpinContracts } from "./contracts";

export type Decision =
  | { fn: "sweepStream"; streamId: bigint; reason: string }
  | { fn: "sweepUnclaimed"; workId: bigint; account: Address; reason: string }
  | { fn: "liftRevocation"; workId: bigint; account: Address; reason: string }
  | { fn: "reassignHash"; contentHash: Hex; account: Address; reason: string };

export const DECISIONS = [
  "sweepStream",
  "sweepUnclaimed",
  "liftRevocation",
  "reassignHash",
] as const;
export type DecisionName = (typeof DECISIONS)[number];

/** What the form holds, as typed. */
export interface DecisionForm {
  fn: DecisionName;
  id: string;
  account: string;
  reason: string;
}

export type DecisionProblem = "badId" | "badAccount" | "badHash" | "reasonMissing";

const ZERO: Address = "0x0000000000000000000000000000000000000000";

/** The form read into a decision, or the first field that is wrong. */
export function readDecision(form: DecisionForm): Decision | { problem: DecisionProblem } {
  const reason = form.reason.trim();
  if (!reason) return { problem: "reasonMissing" };
  const id = form.id.trim();
  if (form.fn === "reassignHash") {
    if (!isHex(id) || id.length !== 66) return { problem: "badHash" };
    // An empty account frees the hash for the earliest commitment.
    const to = form.account.trim() || ZERO;
    if (!isAddress(to)) return { problem: "badAccount" };
    return { fn: "reassignHash", contentHash: id.toLowerCase() as Hex, account: to, reason };
  }
  if (!/^\d{1,20}$/.test(id)) return { problem: "badId" };
  if (form.fn === "sweepStream") return { fn: "sweepStream", streamId: BigInt(id), reason };
  const account = form.account.trim();
  if (!isAddress(account)) return { problem: "badAccount" };
  return { fn: form.fn, workId: BigInt(id), account, reason };
}

/** The target and call data the proposal carries for `decision`. */
export function decisionCall(contracts: SpinContracts, decision: Decision): [Address, Hex] {
  switch (decision.fn) {
    case "sweepStream":
      return [
        contracts.fund.address,
        encodeFunctionData({
          abi: contracts.fund.abi,
          functionName: "sweepStream",
          args: [decision.streamId, decision.reason],
        }),
      ];
    case "sweepUnclaimed":
    case "liftRevocation":
      return [
        contracts.licensing.address,
        encodeFunctionData({
          abi: contracts.licensing.abi,
          functionName: decision.fn,
          args: [decision.workId, decision.account, decision.reason],
        }),
      ];
    case "reassignHash":
      return [
        contracts.works.address,
        encodeFunctionData({
          abi: contracts.works.abi,
          functionName: "reassignHash",
          args: [decision.contentHash, decision.account, decision.reason],
        }),
      ];
  }
}
