/**
 * Everything the lists need, folded from SPIN's events in one pass: works and their versions,
 * forks and adoptions; participants, applications and places; licence templates; proposals and
 * votes. The pages read this once per block range and read live values (balances, proposal
 * states) from the chain.
 */
import type { Address, Hex } from "viem";

export interface DecodedLog {
  eventName: string;
  args: Record<string, unknown>;
  address: Address;
  blockNumber: bigint;
  logIndex: number;
  transactionHash: Hex;
}

export interface WorkVersion {
  version: number;
  contentHash: Hex;
  metadataURI: string;
  blockNumber: bigint;
}

export interface Work {
  id: bigint;
  contentHash: Hex;
  registrant: Address;
  licenceId: number;
  contributors: Address[];
  shares: number[];
  parents: bigint[];
  children: bigint[];
  versions: WorkVersion[];
  adopters: Address[];
  suspended: boolean;
  blockNumber: bigint;
}

export interface Participant {
  account: Address;
  kind: number;
  status: number;
  profileURI: string;
  windowEnd: number;
  vouches: number;
  vouchers: Address[];
}

export interface Place {
  account: Address;
  name: string;
  latitude: number;
  longitude: number;
  country: Hex;
  machines: string[];
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
}

export interface Proposal {
  id: bigint;
  proposer: Address;
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  voteStart: bigint;
  voteEnd: bigint;
  description: string;
  blockNumber: bigint;
  voters: { voter: Address; support: number; weight: bigint; reason: string; override: boolean }[];
}

export interface Adoption {
  workId: bigint;
  adopter: Address;
  blockNumber: bigint;
}

export interface Snapshot {
  works: Work[];
  participants: Participant[];
  places: Place[];
  templates: Template[];
  proposals: Proposal[];
  adoptions: Adoption[];
  delegates: Record<string, Address>;
}

const STATUS = { Applicant: 1, Admitted: 2, Suspended: 3, Expelled: 4 } as const;

function participant(map: Map<string, Participant>, account: Address): Participant {
  const key = account.toLowerCase();
  let found = map.get(key);
  if (!found) {
    found = { account, kind: 0, status: 0, profileURI: "", windowEnd: 0, vouches: 0, vouchers: [] };
    map.set(key, found);
  }
  return found;
}

function foldRegistry(
  log: DecodedLog,
  people: Map<string, Participant>,
  places: Map<string, Place>,
) {
  const a = log.args;
  switch (log.eventName) {
    case "Applied": {
      const p = participant(people, a.account as Address);
      Object.assign(p, {
        kind: Number(a.kind),
        status: STATUS.Applicant,
        profileURI: a.profileURI as string,
        windowEnd: Number(a.windowEnd),
        vouches: 0,
        vouchers: [],
      });
      break;
    }
    case "Vouched": {
      const p = participant(people, a.candidate as Address);
      p.vouches = Number(a.vouches);
      p.vouchers.push(a.voucher as Address);
      break;
    }
    case "Admitted": {
      const p = participant(people, a.account as Address);
      p.kind = Number(a.kind);
      p.status = STATUS.Admitted;
      break;
    }
    case "Suspended":
      participant(people, a.account as Address).status = STATUS.Suspended;
      break;
    case "Reinstated":
      participant(people, a.account as Address).status = STATUS.Admitted;
      break;
    case "Expelled":
      participant(people, a.account as Address).status = STATUS.Expelled;
      break;
    case "ProfileUpdated":
      participant(people, a.account as Address).profileURI = a.profileURI as string;
      break;
    case "PlaceUpdated":
      places.set((a.account as string).toLowerCase(), {
        account: a.account as Address,
        name: a.name as string,
        latitude: Number(a.latitudeE6) / 1e6,
        longitude: Number(a.longitudeE6) / 1e6,
        country: a.country as Hex,
        machines: [...(a.machines as readonly string[])],
      });
      break;
  }
}

