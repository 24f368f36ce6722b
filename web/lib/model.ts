/**
 * The indexer API's answers (rows with decimal strings and lower-case addresses) turned into the
 * values the pages show: ids and amounts as bigints, a proposal's phase as the governor's state,
 * a proposal's actions as grants, streams or named calls.
 */
import { getAddress, type Address, type Hex } from "viem";

/** A page of a list, as every list route answers. */
export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

// ---- rows as the API sends them ----

export interface WorkRow {
  work_id: number;
  content_hash: string;
  registrant: string;
  licence_id: number;
  version_count: number;
  suspended: boolean;
  parents: number[];
  contributors: { account: string; shareBps: number }[];
  title?: string | null;
  summary?: string | null;
  tags?: string[] | null;
  machines?: string[] | null;
}

export interface WorkDetailRow extends WorkRow {
  content: {
    title: string | null;
    summary: string | null;
    tags: string[];
    machines: string[];
    cid: string;
  } | null;
  versions: { version: number; content_hash: string; metadata_uri: string; author: string }[];
  children: number[];
  stewards: string[];
  adopters: string[];
}

export interface ParticipantRow {
  account: string;
  kind: number;
  status: number;
  profile_uri: string | null;
  vouches: number;
  window_end: number;
  place: {
    name: string;
    latitudeE6: number;
    longitudeE6: number;
    country: string;
    machines: string[];
  } | null;
  delegation?: { delegate: string; votes: string } | null;
}

export interface TemplateRow {
  licence_id: number;
  name: string;
  legal_text_uri: string;
  commercial_use: number;
  terms: Record<string, unknown>;
  active: boolean;
}

export interface ActionRow {
  target: string;
  value: string;
  calldata: string;
  contract: string | null;
  call: { function: string; args: Record<string, unknown> } | null;
}

export interface ProposalRow {
  proposal_id: string;
  proposer: string;
  description: string;
  vote_start: number;
  vote_end: number;
  actions: ActionRow[];
  phase: string;
  eta: number | null;
  votes_for: string;
  votes_against: string;
  votes_abstain: string;
  /** Votes needed (for + abstain), when the API reports it. */
  quorum?: string | null;
}

export interface VoteRow {
  voter: string;
  support: number;
  weight: string;
  reason: string;
  kind: string;
}

export interface StreamRow {
  stream_id: number;
  sub_fund: number;
  recipient: string;
  amount: string;
  claimed: string;
  start_time: number;
  end_time: number;
  cancelled: boolean;
  memo: string;
}

export interface SubFundRow {
  sub_fund: number;
  name: string;
  balance: string;
  locked_until: number;
  cap_bps: number;
}

/** GET /accounts/{account}/claimable. */
export interface ClaimableRow {
  account: string;
  works: { workId: number | string; amount: string }[];
  streams: { streamId: number | string; amount: string }[];
  total: string;
}

// ---- what the pages use ----

export interface Work {
  id: bigint;
  contentHash: Hex;
  registrant: Address;
  licenceId: number;
  contributors: Address[];
  shares: number[];
  parents: bigint[];
  suspended: boolean;
  versionCount: number;
  title?: string;
  summary?: string;
  tags: string[];
  machines: string[];
}

export interface WorkDetail extends Work {
  versions: { version: number; contentHash: Hex }[];
  children: bigint[];
  stewards: Address[];
  adopters: Address[];
  cid?: string;
}

export interface Place {
  account: Address;
  name: string;
  latitude: number;
  longitude: number;
  country: string;
  machines: string[];
}

export interface Participant {
  account: Address;
  kind: number;
  status: number;
  profileURI: string;
  windowEnd: number;
  vouches: number;
  place?: Place;
  /** Whom the account delegates its vote to (itself when it votes for itself). */
  delegate?: Address;
}

export interface Template {
  id: number;
  name: string;
  legalTextURI: string;
  terms: {
    fee: bigint;
    term: number;
    commercialUse: number;
    derivativesAllowed: boolean;
    shareAlike: boolean;
    attribution: boolean;
  };
  /** How each fee is shared, in basis points (they add up to 10,000). */
  split: {
    contributorsBps: number;
    upstreamBps: number;
    fundABps: number;
    fundA: number;
    fundBBps: number;
    fundB: number;
  };
}

