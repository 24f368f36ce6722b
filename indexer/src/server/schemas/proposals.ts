/** Proposals: the list, and the detail page's decoded calls, timeline, tally, votes. */
import { z } from "@hono/zod-openapi";
import { account, amount, hash32, int, json, pageSchema } from "./common.ts";

export const phases = [
  "pending",
  "active",
  "succeeded",
  "defeated",
  "queued",
  "executed",
  "canceled",
] as const;

export const proposal = z
  .object({
    proposal_id: z.string(),
    proposer: account,
    description: z.string(),
    title: z
      .string()
      .openapi({ description: "The description's first line, without heading marks" }),
    vote_start: int,
    vote_end: int,
    actions: z.array(json),
    state: z.string(),
    eta: int.nullable(),
    votes_for: amount,
    votes_against: amount,
    votes_abstain: amount,
    block_number: int,
    quorum: amount.nullable().openapi({ description: "Null until the snapshot is in the past" }),
    phase: z.string().openapi({ description: `One of ${phases.join(", ")}` }),
  })
  .openapi("Proposal");
export const proposals = pageSchema(proposal, "ProposalPage");

export const callArgument = z
  .object({
    name: z.string(),
    type: z.string(),
    value: z.unknown().openapi({ description: "uint as decimal string, address lower case" }),
    label: z.string().nullable().openapi({ description: "The name of an address argument" }),
  })
  .openapi("CallArgument");

export const decodedCall = z
  .object({
    target: account,
    targetName: z.string().nullable(),
    contract: z.string().nullable(),
    value: amount,
    calldata: z.string(),
    function: z.string().nullable(),
    signature: z.string().nullable(),
    args: z.array(callArgument),
  })
  .openapi("DecodedCall");

export const timelineEntry = z
  .object({
    event: z.enum([
      "created",
      "votingStarts",
      "votingEnds",
      "extended",
      "queued",
      "executed",
      "canceled",
      "succeeded",
      "defeated",
    ]),
    time: int.nullable(),
    blockNumber: int.nullable(),
    transactionHash: hash32.nullable(),
  })
  .openapi("TimelineEntry");

export const supportNames = ["Against", "For", "Abstain"] as const;

export const vote = z
  .object({
    block_number: int,
    log_index: int,
    proposal_id: z.string(),
    voter: account,
    support: int,
    weight: amount,
    reason: z.string(),
    kind: z.enum(["vote", "override", "reduced"]),
    name: z.string().nullable(),
    supportName: z.enum(supportNames),
  })
  .openapi("Vote");

const castVote = z.object({
  support: z.enum(supportNames),
  weight: amount,
  reason: z.string(),
  kind: z.enum(["vote", "override", "reduced"]),
  transactionBlock: int,
});

export const accountView = z
  .object({
    account,
    votingPower: amount.openapi({ description: "The account's votes at the proposal's snapshot" }),
    vote: castVote.nullable(),
    delegate: account.nullable().openapi({ description: "Its delegate at the snapshot" }),
    delegateName: z.string().nullable(),
    delegateVote: castVote.nullable(),
  })
  .openapi("ProposalAccountView");

export const proposalDetail = proposal
  .extend({
    proposerName: z.string().nullable(),
    body: z.string(),
    calls: z.array(decodedCall),
    timeline: z.array(timelineEntry),
    tally: z.object({
      for: amount,
      against: amount,
      abstain: amount,
      quorum: amount.nullable(),
      quorumReached: z.boolean(),
    }),
    votes: z.array(vote),
    account: accountView.nullable(),
  })
  .openapi("ProposalDetail");