function foldWorks(log: DecodedLog, works: Map<bigint, Work>, adoptions: Adoption[]) {
  const a = log.args;
  const work = a.workId === undefined ? undefined : works.get(a.workId as bigint);
  switch (log.eventName) {
    case "WorkRegistered": {
      const id = a.workId as bigint;
      const parents = [...(a.parents as readonly bigint[])];
      works.set(id, {
        id,
        contentHash: a.contentHash as Hex,
        registrant: a.registrant as Address,
        licenceId: Number(a.licenceId),
        contributors: [...(a.contributors as readonly Address[])],
        shares: (a.shares as readonly number[]).map(Number),
        parents,
        children: [],
        versions: [
          {
            version: 1,
            contentHash: a.contentHash as Hex,
            metadataURI: a.metadataURI as string,
            blockNumber: log.blockNumber,
          },
        ],
        adopters: [],
        suspended: false,
        blockNumber: log.blockNumber,
      });
      for (const parent of parents) works.get(parent)?.children.push(id);
      break;
    }
    case "VersionAdded":
      work?.versions.push({
        version: Number(a.version),
        contentHash: a.contentHash as Hex,
        metadataURI: a.metadataURI as string,
        blockNumber: log.blockNumber,
      });
      break;
    case "AdoptionDeclared":
      work?.adopters.push(a.adopter as Address);
      adoptions.push({
        workId: a.workId as bigint,
        adopter: a.adopter as Address,
        blockNumber: log.blockNumber,
      });
      break;
    case "AdoptionWithdrawn":
      if (work)
        work.adopters = work.adopters.filter(
          (x) => x.toLowerCase() !== (a.adopter as string).toLowerCase(),
        );
      break;
    case "WorkSuspended":
      if (work) work.suspended = true;
      break;
    case "WorkReinstated":
      if (work) work.suspended = false;
      break;
  }
}

function foldGovernance(
  log: DecodedLog,
  proposals: Map<bigint, Proposal>,
  delegates: Record<string, Address>,
) {
  const a = log.args;
  switch (log.eventName) {
    case "ProposalCreated":
      proposals.set(a.proposalId as bigint, {
        id: a.proposalId as bigint,
        proposer: a.proposer as Address,
        targets: [...(a.targets as readonly Address[])],
        values: [...(a.values as readonly bigint[])],
        calldatas: [...(a.calldatas as readonly Hex[])],
        voteStart: a.voteStart as bigint,
        voteEnd: a.voteEnd as bigint,
        description: a.description as string,
        blockNumber: log.blockNumber,
        voters: [],
      });
      break;
    case "VoteCast":
    case "OverrideVoteCast":
      proposals.get(a.proposalId as bigint)?.voters.push({
        voter: a.voter as Address,
        support: Number(a.support),
        weight: a.weight as bigint,
        reason: a.reason as string,
        override: log.eventName === "OverrideVoteCast",
      });
      break;
    case "DelegateChanged":
      delegates[(a.delegator as string).toLowerCase()] = a.toDelegate as Address;
      break;
  }
}

function template(log: DecodedLog): Template {
  const a = log.args;
  const terms = a.terms as Record<string, unknown>;
  return {
    id: Number(a.licenceId),
    name: a.name as string,
    legalTextURI: a.legalTextURI as string,
    terms: {
      fee: BigInt(terms.fee as bigint),
      term: Number(terms.term),
      commercialUse: Number(terms.commercialUse),
      derivativesAllowed: Boolean(terms.derivativesAllowed),
      shareAlike: Boolean(terms.shareAlike),
      attribution: Boolean(terms.attribution),
    },
  };
}

/** Folds logs (in chain order) into the lists the pages show. */
export function buildSnapshot(logs: readonly DecodedLog[]): Snapshot {
  const ordered = [...logs].sort((x, y) =>
    x.blockNumber === y.blockNumber
      ? x.logIndex - y.logIndex
      : x.blockNumber < y.blockNumber
        ? -1
        : 1,
  );
  const people = new Map<string, Participant>();
  const places = new Map<string, Place>();
  const works = new Map<bigint, Work>();
  const proposals = new Map<bigint, Proposal>();
  const templates = new Map<number, Template>();
  const adoptions: Adoption[] = [];
  const delegates: Record<string, Address> = {};
  for (const log of ordered) {
    foldRegistry(log, people, places);
    foldWorks(log, works, adoptions);
    foldGovernance(log, proposals, delegates);
    if (log.eventName === "TemplateAdded") templates.set(Number(log.args.licenceId), template(log));
  }
  return {
    works: [...works.values()].reverse(),
    participants: [...people.values()],
    places: [...places.values()],
    templates: [...templates.values()],
    proposals: [...proposals.values()].reverse(),
    adoptions: adoptions.reverse(),
    delegates,
  };
}
