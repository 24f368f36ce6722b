/**
 * Seeds the demo commons on a freshly deployed SPIN (see demo-commons.ts for who is who): works
 * registered, forked, versioned and adopted; coin granted and streamed by governance; a
 * commercial licence bought with a permit and its fees claimed up the lineage; a pending
 * application, signed by the newcomer and relayed by a member; and proposals in every state the
 * governor can reach. Everything goes through the real contracts, signed by the members' own
 * accounts; time moves with evm_increaseTime.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import {
  Interface,
  hexlify,
  randomBytes,
  type ContractTransactionResponse,
  type ErrorFragment,
} from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";
import {
  abis,
  applicationSignerTypes,
  buildManifest,
  permitTypes,
  type AddressBook,
  type BundleFile,
} from "@spin/shared";
import type { HDNodeWallet } from "ethers";
import { shippedLicences } from "../deploy/licences.ts";
import {
  DEMO_APPLICANT,
  DEMO_MEMBERS,
  DEMO_WORKS,
  LICENCE_SLUGS,
  anvilAccount,
  profileOf,
  type DemoMember,
  type MemberKey,
  type WorkKey,
} from "./demo-commons.ts";

const COIN = 10n ** 18n;
const YEAR = 365n * 24n * 60n * 60n;
const POOLED = 0n;
const ADMITTED = 2n;
const Vote = { Against: 0, For: 1, Abstain: 2 } as const;

export const BUNDLES_DIR = path.join(import.meta.dirname, "bundles");

/** The proposals the seed leaves behind, named by the state each ends in. */
export type ProposalKey =
  | "executedGrants"
  | "executedStream"
  | "queued"
  | "succeeded"
  | "defeated"
  | "canceled"
  | "active"
  | "pending";

export interface SeedSummary {
  works: Record<WorkKey, bigint>;
  proposals: Record<ProposalKey, bigint>;
  /** The licence record Loomworks bought. */
  licenceRecord: bigint;
  /** The maintenance stream to the Nairobi fablab. */
  streamId: bigint;
  /** Governor states the seed cannot reach, with why. */
  unreachableStates: string[];
}

/** A seed step failed: which one, and the decoded reason. */
export class SeedError extends Error {
  override name = "SeedError";
  readonly step: string;
  constructor(step: string, reason: string) {
    super(`demo seed failed at "${step}": ${reason}`);
    this.step = step;
  }
}

/** Every custom error of SPIN's contracts, once each, to decode a revert whatever reverted. */
const spinErrors = (() => {
  const seen = new Map<string, ErrorFragment>();
  for (const abi of Object.values(abis)) {
    for (const fragment of new Interface(abi as never).fragments) {
      if (fragment.type === "error")
        seen.set(fragment.format("sighash"), fragment as ErrorFragment);
    }
  }
  return new Interface([...seen.values()]);
})();

