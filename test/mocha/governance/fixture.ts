/**
 * Deploys SPIN's governance as production would: registry, coin, fund, timelock and governor,
 * hands every admin role to the timelock and renounces the deployer's. Shared by the governance
 * and fund tests.
 */
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkHelpers } from "@nomicfoundation/hardhat-network-helpers/types";
import type {
  Admissions,
  CommonFund,
  CommonsRegistry,
  SpinCoin,
  SpinGovernor,
  SpinTimelock,
} from "../../../types/ethers-contracts/index.js";

export const DAY = 86_400n;
export const VOTING_DELAY = DAY;
export const VOTING_PERIOD = 7n * DAY;
export const QUORUM_PERCENT = 50n;
export const LATE_QUORUM_EXTENSION = 2n * DAY;
export const TIMELOCK_DELAY = 2n * DAY;
export const INITIAL_ALLOCATION = 1_000_000n * 10n ** 18n;
export const YEARLY_MINT_CAP = 100_000n * 10n ** 18n;
/** Where the initial allocation goes, by sub-fund id (Pooled, Global South, Commons, Tech). */
export const INITIAL_SPLIT = [400_000n, 200_000n, 200_000n, 200_000n].map((n) => n * 10n ** 18n);
/** Cap per grant or stream, basis points of balance. */
export const CAPS_BPS = [1_000n, 2_000n, 2_000n, 2_000n];

export const Kind = { None: 0, Person: 1, Cooperative: 2, Place: 3, Enterprise: 4 } as const;
export const Vote = { Against: 0, For: 1, Abstain: 2 } as const;
export const ProposalState = {
  Pending: 0n,
  Active: 1n,
  Canceled: 2n,
  Defeated: 3n,
  Succeeded: 4n,
  Queued: 5n,
  Expired: 6n,
  Executed: 7n,
} as const;

/** The admission rule as IAdmission.AdmissionRule. */
export interface AdmissionRule {
  vouchThreshold: number;
  vouchWindow: number;
  admissionDelay: number;
  ripeningPeriod: number;
  voucherSeniority: number;
  vouchBudget: number;
  budgetPeriod: number;
  reapplyCooldown: number;
}

export interface GovernanceOptions {
  /** Admitted Persons (6 by default). */
  persons?: number;
  quorumPercent?: bigint;
  /** The admission rule set before the handover (the Admissions default otherwise). */
  admissionRule?: AdmissionRule;
}

export interface Governance {
  ethers: HardhatEthers;
  helpers: NetworkHelpers;
  deployer: HardhatEthersSigner;
  /** Admitted Persons (six by default): one vote each. */
  members: HardhatEthersSigner[];
  /** An admitted Enterprise: may hold coin, has no vote. */
  enterprise: HardhatEthersSigner;
  /** Never admitted. */
  outsider: HardhatEthersSigner;
  registry: CommonsRegistry;
  admissions: Admissions;
  coin: SpinCoin;
  fund: CommonFund;
  timelock: SpinTimelock;
  governor: SpinGovernor;
  deployedAt: bigint;
}

async function admit(registry: CommonsRegistry, account: string, kind: number): Promise<void> {
  await registry.admit(account, kind, `ipfs://profile/${account}`, `0x${"11".repeat(32)}`);
}

export async function deployGovernance(
  ethers: HardhatEthers,
  helpers: NetworkHelpers,
  options: GovernanceOptions = {},
): Promise<Governance> {
  const [deployer, ...others] = await ethers.getSigners();
  const persons = options.persons ?? 6;
  const members = others.slice(0, persons);
  const [enterprise, outsider] = others.slice(persons, persons + 2);
  const registry = await ethers.deployContract("CommonsRegistry", [
    deployer.address,
    2,
    7 * 86_400,
  ]);
  const admissions = await ethers.getContractAt("Admissions", await registry.admissions());
  if (options.admissionRule) await admissions.setAdmissionRule(options.admissionRule);
  for (const m of members) await admit(registry, m.address, Kind.Person);
  await admit(registry, enterprise.address, Kind.Enterprise);

  const coin = await ethers.deployContract("SpinCoin", [
    await registry.getAddress(),
    deployer.address,
    INITIAL_ALLOCATION,
    YEARLY_MINT_CAP,
  ]);
  const deployedAt = BigInt(await helpers.time.latest());
  const fund = await ethers.deployContract("CommonFund", [
    deployer.address,
    await coin.getAddress(),
    await registry.getAddress(),
    [0n, 0n, 0n],
    CAPS_BPS,
  ]);
  await registry.setProtocolAccount(await fund.getAddress(), true);
  await coin.mintInitialAllocation(await fund.getAddress());
  for (const [id, amount] of INITIAL_SPLIT.entries()) {
    await fund.credit(id, amount, "initial allocation");
  }

  const timelock = await ethers.deployContract("SpinTimelock", [
    TIMELOCK_DELAY,
    [],
    [],
    deployer.address,
  ]);
  const governor = await ethers.deployContract("SpinGovernor", [
    await registry.getAddress(),
    await timelock.getAddress(),
    VOTING_DELAY,
    VOTING_PERIOD,
    options.quorumPercent ?? QUORUM_PERCENT,
    LATE_QUORUM_EXTENSION,
  ]);
  await handOverToTimelock({ deployer, registry, coin, fund, timelock, governor });
  return {
    ethers,
    helpers,
    deployer,
    members,
    enterprise,
    outsider,
    registry,
    admissions,
    coin,
    fund,
    timelock,
    governor,
    deployedAt,
  };
}

