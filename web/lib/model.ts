/**
 * The API's answers (typed from its OpenAPI document: decimal strings, lower-case addresses)
 * turned into the values the pages compute with: ids and amounts as bigints, addresses
 * checksummed, a proposal's phase as the governor's state, a listed proposal's actions as grants,
 * streams or named calls. Nothing here is computed that the API already serves.
 */
import { getAddress, type Address, type Hex } from "viem";
import type { Schema } from "./api/client";

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
  /** The API's display name (a place's name, else its profile's), when it has one. */
  name?: string;
  windowEnd: number;
  vouches: number;
  /** Its latest application as the API reads it at the indexed head (null if it never applied). */
  application?: Schema<"Application">;
  /** A Person's vote: ripening until `ripensAt`, ripenable, ripe; none for others. */
  vote?: Schema<"VoteStanding">;
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
  /** The API's title (the description's first line). */
  title: string;
  proposer: Address;
  description: string;
  voteStart: number;
  voteEnd: number;
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  actions: Action[];
  /** The governor's ProposalState, or undefined for a phase this app does not know. */
  state: number | undefined;
  eta: number;
  votes: { for: bigint; against: bigint; abstain: bigint };
  quorum?: bigint;
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

/** The governor's state for an API phase name. */
export function stateOf(phase: string): number | undefined {
  return phaseStates[phase];
}

const address = (value: string) => getAddress(value);
const hex = (value: string) => value.toLowerCase() as Hex;
const bigintOf = (value: unknown) => BigInt(String(value ?? 0));

export function toWork(row: Schema<"WorkSummary">): Work {
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

/** A work as its latest version shows it (content hash and front matter). */
export function toWorkDetail(row: Schema<"WorkDetail">): WorkDetail {
  const latest = row.versions[row.versions.length - 1];
  return {
    ...toWork({
      ...row,
      content_hash: latest?.content_hash ?? row.content_hash,
      title: row.content?.title ?? null,
      summary: row.content?.summary ?? null,
      tags: row.content?.tags ?? null,
      machines: row.content?.machines ?? null,
    }),
    versions: row.versions.map((v) => ({ version: v.version, contentHash: hex(v.content_hash) })),
    children: row.children.map(BigInt),
    stewards: row.stewards.map(address),
    adopters: row.adopters.map(address),
    cid: row.content?.cid,
  };
}

export function toParticipant(
  row: Schema<"Participant"> & { delegation?: Schema<"Delegation"> },
): Participant {
  const account = address(row.account);
  return {
    account,
    kind: row.kind,
    status: row.status,
    name: row.name ?? undefined,
    windowEnd: row.window_end,
    vouches: row.vouches,
    application: row.application,
    vote: row.vote,
    place: row.place ? toPlace(account, row.place) : undefined,
    delegate: row.delegation ? address(row.delegation.delegate) : undefined,
  };
}

function toPlace(account: Address, place: NonNullable<Schema<"Place">>): Place {
  return {
    account,
    name: place.name,
    latitude: place.latitudeE6 / 1e6,
    longitude: place.longitudeE6 / 1e6,
    country: place.country,
    machines: place.machines,
  };
}

/** The places among participant rows. */
export function placesOf(rows: readonly Schema<"Participant">[]): Place[] {
  return rows.flatMap((row) => (row.place ? [toPlace(address(row.account), row.place)] : []));
}

export function toTemplate(row: Schema<"LicenceTemplate">): Template {
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

/** A listed proposal's action as the indexer stored it (the list's actions are free-form JSON). */
interface StoredAction {
  target: string;
  value: string;
  calldata: string;
  contract: string | null;
  call: { function: string; args: Record<string, unknown> } | null;
}

function storedAction(action: Record<string, unknown>): StoredAction {
  const call = action.call as StoredAction["call"] | undefined;
  return {
    target: String(action.target),
    value: String(action.value ?? "0"),
    calldata: String(action.calldata ?? "0x"),
    contract: typeof action.contract === "string" ? action.contract : null,
    call: call && typeof call.function === "string" ? call : null,
  };
}

/** A proposal action in words: the fund's grants and streams spelled out, anything else named. */
export function toAction(action: Record<string, unknown>): Action {
  const row = storedAction(action);
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

export function toProposal(row: Schema<"Proposal">): Proposal {
  const actions = row.actions.map(storedAction);
  return {
    id: BigInt(row.proposal_id),
    title: row.title,
    proposer: address(row.proposer),
    description: row.description,
    voteStart: row.vote_start,
    voteEnd: row.vote_end,
    targets: actions.map((a) => address(a.target)),
    values: actions.map((a) => BigInt(a.value)),
    calldatas: actions.map((a) => a.calldata as Hex),
    actions: row.actions.map(toAction),
    state: stateOf(row.phase),
    eta: row.eta ?? 0,
    votes: {
      for: BigInt(row.votes_for),
      against: BigInt(row.votes_against),
      abstain: BigInt(row.votes_abstain),
    },
    quorum: row.quorum == null ? undefined : BigInt(row.quorum),
  };
}

export function toStream(row: Schema<"Stream">): Stream {
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

export function toSubFund(row: Schema<"SubFund">): SubFund {
  return {
    id: row.sub_fund,
    name: row.name,
    balance: BigInt(row.balance),
    lockedUntil: row.locked_until,
    capBps: row.cap_bps,
  };
}

export function toClaimable(row: Schema<"Claimable">): Claimable {
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