function revertData(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === "object"; depth++) {
    const data = (current as { data?: unknown }).data;
    if (typeof data === "string" && data.startsWith("0x") && data.length >= 10) return data;
    if (data && typeof data === "object" && typeof (data as { data?: unknown }).data === "string") {
      return (data as { data: string }).data;
    }
    current =
      (current as { error?: unknown }).error ??
      (current as { info?: { error?: unknown } }).info?.error ??
      (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A readable reason: the SPIN custom error with its arguments when one can be decoded. */
function reasonOf(error: unknown): string {
  const data = revertData(error);
  if (data) {
    const decoded = spinErrors.parseError(data);
    if (decoded) return `${decoded.name}(${decoded.args.map(String).join(", ")})`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Runs one transaction and waits for it; any failure becomes a SeedError naming the step. */
export async function send(step: string, action: () => Promise<ContractTransactionResponse>) {
  try {
    const receipt = await (await action()).wait();
    if (receipt?.status !== 1) throw new Error("transaction reverted");
    return receipt;
  } catch (error) {
    throw new SeedError(step, reasonOf(error));
  }
}

/** The files of a bundle folder, with POSIX paths relative to it. */
export async function readBundle(dir: string): Promise<BundleFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: BundleFile[] = [];
  for (const entry of entries.filter((e) => e.isFile())) {
    const full = path.join(entry.parentPath, entry.name);
    const relative = path.relative(dir, full).split(path.sep).join("/");
    files.push({ path: relative, bytes: new Uint8Array(await readFile(full)) });
  }
  return files;
}

/** The content hash and metadata URI a bundle is registered under. */
export async function bundleIdentity(bundle: string) {
  const manifest = await buildManifest(await readBundle(path.join(BUNDLES_DIR, bundle)));
  return { contentHash: manifest.contentHash, metadataURI: `ipfs://${manifest.cid}` };
}

async function contractsOf(connection: NetworkConnection, book: AddressBook) {
  const { ethers } = connection;
  const address = (name: keyof AddressBook["contracts"]) => book.contracts[name].address;
  return {
    registry: await ethers.getContractAt("CommonsRegistry", address("CommonsRegistry")),
    admissions: await ethers.getContractAt("Admissions", address("Admissions")),
    coin: await ethers.getContractAt("SpinCoin", address("SpinCoin")),
    governor: await ethers.getContractAt("SpinGovernor", address("SpinGovernor")),
    timelock: await ethers.getContractAt("SpinTimelock", address("SpinTimelock")),
    fund: await ethers.getContractAt("CommonFund", address("CommonFund")),
    templates: await ethers.getContractAt("LicenceTemplates", address("LicenceTemplates")),
    works: await ethers.getContractAt("WorksRegistry", address("WorksRegistry")),
    licensing: await ethers.getContractAt("Licensing", address("Licensing")),
  };
}

type Contracts = Awaited<ReturnType<typeof contractsOf>>;

interface Proposal {
  targets: string[];
  values: bigint[];
  calldatas: string[];
  description: string;
  descriptionHash: string;
  id: bigint;
}

/** Everything the seed's steps share. */
interface Seeder {
  connection: NetworkConnection;
  c: Contracts;
  members: Record<MemberKey, HardhatEthersSigner>;
  log: (line: string) => void;
  nodeControl: NodeControl;
}

/**
 * Sends a method that controls the node (evm_increaseTime, evm_mine) straight to it: a
 * permissioning gateway refuses them.
 */
export type NodeControl = (method: string, params: unknown[]) => Promise<unknown>;

async function now(s: Seeder): Promise<bigint> {
  const block = await s.connection.ethers.provider.getBlock("latest");
  if (!block) throw new SeedError("read the clock", "no latest block");
  return BigInt(block.timestamp);
}

/** Moves the chain's clock to `target` (if it is in the future) and mines a block there. */
async function travelTo(s: Seeder, target: bigint): Promise<void> {
  const delta = target - (await now(s));
  if (delta > 0n) await s.nodeControl("evm_increaseTime", [Number(delta)]);
  await s.nodeControl("evm_mine", []);
}

async function ensureFreshDeployment(s: Seeder): Promise<void> {
  for (const member of DEMO_MEMBERS) {
    const status = await s.c.registry.statusOf(s.members[member.key].address);
    if (status !== ADMITTED) {
      throw new SeedError(
        "check the founders",
        `${member.name} (${s.members[member.key].address}) is not admitted: deploy with demoFounders()`,
      );
    }
  }
}

type LicenceLabel = keyof typeof LICENCE_SLUGS;

/**
 * The on-chain id of each demo licence, found by the shipped licence's name: the deployment
 * adds the templates in no guaranteed order, so ids are read back, never assumed.
 */
async function licenceIds(s: Seeder): Promise<Record<LicenceLabel, number>> {
  const idByName = new Map<string, number>();
  const count = Number(await s.c.templates.templateCount());
  for (let id = 1; id <= count; id++) {
    const [name] = await s.c.templates.legalTextOf(id);
    idByName.set(name, id);
  }
  const ids = {} as Record<LicenceLabel, number>;
  for (const [label, slug] of Object.entries(LICENCE_SLUGS) as [LicenceLabel, string][]) {
    const name = shippedLicences().find((licence) => licence.slug === slug)?.name;
    const id = name === undefined ? undefined : idByName.get(name);
    if (id === undefined) throw new SeedError("find the licences", `no template for ${slug}`);
    ids[label] = id;
  }
  return ids;
}

/**
 * Commits `signer` to `contentHash` before anyone may see it, as every registration and version
 * must (the registry takes the hash from the earliest commitment); returns the salt to reveal.
 */
async function commitTo(
  s: Seeder,
  signer: HardhatEthersSigner,
  contentHash: string,
  what: string,
): Promise<string> {
  const salt = hexlify(randomBytes(32));
  const commitment = await s.c.works.commitmentFor(contentHash, signer.address, salt);
  await send(`commit to ${what}`, () => s.c.works.connect(signer).commitRegistration(commitment));
  return salt;
}

async function registerWorks(s: Seeder): Promise<Record<WorkKey, bigint>> {
  const ids = {} as Record<WorkKey, bigint>;
  const licences = await licenceIds(s);
  for (const work of DEMO_WORKS) {
    const { contentHash, metadataURI } = await bundleIdentity(work.bundle);
    const registrant = s.members[work.contributors[0].member];
    const registration = {
      contentHash,
      metadataURI,
      licenceId: licences[work.licence],
      stewards: [registrant.address],
      contributors: work.contributors.map((x) => s.members[x.member].address),
      shares: work.contributors.map((x) => x.shareBps),
      parents: work.parents.map((key: WorkKey) => ids[key]),
    };
    const salt = await commitTo(s, registrant, contentHash, work.bundle);
    await send(`register ${work.bundle}`, () =>
      s.c.works.connect(registrant).register(registration, salt),
    );
    ids[work.key] = await s.c.works.workCount();
    for (const version of work.versions) {
      const next = await bundleIdentity(version);
      const versionSalt = await commitTo(s, registrant, next.contentHash, version);
      await send(`add version ${version}`, () =>
        s.c.works
          .connect(registrant)
          .addVersion(ids[work.key], next.contentHash, next.metadataURI, versionSalt),
      );
    }
    for (const adopter of work.adopters) {
      await send(`${adopter} adopts ${work.bundle}`, () =>
        s.c.works.connect(s.members[adopter]).adopt(ids[work.key]),
      );
    }
  }
  s.log(`registered ${DEMO_WORKS.length} works with forks, a second version and adoptions`);
  return ids;
}

interface Call {
  target: string;
  data: string;
}

async function propose(
  s: Seeder,
  proposer: MemberKey,
  calls: Call[],
  description: string,
): Promise<Proposal> {
  const targets = calls.map((call) => call.target);
  const values = calls.map(() => 0n);
  const calldatas = calls.map((call) => call.data);
  const descriptionHash = s.connection.ethers.id(description);
  const id = await s.c.governor.hashProposal(targets, values, calldatas, descriptionHash);
  const title = description.split("\n")[0];
  await send(`propose "${title}"`, () =>
    s.c.governor.connect(s.members[proposer]).propose(targets, values, calldatas, description),
  );
  return { targets, values, calldatas, description, descriptionHash, id };
}

/** The latest of a time each proposal has (its snapshot, its deadline). */
async function latest(proposals: Proposal[], timeOf: (p: Proposal) => Promise<bigint>) {
  let last = 0n;
  for (const p of proposals) {
    const time = await timeOf(p);
    if (time > last) last = time;
  }
  return last;
}

async function vote(
  s: Seeder,
  p: Proposal,
  ballots: [MemberKey, keyof typeof Vote, string][],
): Promise<void> {
  for (const [voter, support, reason] of ballots) {
    await send(`${voter} votes ${support} on ${p.id}`, () =>
      s.c.governor.connect(s.members[voter]).castVoteWithReason(p.id, Vote[support], reason),
    );
  }
}

const ballotsFor = (reason: string): [MemberKey, keyof typeof Vote, string][] => [
  ["amara", "For", reason],
  ["lucas", "For", ""],
  ["claire", "For", ""],
  ["priya", "For", ""],
  ["sofia", "For", ""],
  ["kenji", "Abstain", "I'd rather see the budget first"],
];

function grantCall(s: Seeder, to: MemberKey, amount: bigint, memo: string): Call {
  return {
    target: s.c.fund.target as string,
    data: s.c.fund.interface.encodeFunctionData("grant", [
      POOLED,
      s.members[to].address,
      amount * COIN,
      memo,
    ]),
  };
}

/** The founding members' grants: the only way coin reaches members is a governance decision. */
function onboardingGrants(s: Seeder): Call[] {
  return DEMO_MEMBERS.filter((m: DemoMember) => m.kind !== "Place").map((m: DemoMember) => {
    const amount = m.kind === "Cooperative" ? 2_000n : 1_000n;
    return grantCall(s, m.key as MemberKey, amount, `onboarding grant: ${m.name}`);
  });
}

/**
 * Proposals that end Executed, Queued, Succeeded, Defeated and Canceled: proposed together, voted
 * on, then moved through the voting period and the timelock delay.
 */
async function settledProposals(s: Seeder) {
  const { governor, timelock, fund } = s.c;
  const [votingDelay, votingPeriod, timelockDelay] = [
    await governor.votingDelay(),
    await governor.votingPeriod(),
    await timelock.getMinDelay(),
  ];
  // A proposer's votes are counted one second back (clock() - 1), and anvil puts every block of
  // the same second at the same time: the founders' admission may still be "now". Move past it.
  await travelTo(s, (await now(s)) + 1n);
  const streamStart = (await now(s)) + votingDelay + votingPeriod + timelockDelay;
  const nairobi = s.members.nairobi.address;

  const executedGrants = await propose(
    s,
    "amara",
    onboardingGrants(s),
    "Onboarding grants for the founding members\n\n1,000 SPIN to each founding Person and Enterprise, 2,000 to each Cooperative, from the Pooled sub-fund.",
  );
  const executedStream = await propose(
    s,
    "claire",
    [
      {
        target: fund.target as string,
        data: fund.interface.encodeFunctionData("createStream", [
          POOLED,
          nairobi,
          12_000n * COIN,
          streamStart,
          streamStart + YEAR,
          "machine maintenance for a year",
        ]),
      },
    ],
    "Stream a year of machine maintenance to Gearbox Fablab Nairobi\n\n12,000 SPIN vesting over one year for the laser cutter, CNC router and kiln.",
  );
  const queued = await propose(
    s,
    "priya",
    [
      {
        target: fund.target as string,
        data: fund.interface.encodeFunctionData("extendLock", [1n, streamStart + 2n * YEAR]),
      },
    ],
    "Keep the Global South sub-fund locked for two more years\n\nIt grows from licence fees until the Global South fablabs agree on a shared tools plan.",
  );
  const succeeded = await propose(
    s,
    "lucas",
    [grantCall(s, "saopaulo", 5_000n, "a CNC router for Garagem")],
    "Grant 5,000 SPIN to Garagem Makerspace for a CNC router\n\nThe grain mill and chair builds need a CNC router in São Paulo.",
  );
  const defeated = await propose(
    s,
    "lucas",
    [grantCall(s, "sunharvest", 50_000n, "sponsorship of the SunHarvest brand")],
    "Sponsor SunHarvest Foods' marketing campaign with 50,000 SPIN\n\nSunHarvest would print the commons' logo on its dried fruit packs.",
  );
  const canceled = await propose(
    s,
    "sofia",
    [grantCall(s, "saopaulo", 50_000n, "CNC router (typo)")],
    "Grant 50,000 SPIN to Garagem Makerspace for a CNC router\n\nWithdrawn by its proposer: the amount had one zero too many.",
  );
  await send("sofia cancels her proposal", () =>
    governor
      .connect(s.members.sofia)
      .cancel(canceled.targets, canceled.values, canceled.calldatas, canceled.descriptionHash),
  );
  s.log("six proposals made, one cancelled by its proposer");

  const voted = [executedGrants, executedStream, queued, succeeded, defeated];
  // Proposals made in different seconds have different snapshots: voting opens after the last.
  await travelTo(s, (await latest(voted, (p) => governor.proposalSnapshot(p.id))) + 1n);
  await vote(s, executedGrants, ballotsFor("Everyone starts with something to spend"));
  await vote(s, executedStream, ballotsFor("The fablab's machines serve the whole region"));
  await vote(s, queued, ballotsFor("Let the Global South fund grow"));
  await vote(s, succeeded, ballotsFor("Garagem builds for three cooperatives"));
  await vote(s, defeated, [
    ["lucas", "For", "Visibility for the commons"],
    ["amara", "Against", "The fund is not an advertising budget"],
    ["claire", "Against", ""],
    ["priya", "Against", ""],
    ["sofia", "Against", ""],
  ]);
  s.log("members voted");

  await travelTo(s, (await latest(voted, (p) => governor.proposalDeadline(p.id))) + 1n);
  for (const p of [executedGrants, executedStream, queued]) {
    await send(`queue ${p.id}`, () =>
      governor.connect(s.members.amara).queue(p.targets, p.values, p.calldatas, p.descriptionHash),
    );
  }
  await travelTo(s, (await now(s)) + timelockDelay + 1n);
  for (const p of [executedGrants, executedStream]) {
    await send(`execute ${p.id}`, () =>
      governor
        .connect(s.members.amara)
        .execute(p.targets, p.values, p.calldatas, p.descriptionHash),
    );
  }
  s.log("grants paid and the maintenance stream created by the timelock");
  return { executedGrants, executedStream, queued, succeeded, defeated, canceled };
}

/** An EIP-2612 permit from `owner` for licensing to take `value`, signed with the coin's domain. */
async function signPermit(s: Seeder, owner: HardhatEthersSigner, value: bigint, deadline: bigint) {
  const { coin, licensing } = s.c;
  const [, name, version, chainId, verifyingContract] = await coin.eip712Domain();
  const signature = await owner.signTypedData(
    { name, version, chainId, verifyingContract },
    permitTypes,
    {
      owner: owner.address,
      spender: licensing.target,
      value,
      nonce: await coin.nonces(owner.address),
      deadline,
    },
  );
  return s.connection.ethers.Signature.from(signature);
}

/**
 * Loomworks buys a licence for the Backstrap Loom Kit (a fork of a fork), the fees climb the
 * lineage, and Kenji claims his share. The weavers' cooperative records its free commons use.
 */
async function licenceTrade(s: Seeder, works: Record<WorkKey, bigint>): Promise<bigint> {
  const { licensing } = s.c;
  const buyer = s.members.loomworks;
  const price = await licensing.priceOf(works.backstrapLoom);
  const deadline = (await now(s)) + 3_600n;
  const permit = await signPermit(s, buyer, price, deadline);
  const receipt = await send("Loomworks buys a licence for the Backstrap Loom Kit", () =>
    licensing
      .connect(buyer)
      .purchase(works.backstrapLoom, price, deadline, permit.v, permit.r, permit.s),
  );
  const purchased = receipt.logs
    .map((entry) => licensing.interface.parseLog(entry))
    .find((event) => event?.name === "LicencePurchased");
  if (!purchased) throw new SeedError("read the licence record", "no LicencePurchased event");

  const settler = s.members.sofia;
  await send("settle the kit's upstream share", () =>
    licensing.connect(settler).settleUpstream(works.backstrapLoom),
  );
  await send("settle the Pune loom's upstream share", () =>
    licensing.connect(settler).settleUpstream(works.puneLoom),
  );
  await send("flush the fund's share", () => licensing.connect(settler).flushFund());
  await send("Kenji claims his licence earnings", () =>
    licensing.connect(s.members.kenji).claim(works.backstrapLoom),
  );
  await send("the weavers record commons use of the loom", () =>
    licensing.connect(s.members.weavers).recordCommonsUse(works.openLoom),
  );
  s.log("a commercial licence sold, its fees settled up the lineage and claimed");
  return purchased.args.recordId as bigint;
}

/** Kenji delegates to Priya; a proposal is left open for votes and another not yet open. */
async function openProposals(s: Seeder) {
  const { governor, registry, fund } = s.c;
  await send("Kenji delegates his vote to Priya", () =>
    registry.connect(s.members.kenji).delegate(s.members.priya.address),
  );
  const active = await propose(
    s,
    "priya",
    [grantCall(s, "weavers", 3_000n, "a loom-building tour")],
    "Fund a loom-building tour by Tisseuses du Rhône\n\n3,000 SPIN for the weavers to run loom-building weeks in Pune and Nairobi.",
  );
  await travelTo(s, (await governor.proposalSnapshot(active.id)) + 1n);
  await vote(s, active, [
    ["priya", "For", "Voting for Kenji and me: the tour spreads the loom"],
    ["lucas", "Against", "Fund local weavers instead of travel"],
  ]);
  const pending = await propose(
    s,
    "sofia",
    [
      {
        target: fund.target as string,
        data: fund.interface.encodeFunctionData("setCap", [3n, 1_500]),
      },
    ],
    "Raise the Technology Infrastructure cap to 15%\n\nEnough for one validator node per continent in a single grant.",
  );
  s.log("one proposal open for votes, one waiting for its voting to start");
  return { active, pending };
}

/** The Nairobi fablab claims what its stream has vested so far. */
async function claimStream(s: Seeder): Promise<bigint> {
  const streamId = (await s.c.fund.streamCount()) - 1n;
  await send("the Nairobi fablab claims its stream", () =>
    s.c.fund.connect(s.members.nairobi).claim(streamId),
  );
  return streamId;
}

/**
 * The founders vouch only once they have been members for the rule's seniority: the demo starts
 * that long after the deployment, as a commons would some weeks after its founding.
 */
async function letFoundersBecomeSenior(s: Seeder): Promise<void> {
  const { voucherSeniority } = await s.c.admissions.admissionRule();
  const since = (await s.c.registry.standingOf(s.members.amara.address)).memberSince;
  await travelTo(s, since + voucherSeniority);
  s.log(`moved the clock ${voucherSeniority / 86_400n} days on: the founders may vouch`);
}

/**
 * Mateo cannot send transactions (the chain admits only members'), so he signs his application
 * and Amara relays it with her vouch, in one transaction.
 */
async function pendingApplication(s: Seeder, applicant: HDNodeWallet): Promise<void> {
  const { profileURI, profileHash } = profileOf(DEMO_APPLICANT);
  const { admissions } = s.c;
  const [, name, version, chainId, verifyingContract] = await admissions.eip712Domain();
  const application = {
    applicant: applicant.address,
    kind: 1, // Person
    profileURI,
    profileHash,
    place: { name: "", latitudeE6: 0, longitudeE6: 0, country: "0x0000", machines: [] },
    nonce: await admissions.nonces(applicant.address),
    deadline: (await now(s)) + 3_600n,
  };
  const signature = await applicant.signTypedData(
    { name, version, chainId, verifyingContract },
    applicationSignerTypes,
    application,
  );
  await send("Amara relays Mateo's signed application and vouches for him", () =>
    admissions.connect(s.members.amara).applyBySigAndVouch(application, signature),
  );
  s.log("Mateo Quispe applied by signature and has 1 vouch");
}

/**
 * Whether the demo already ran on this deployment: "no" (fresh), "yes" (its last step, Mateo's
 * application, is there) or "partly" (a run stopped half way: works exist, the application not).
 */
export async function seedProgress(
  connection: NetworkConnection,
  book: AddressBook,
): Promise<"no" | "partly" | "yes"> {
  const { works, admissions } = await contractsOf(connection, book);
  const mateo = anvilAccount(DEMO_APPLICANT.account).address;
  if ((await admissions.applicationOf(mateo)).state !== 0n) return "yes";
  return (await works.workCount()) > 0n ? "partly" : "no";
}

/**
 * Seeds the demo commons on a deployment made by deploySpin with demoFounders(). Does nothing
 * (returns undefined) when the demo already ran there; throws SeedError, naming the step and the
 * decoded revert, when any transaction fails or an earlier run stopped half way.
 */
export async function seedDemo(
  connection: NetworkConnection,
  book: AddressBook,
  log: (line: string) => void = () => {},
  nodeControl: NodeControl = (method, params) => connection.ethers.provider.send(method, params),
): Promise<SeedSummary | undefined> {
  const started = Date.now();
  const progress = await seedProgress(connection, book);
  if (progress === "yes") {
    log("the demo commons is already seeded: nothing to do");
    return undefined;
  }
  if (progress === "partly") {
    throw new SeedError(
      "check the chain",
      "an earlier seed stopped half way; start again from a fresh chain and deployment",
    );
  }
  const members = {} as Record<MemberKey, HardhatEthersSigner>;
  for (const member of DEMO_MEMBERS) {
    members[member.key] = await connection.ethers.getSigner(anvilAccount(member.account).address);
  }
  const s: Seeder = {
    connection,
    c: await contractsOf(connection, book),
    members,
    log,
    nodeControl,
  };
  await ensureFreshDeployment(s);
  await letFoundersBecomeSenior(s);

  const works = await registerWorks(s);
  const settled = await settledProposals(s);
  const licenceRecord = await licenceTrade(s, works);
  const open = await openProposals(s);
  const streamId = await claimStream(s);
  await pendingApplication(s, anvilAccount(DEMO_APPLICANT.account));

  const unreachableStates = [
    "Expired: with GovernorTimelockControl a queued proposal stays Queued until executed; only the Compound timelock has a grace period after which proposals expire",
  ];
  log(`proposals left in every reachable state; unreachable: ${unreachableStates.join("; ")}`);
  log(`demo commons seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const proposals = {} as Record<ProposalKey, bigint>;
  for (const [key, p] of Object.entries({ ...settled, ...open })) {
    proposals[key as ProposalKey] = p.id;
  }
  return {
    works,
    proposals,
    licenceRecord,
    streamId,
    unreachableStates,
  };
}
