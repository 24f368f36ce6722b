/**
 * The governor: proposals with their actions decoded against SPIN's ABIs (a grant shows as a
 * grant, not as calldata), their lifecycle, and every vote, override and reduction.
 */
import { abis } from "@spin/shared";
import {
  decodeFunctionData,
  encodeAbiParameters,
  keccak256,
  parseAbiParameters,
  toBytes,
  toHex,
  type Abi,
  type Hex,
} from "viem";
import { jsonArgs } from "../../decode/decode.ts";
import { timestampOf, type ContractHandlers, type HandlerContext } from "../types.ts";
import { MissingRowError, type Writer } from "../writer.ts";

const Support = { Against: 0, For: 1, Abstain: 2 } as const;

/**
 * The id GovernorTimelockControl gives a proposal's batch on the timelock:
 * hashOperationBatch(targets, values, calldatas, 0, salt), where the salt is the governor's
 * address (left-aligned in 32 bytes) XOR the description's hash.
 */
export function timelockOperationId(
  governor: string,
  proposal: { description: string; actions: Record<string, unknown>[] },
): string {
  const salt = (BigInt(governor) << 96n) ^ BigInt(keccak256(toBytes(proposal.description)));
  const { actions } = proposal;
  return keccak256(
    encodeAbiParameters(parseAbiParameters("address[], uint256[], bytes[], bytes32, bytes32"), [
      actions.map((a) => String(a.target) as Hex),
      actions.map((a) => BigInt(String(a.value))),
      actions.map((a) => String(a.calldata) as Hex),
      `0x${"00".repeat(32)}`,
      toHex(salt, { size: 32 }),
    ]),
  );
}

/** One proposal action, decoded when its target is a SPIN contract. */
export function decodeAction(
  target: string,
  value: bigint,
  calldata: Hex,
  context: HandlerContext,
) {
  const contract = context.contractAt(target);
  const base = { target: target.toLowerCase(), value: value.toString(), calldata };
  if (!contract || calldata === "0x") return { ...base, contract: contract ?? null, call: null };
  try {
    const decoded = decodeFunctionData({ abi: abis[contract] as Abi, data: calldata });
    return {
      ...base,
      contract,
      call: { function: decoded.functionName, args: jsonArgs({ ...(decoded.args ?? []) }) },
    };
  } catch {
    return { ...base, contract, call: null };
  }
}

async function tally(writer: Writer, proposalId: bigint, support: number, delta: bigint) {
  const column =
    support === Support.For
      ? "votes_for"
      : support === Support.Against
        ? "votes_against"
        : "votes_abstain";
  await writer.update("proposals", { proposal_id: proposalId.toString() }, (row) => ({
    [column]: (BigInt(row[column]) + delta).toString(),
  }));
}

interface VoteEvent {
  blockNumber: number;
  logIndex: number;
  args: { voter: string; proposalId: bigint; support: number; weight: bigint; reason: string };
}

/** A vote, with or without params, or an override: counted in the tally and kept with its reason. */
async function recordVote(writer: Writer, event: VoteEvent, kind: "vote" | "override") {
  const { voter, proposalId, support, weight, reason } = event.args;
  await tally(writer, proposalId, support, weight);
  writer.append("votes", {
    block_number: event.blockNumber,
    log_index: event.logIndex,
    proposal_id: proposalId.toString(),
    voter,
    support,
    weight: weight.toString(),
    reason,
    kind,
  });
}

export const governorHandlers: ContractHandlers<"SpinGovernor"> = {
  async ProposalCreated({ args }, writer, context) {
    await writer.put("proposals", {
      proposal_id: args.proposalId.toString(),
      proposer: args.proposer,
      description: args.description,
      vote_start: Number(args.voteStart),
      vote_end: Number(args.voteEnd),
      actions: args.targets.map((target, i) =>
        decodeAction(target, args.values[i], args.calldatas[i], context),
      ),
      state: "created",
      eta: null,
      votes_for: "0",
      votes_against: "0",
      votes_abstain: "0",
    });
  },
  /** GovernorVotesQuorumFraction checkpoints the numerator at the block's timestamp. */
  async QuorumNumeratorUpdated(event, writer) {
    await writer.put("quorum_numerators", {
      timepoint: timestampOf(event),
      numerator: event.args.newQuorumNumerator.toString(),
    });
  },
  /** The quorum floor is checkpointed at the block's timestamp too. */
  async QuorumFloorSet(event, writer) {
    await writer.put("quorum_floors", {
      timepoint: timestampOf(event),
      floor: event.args.newQuorumFloor.toString(),
    });
  },
  async ProposalExtended({ args }, writer) {
    await writer.update("proposals", { proposal_id: args.proposalId.toString() }, () => ({
      vote_end: Number(args.extendedDeadline),
    }));
  },
  async ProposalQueued({ args, address }, writer) {
    const key = { proposal_id: args.proposalId.toString() };
    const proposal = await writer.get("proposals", key);
    if (!proposal) throw new MissingRowError("proposals", key);
    await writer.put("proposals", { ...proposal, state: "queued", eta: Number(args.etaSeconds) });
    await writer.put("timelock_operations", {
      operation_id: timelockOperationId(address, proposal),
      proposal_id: key.proposal_id,
    });
  },
  async ProposalExecuted({ args }, writer) {
    await writer.update("proposals", { proposal_id: args.proposalId.toString() }, () => ({
      state: "executed",
    }));
  },
  async ProposalCanceled({ args }, writer) {
    await writer.update("proposals", { proposal_id: args.proposalId.toString() }, () => ({
      state: "canceled",
    }));
  },
  async VoteCast(event, writer) {
    await recordVote(writer, event, "vote");
  },
  async VoteCastWithParams(event, writer) {
    await recordVote(writer, event, "vote");
  },
  async OverrideVoteCast(event, writer) {
    await recordVote(writer, event, "override");
  },
  async VoteReduced(event, writer) {
    const { delegate, proposalId, support, weight } = event.args;
    await tally(writer, proposalId, support, -weight);
    writer.append("votes", {
      block_number: event.blockNumber,
      log_index: event.logIndex,
      proposal_id: proposalId.toString(),
      voter: delegate,
      support,
      weight: (-weight).toString(),
      reason: "",
      kind: "reduced",
    });
  },
};

/** The proposal a timelock operation came from, if a SPIN governor queued it. */
async function proposalOfOperation(writer: Writer, operationId: string) {
  const operation = await writer.get("timelock_operations", { operation_id: operationId });
  if (!operation) return undefined;
  return writer.get("proposals", { proposal_id: operation.proposal_id });
}

/**
 * The timelock: its executors are open, so anyone may execute a ready operation on it directly,
 * and the governor then reports the proposal executed without a ProposalExecuted event.
 */
export const timelockHandlers: ContractHandlers<"SpinTimelock"> = {
  async CallExecuted({ args }, writer) {
    const proposal = await proposalOfOperation(writer, args.id);
    if (proposal && proposal.state === "queued") {
      await writer.put("proposals", { ...proposal, state: "executed" });
    }
  },
  async Cancelled({ args }, writer) {
    const proposal = await proposalOfOperation(writer, args.id);
    if (proposal && proposal.state === "queued") {
      await writer.put("proposals", { ...proposal, state: "canceled" });
    }
  },
};