export type Action =
  | { kind: "grant"; subFund: bigint; recipient: Address; amount: bigint; memo: string }
  | {
      kind: "stream";
      subFund: bigint;
      recipient: Address;
      amount: bigint;
      start: number;
      end: number;
      memo: string;
    }
  | { kind: "call"; contract: string; fn: string };

export interface Proposal {
  id: bigint;
  proposer: Address;
  description: string;
  voteStart: number;
  voteEnd: number;
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  actions: Action[];
  /** The governor's ProposalState, or undefined when only the chain can tell (voting ended). */
  state: number | undefined;
  eta: number;
  votes: { for: bigint; against: bigint; abstain: bigint };
  quorum?: bigint;
}

export interface Vote {
  voter: Address;
  support: number;
  weight: bigint;
  reason: string;
  override: boolean;
}

export interface Stream {
  id: bigint;
  subFund: number;
  recipient: Address;
  amount: bigint;
  claimed: bigint;
  start: number;
  end: number;
  cancelled: boolean;
  memo: string;
}

export interface SubFund {
  id: number;
  name: string;
  balance: bigint;
  lockedUntil: number;
  capBps: number;
}

export interface Claimable {
  works: { workId: bigint; amount: bigint }[];
  streams: { streamId: bigint; amount: bigint }[];
  total: bigint;
}

/** IGovernor.ProposalState, by the API's phase names. */
export const ProposalState = {
  Pending: 0,
  Active: 1,
  Canceled: 2,
  Defeated: 3,
  Succeeded: 4,
  Queued: 5,
  Expired: 6,
  Executed: 7,
} as const;

const phaseStates: Record<string, number> = {
  pending: ProposalState.Pending,
  active: ProposalState.Active,
  canceled: ProposalState.Canceled,
  defeated: ProposalState.Defeated,
  succeeded: ProposalState.Succeeded,
  queued: ProposalState.Queued,
  expired: ProposalState.Expired,
  executed: ProposalState.Executed,
};

const address = (value: string) => getAddress(value);
const hex = (value: string) => value.toLowerCase() as Hex;
const bigintOf = (value: unknown) => BigInt(String(value ?? 0));

export function toWork(row: WorkRow): Work {
  return {
    id: BigInt(row.work_id),
    contentHash: hex(row.content_hash),
    registrant: address(row.registrant),
    licenceId: row.licence_id,
    contributors: row.contributors.map((c) => address(c.account)),
    shares: row.contributors.map((c) => c.shareBps),
    parents: row.parents.map(BigInt),
    suspended: row.suspended,
    versionCount: row.version_count,
    title: row.title ?? undefined,
    summary: row.summary ?? undefined,
    tags: row.tags ?? [],
    machines: row.machines ?? [],
  };
}

export function toWorkDetail(row: WorkDetailRow): WorkDetail {
  const latest = row.versions[row.versions.length - 1];
  return {
    ...toWork({
      ...row,
      content_hash: latest?.content_hash ?? row.content_hash,
      title: row.content?.title,
      summary: row.content?.summary,
      tags: row.content?.tags,
      machines: row.content?.machines,
    }),
    versions: row.versions.map((v) => ({ version: v.version, contentHash: hex(v.content_hash) })),
    children: row.children.map(BigInt),
    stewards: row.stewards.map(address),
    adopters: row.adopters.map(address),
    cid: row.content?.cid,
  };
}

export function toParticipant(row: ParticipantRow): Participant {
  const account = address(row.account);
  return {
    account,
    kind: row.kind,
    status: row.status,
    profileURI: row.profile_uri ?? "",
    windowEnd: row.window_end,
    vouches: row.vouches,
    place: row.place
      ? {
          account,
          name: row.place.name,
          latitude: row.place.latitudeE6 / 1e6,
          longitude: row.place.longitudeE6 / 1e6,
          country: row.place.country,
          machines: row.place.machines,
        }
      : undefined,
    delegate: row.delegation ? address(row.delegation.delegate) : undefined,
  };
}

