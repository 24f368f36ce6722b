/**
 * What a proposal page shows beyond the row: the governor's phase and quorum, the calls decoded
 * with SPIN's ABIs and their arguments named, the timeline with times and transactions, the
 * votes with names, and one account's view (its votes at the snapshot, its vote, its delegate
 * at the snapshot and how that delegate voted).
 */
import { abis, type ContractName } from "@spin/shared";
import { sql, type Kysely } from "kysely";
import type { AbiFunction } from "viem";
import type { Database, ProposalTable } from "../../database/schema.ts";
import type { BlockTimes } from "./block-times.ts";
import type { NameBook } from "./names.ts";

type Row = Omit<ProposalTable, "actions"> & { actions: Record<string, unknown>[] };
const supportNames = ["Against", "For", "Abstain"] as const;

/**
 * The governor's quorum at a snapshot (SpinGovernor.quorum): the membership's total votes times
 * the quorum numerator at that timepoint, over 100, rounded up; at least the quorum floor then,
 * at most the total votes. Null while the snapshot is not in the past (the governor refuses to
 * look it up then).
 */
export async function quorumAt(db: Kysely<Database>, snapshot: number, now: number) {
  if (snapshot >= now) return null;
  const [supply, numerator, floor] = await Promise.all([
    db
      .selectFrom("membership_supply")
      .select("total")
      .where("timepoint", "<=", snapshot)
      .orderBy("timepoint", "desc")
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom("quorum_numerators")
      .select("numerator")
      .where("timepoint", "<=", snapshot)
      .orderBy("timepoint", "desc")
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom("quorum_floors")
      .select("floor")
      .where("timepoint", "<=", snapshot)
      .orderBy("timepoint", "desc")
      .limit(1)
      .executeTakeFirst(),
  ]);
  const total = BigInt(supply?.total ?? "0");
  const share = (total * BigInt(numerator?.numerator ?? "0") + 99n) / 100n;
  const least = BigInt(floor?.floor ?? "0");
  const quorum = share > least ? share : least;
  return quorum < total ? quorum : total;
}

/**
 * The phase, as the governor's state() at the last indexed block's time: pending, active (until
 * the deadline), then defeated or succeeded (quorum counts For and Abstain; success needs more
 * For than Against), or queued, executed, canceled from their events.
 */
export async function withPhase<T extends Omit<Row, "actions">>(
  db: Kysely<Database>,
  proposal: T,
  now: number,
) {
  const quorum = await quorumAt(db, proposal.vote_start, now);
  const forVotes = BigInt(proposal.votes_for);
  const reached = quorum !== null && quorum <= forVotes + BigInt(proposal.votes_abstain);
  const phase =
    proposal.state !== "created"
      ? proposal.state
      : now <= proposal.vote_start
        ? "pending"
        : now <= proposal.vote_end
          ? "active"
          : reached && forVotes > BigInt(proposal.votes_against)
            ? "succeeded"
            : "defeated";
  return { ...proposal, quorum: quorum?.toString() ?? null, phase, quorumReached: reached };
}