/** The governor proposes, cancels and executes on the timelock; the timelock alone governs. */
async function handOverToTimelock(g: {
  deployer: HardhatEthersSigner;
  registry: CommonsRegistry;
  coin: SpinCoin;
  fund: CommonFund;
  timelock: SpinTimelock;
  governor: SpinGovernor;
}): Promise<void> {
  const governor = await g.governor.getAddress();
  const timelock = await g.timelock.getAddress();
  await g.timelock.grantRole(await g.timelock.PROPOSER_ROLE(), governor);
  await g.timelock.grantRole(await g.timelock.CANCELLER_ROLE(), governor);
  await g.timelock.grantRole(await g.timelock.EXECUTOR_ROLE(), governor);
  for (const c of [g.registry, g.coin, g.fund]) {
    const admin = await c.DEFAULT_ADMIN_ROLE();
    await c.grantRole(admin, timelock);
    await c.renounceRole(admin, g.deployer.address);
  }
  await g.timelock.renounceRole(await g.timelock.DEFAULT_ADMIN_ROLE(), g.deployer.address);
}

export interface Proposal {
  targets: string[];
  values: bigint[];
  calldatas: string[];
  description: string;
  id: bigint;
}

/** `proposer` proposes the calls; returns the proposal and its id. */
export async function propose(
  g: Governance,
  proposer: HardhatEthersSigner,
  calls: { target: string; data: string }[],
  description: string,
): Promise<Proposal> {
  const targets = calls.map((c) => c.target);
  const values = calls.map(() => 0n);
  const calldatas = calls.map((c) => c.data);
  const descriptionHash = g.ethers.id(description);
  const id = await g.governor.hashProposal(targets, values, calldatas, descriptionHash);
  await g.governor.connect(proposer).propose(targets, values, calldatas, description);
  return { targets, values, calldatas, description, id };
}

/** Moves time to the first second of voting. */
export async function startVoting(g: Governance, p: Proposal): Promise<void> {
  const snapshot = await g.governor.proposalSnapshot(p.id);
  await g.helpers.time.increaseTo(snapshot + 1n);
}

/** Moves time past the (possibly extended) end of voting. */
export async function endVoting(g: Governance, p: Proposal): Promise<void> {
  const deadline = await g.governor.proposalDeadline(p.id);
  await g.helpers.time.increaseTo(deadline + 1n);
}

export async function queue(g: Governance, p: Proposal) {
  return g.governor.queue(p.targets, p.values, p.calldatas, g.ethers.id(p.description));
}

export async function execute(g: Governance, p: Proposal) {
  return g.governor.execute(p.targets, p.values, p.calldatas, g.ethers.id(p.description));
}

/** Proposes, lets `voters` vote For, queues and executes after the timelock delay. */
export async function pass(
  g: Governance,
  calls: { target: string; data: string }[],
  description: string,
  voters: HardhatEthersSigner[] = g.members.slice(0, 3),
) {
  const p = await propose(g, g.members[0], calls, description);
  await startVoting(g, p);
  for (const v of voters) await g.governor.connect(v).castVote(p.id, Vote.For);
  await endVoting(g, p);
  await queue(g, p);
  await g.helpers.time.increase(TIMELOCK_DELAY);
  const tx = await execute(g, p);
  return { proposal: p, tx };
}