export function toTemplate(row: TemplateRow): Template {
  const t = row.terms;
  return {
    id: row.licence_id,
    name: row.name,
    legalTextURI: row.legal_text_uri,
    terms: {
      fee: bigintOf(t.fee),
      term: Number(t.term ?? 0),
      commercialUse: Number(t.commercialUse ?? row.commercial_use),
      derivativesAllowed: Boolean(t.derivativesAllowed),
      shareAlike: Boolean(t.shareAlike),
      attribution: Boolean(t.attribution),
    },
    split: {
      contributorsBps: Number(t.contributorsBps ?? 0),
      upstreamBps: Number(t.upstreamBps ?? 0),
      fundABps: Number(t.fundABps ?? 0),
      fundA: Number(t.fundA ?? 0),
      fundBBps: Number(t.fundBBps ?? 0),
      fundB: Number(t.fundB ?? 0),
    },
  };
}

/** A proposal action in words: the fund's grants and streams spelled out, anything else named. */
export function toAction(row: ActionRow): Action {
  const args = row.call?.args ?? {};
  const arg = (i: number) => args[String(i)];
  if (row.contract === "CommonFund" && row.call?.function === "grant") {
    return {
      kind: "grant",
      subFund: bigintOf(arg(0)),
      recipient: address(String(arg(1))),
      amount: bigintOf(arg(2)),
      memo: String(arg(3) ?? ""),
    };
  }
  if (row.contract === "CommonFund" && row.call?.function === "createStream") {
    return {
      kind: "stream",
      subFund: bigintOf(arg(0)),
      recipient: address(String(arg(1))),
      amount: bigintOf(arg(2)),
      start: Number(arg(3)),
      end: Number(arg(4)),
      memo: String(arg(5) ?? ""),
    };
  }
  return {
    kind: "call",
    contract: row.contract ?? row.target,
    fn: row.call?.function ?? row.calldata.slice(0, 10),
  };
}

export function toProposal(row: ProposalRow): Proposal {
  return {
    id: BigInt(row.proposal_id),
    proposer: address(row.proposer),
    description: row.description,
    voteStart: row.vote_start,
    voteEnd: row.vote_end,
    targets: row.actions.map((a) => address(a.target)),
    values: row.actions.map((a) => BigInt(a.value)),
    calldatas: row.actions.map((a) => a.calldata as Hex),
    actions: row.actions.map(toAction),
    state: phaseStates[row.phase],
    eta: row.eta ?? 0,
    votes: {
      for: BigInt(row.votes_for),
      against: BigInt(row.votes_against),
      abstain: BigInt(row.votes_abstain),
    },
    quorum: row.quorum == null ? undefined : BigInt(row.quorum),
  };
}

/** Votes as cast; a delegate's reduction (its delegator overrode it) is not a vote of its own. */
export function toVotes(rows: VoteRow[]): Vote[] {
  return rows
    .filter((v) => v.kind !== "reduced")
    .map((v) => ({
      voter: address(v.voter),
      support: v.support,
      weight: BigInt(v.weight),
      reason: v.reason,
      override: v.kind === "override",
    }));
}

export function toStream(row: StreamRow): Stream {
  return {
    id: BigInt(row.stream_id),
    subFund: row.sub_fund,
    recipient: address(row.recipient),
    amount: BigInt(row.amount),
    claimed: BigInt(row.claimed),
    start: row.start_time,
    end: row.end_time,
    cancelled: row.cancelled,
    memo: row.memo,
  };
}

export function toSubFund(row: SubFundRow): SubFund {
  return {
    id: row.sub_fund,
    name: row.name,
    balance: BigInt(row.balance),
    lockedUntil: row.locked_until,
    capBps: row.cap_bps,
  };
}

export function toClaimable(row: ClaimableRow): Claimable {
  return {
    works: row.works
      .map((w) => ({ workId: BigInt(w.workId), amount: BigInt(w.amount) }))
      .filter((w) => w.amount > 0n),
    streams: row.streams
      .map((s) => ({ streamId: BigInt(s.streamId), amount: BigInt(s.amount) }))
      .filter((s) => s.amount > 0n),
    total: BigInt(row.total),
  };
}

/** The first line of a proposal's description, as its title. */
export function proposalTitle(description: string): string {
  const first = description.split("\n").find((line) => line.trim() !== "") ?? "";
  return first.replace(/^#+\s*/, "").trim();
}