/** Title (the first line, without Markdown heading marks) and the rest of a description. */
export function splitDescription(description: string): { title: string; body: string } {
  const [first, ...rest] = description.split("\n");
  return { title: first.replace(/^#+\s*/, "").trim(), body: rest.join("\n").trim() };
}

/** A stored action's call with its arguments named from the ABI. */
async function decodeCalls(actions: Record<string, unknown>[], names: NameBook) {
  const addressArgs: string[] = [];
  const decoded = actions.map((action) => {
    const contract = (action.contract as ContractName | null) ?? null;
    const call = action.call as { function: string; args: Record<string, unknown> } | null;
    const values = call ? Object.values(call.args) : [];
    const fn =
      contract && call
        ? (abis[contract] as readonly { type: string; name?: string }[]).find(
            (item): item is AbiFunction =>
              item.type === "function" &&
              item.name === call.function &&
              (item as AbiFunction).inputs.length === values.length,
          )
        : undefined;
    const args = fn
      ? fn.inputs.map((input, i) => {
          // Decoded calldata carries checksummed addresses; the API speaks lower case.
          const value =
            input.type === "address" && typeof values[i] === "string"
              ? (values[i] as string).toLowerCase()
              : values[i];
          if (input.type === "address" && typeof value === "string") addressArgs.push(value);
          return { name: input.name ?? `arg${i}`, type: input.type, value };
        })
      : [];
    addressArgs.push(String(action.target));
    return {
      target: String(action.target),
      contract,
      value: String(action.value),
      calldata: String(action.calldata),
      function: call?.function ?? null,
      signature: fn ? `${fn.name}(${fn.inputs.map((i) => i.type).join(",")})` : null,
      args,
    };
  });
  const named = new Map(
    (await names.of([...new Set(addressArgs)])).map((n) => [n.address, n.name]),
  );
  return decoded.map((call) => ({
    ...call,
    targetName: named.get(call.target) ?? null,
    args: call.args.map((a) => ({
      ...a,
      label:
        a.type === "address" && typeof a.value === "string" ? (named.get(a.value) ?? null) : null,
    })),
  }));
}

const timelineEvents: Record<string, string> = {
  ProposalCreated: "created",
  ProposalExtended: "extended",
  ProposalQueued: "queued",
  ProposalExecuted: "executed",
  ProposalCanceled: "canceled",
  CallExecuted: "executed",
  Cancelled: "canceled",
};

async function timeline(db: Kysely<Database>, times: BlockTimes, p: Row & { phase: string }) {
  const governor = await db
    .selectFrom("events")
    .select(["block_number", "log_index", "transaction_hash", "event_name"])
    .where("contract", "=", "SpinGovernor")
    .where("event_name", "in", Object.keys(timelineEvents))
    .where(sql<boolean>`args->>'proposalId' = ${p.proposal_id}`)
    .execute();
  const timelock = await db
    .selectFrom("events as e")
    .innerJoin("timelock_operations as t", (join) =>
      join.on(sql<boolean>`t.operation_id = e.args->>'id'`),
    )
    .select(["e.block_number", "e.log_index", "e.transaction_hash", "e.event_name"])
    .where("e.contract", "=", "SpinTimelock")
    .where("e.event_name", "in", ["CallExecuted", "Cancelled"])
    .where(sql<boolean>`t.proposal_id = ${p.proposal_id}::numeric`)
    .execute();
  const seen = new Set<string>();
  const onChain = [...governor, ...timelock]
    .sort((a, b) => a.block_number - b.block_number || a.log_index - b.log_index)
    .filter((e) => {
      const event = timelineEvents[e.event_name];
      if (seen.has(event) && event !== "extended") return false;
      seen.add(event);
      return true;
    });
  const blockTimes = await times.of(onChain.map((e) => e.block_number));
  const entries: {
    event: string;
    time: number | null;
    blockNumber: number | null;
    transactionHash: string | null;
  }[] = onChain.map((e) => ({
    event: timelineEvents[e.event_name],
    time: blockTimes.get(e.block_number) ?? null,
    blockNumber: e.block_number,
    transactionHash: e.transaction_hash,
  }));
  const at = (event: string, time: number) => ({
    event,
    time,
    blockNumber: null,
    transactionHash: null,
  });
  entries.push(at("votingStarts", p.vote_start), at("votingEnds", p.vote_end));
  const decided =
    p.phase === "succeeded" || p.phase === "defeated"
      ? p.phase
      : seen.has("queued") || seen.has("executed")
        ? "succeeded"
        : null;
  if (decided) entries.push(at(decided, p.vote_end));
  const order = (e: { time: number | null; blockNumber: number | null }) =>
    e.time ?? Number.MAX_SAFE_INTEGER;
  return entries.sort((a, b) => order(a) - order(b));
}

/** The latest of an account's checkpoint events at or before `timepoint` (block time). */
async function atSnapshot(
  db: Kysely<Database>,
  times: BlockTimes,
  event: "DelegateVotesChanged" | "DelegateChanged",
  field: "delegate" | "delegator",
  account: string,
  timepoint: number,
) {
  const rows = await db
    .selectFrom("events")
    .select(["block_number", "args"])
    .where("contract", "=", "CommonsRegistry")
    .where("event_name", "=", event)
    .where(sql<boolean>`args->>${field} = ${account}`)
    .orderBy("block_number", "desc")
    .orderBy("log_index", "desc")
    .limit(200)
    .execute();
  const blockTimes = await times.of(rows.map((r) => r.block_number));
  return rows.find((r) => (blockTimes.get(r.block_number) ?? Infinity) <= timepoint)?.args ?? null;
}

export async function proposalDetail(
  db: Kysely<Database>,
  names: NameBook,
  times: BlockTimes,
  proposal: Row & { phase: string; quorum: string | null; quorumReached: boolean },
  account: string | undefined,
) {
  const votes = await db
    .selectFrom("votes")
    .selectAll()
    .where("proposal_id", "=", proposal.proposal_id)
    .orderBy("block_number")
    .orderBy("log_index")
    .execute();
  const named = new Map(
    (await names.of([...new Set([proposal.proposer, ...votes.map((v) => v.voter)])])).map((n) => [
      n.address,
      n.name,
    ]),
  );
  const describeVote = (v: (typeof votes)[number]) => ({
    support: supportNames[v.support] ?? "Abstain",
    weight: v.weight,
    reason: v.reason,
    kind: v.kind,
    transactionBlock: v.block_number,
  });
  let view = null;
  if (account) {
    const [power, delegation] = await Promise.all([
      atSnapshot(db, times, "DelegateVotesChanged", "delegate", account, proposal.vote_start),
      atSnapshot(db, times, "DelegateChanged", "delegator", account, proposal.vote_start),
    ]);
    const delegate = (delegation?.toDelegate as string | undefined) ?? null;
    const realDelegate = delegate && !/^0x0{40}$/.test(delegate) ? delegate : null;
    const own = votes.find((v) => v.voter === account && v.kind !== "reduced");
    const theirs = realDelegate
      ? votes.find((v) => v.voter === realDelegate && v.kind === "vote")
      : undefined;
    view = {
      account,
      votingPower: String(power?.newVotes ?? "0"),
      vote: own ? describeVote(own) : null,
      delegate: realDelegate,
      delegateName: realDelegate ? await names.nameOf(realDelegate) : null,
      delegateVote: theirs ? describeVote(theirs) : null,
    };
  }
  const { quorumReached, ...row } = proposal;
  return {
    ...row,
    proposerName: named.get(proposal.proposer) ?? null,
    ...splitDescription(proposal.description),
    calls: await decodeCalls(proposal.actions, names),
    timeline: await timeline(db, times, proposal),
    tally: {
      for: proposal.votes_for,
      against: proposal.votes_against,
      abstain: proposal.votes_abstain,
      quorum: proposal.quorum,
      quorumReached,
    },
    votes: votes.map((v) => ({
      ...v,
      name: named.get(v.voter) ?? null,
      supportName: supportNames[v.support] ?? "Abstain",
    })),
    account: view,
  };
}
