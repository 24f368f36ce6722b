/**
 * Deploys the real SPIN contracts a works/licensing test needs, installs the shipped licence
 * templates from licences/index.json and admits one participant of each kind.
 */
import { permitTypes } from "@spin/shared";
import type { NetworkConnection } from "hardhat/types/network";
import type { Signature } from "ethers";

export const Kind = { None: 0, Person: 1, Cooperative: 2, Place: 3, Enterprise: 4 } as const;
export const Reason = {
  UnknownWork: 0,
  SuspendedWork: 1,
  NotMember: 2,
  Forbidden: 3,
  OpenLicence: 4,
  CommonsUse: 5,
  PaidLicence: 6,
  NoLicence: 7,
  Expired: 8,
  Revoked: 9,
} as const;

export const PPL = 1;
export const CC_BY_SA = 2;
export const CC0 = 3;
export const COPYFAIR = 4;
export const COIN = 10n ** 18n;

export {
  CommercialUse,
  boundsOf,
  shippedLicences,
  termsOf,
  type ShippedLicence,
} from "../../../scripts/deploy/licences.ts";
import { boundsOf, shippedLicences, termsOf } from "../../../scripts/deploy/licences.ts";

export type Terms = ReturnType<typeof termsOf>;

/** Deploys registry, coin, fund, templates, works registry and licensing, wired as in production. */
export async function deploySpin(connection: NetworkConnection) {
  const { ethers } = connection;
  const [admin, alice, bob, carol, coop, place, firm, firm2, stranger] = await ethers.getSigners();

  const commons = await ethers.deployContract("CommonsRegistry", [admin.address, 3, 7 * 24 * 3600]);
  const coin = await ethers.deployContract("SpinCoin", [
    await commons.getAddress(),
    admin.address,
    0n,
    10n ** 9n * COIN,
  ]);
  const fund = await ethers.deployContract("CommonFund", [
    admin.address,
    await coin.getAddress(),
    await commons.getAddress(),
    [0, 0, 0],
    [10_000, 10_000, 10_000, 10_000],
  ]);
  const templates = await ethers.deployContract("LicenceTemplates", [admin.address]);
  const works = await ethers.deployContract("WorksRegistry", [
    admin.address,
    await commons.getAddress(),
    await templates.getAddress(),
  ]);
  const licensing = await ethers.deployContract("Licensing", [
    admin.address,
    await commons.getAddress(),
    await works.getAddress(),
    await templates.getAddress(),
    await coin.getAddress(),
    await fund.getAddress(),
  ]);

  await commons.setProtocolAccount(await licensing.getAddress(), true);
  await commons.setProtocolAccount(await fund.getAddress(), true);
  await fund.grantRole(await fund.CREDITOR_ROLE(), await licensing.getAddress());

  for (const licence of shippedLicences()) {
    await templates.addTemplate(
      licence.name,
      licence.sha256,
      licence.uri,
      termsOf(licence),
      boundsOf(licence),
    );
  }

  const profile = ethers.id("profile");
  await commons.admit(alice.address, Kind.Person, "ipfs://alice", profile);
  await commons.admit(bob.address, Kind.Person, "ipfs://bob", profile);
  await commons.admit(carol.address, Kind.Person, "ipfs://carol", profile);
  await commons.admit(coop.address, Kind.Cooperative, "ipfs://coop", profile);
  await commons.admitPlace(place.address, "ipfs://place", profile, {
    name: "Fablab",
    latitudeE6: 48_856_600,
    longitudeE6: 2_352_200,
    country: "0x4652",
    machines: ["laser-cutter"],
  });
  await commons.admit(firm.address, Kind.Enterprise, "ipfs://firm", profile);
  await commons.admit(firm2.address, Kind.Enterprise, "ipfs://firm2", profile);
  await coin.mint(firm.address, 1_000_000n * COIN);
  await coin.mint(firm2.address, 1_000_000n * COIN);

  return {
    ethers,
    commons,
    coin,
    fund,
    templates,
    works,
    licensing,
    admin,
    alice,
    bob,
    carol,
    coop,
    place,
    firm,
    firm2,
    stranger,
  };
}

export type Spin = Awaited<ReturnType<typeof deploySpin>>;

let hashCounter = 0;
/** A fresh, unique content hash for a test work. */
export function freshHash(ethers: Spin["ethers"]): string {
  hashCounter += 1;
  return ethers.keccak256(ethers.toUtf8Bytes(`work-${hashCounter}`));
}

export interface RegisterOptions {
  contentHash?: string;
  licenceId?: number;
  stewards?: string[];
  contributors?: string[];
  shares?: number[];
  parents?: bigint[];
  metadataURI?: string;
}

/** The Registration struct with defaults: the registrant as sole steward and contributor. */
export function registration(spin: Spin, by: string, options: RegisterOptions = {}) {
  return {
    contentHash: options.contentHash ?? freshHash(spin.ethers),
    metadataURI: options.metadataURI ?? "ipfs://bafkreiexample",
    licenceId: options.licenceId ?? PPL,
    stewards: options.stewards ?? [by],
    contributors: options.contributors ?? [by],
    shares: options.shares ?? [10_000],
    parents: options.parents ?? [],
  };
}

/** The salt `signer` uses for `contentHash` in these tests: one per pair, so it can be found again. */
export function saltOf(spin: Spin, signer: { address: string }, contentHash: string): string {
  return spin.ethers.solidityPackedKeccak256(
    ["string", "address", "bytes32"],
    ["salt", signer.address, contentHash],
  );
}

/**
 * Commits `signer` to registering `contentHash` (or adding it as a version), as a client must
 * before revealing it; returns the salt. Every transaction is mined in its own block, so the
 * reveal that follows is at least one block later.
 */
export async function commit(
  spin: Spin,
  signer: Spin["alice"],
  contentHash: string,
): Promise<string> {
  const salt = saltOf(spin, signer, contentHash);
  const commitment = await spin.works.commitmentFor(contentHash, signer.address, salt);
  await (await spin.works.connect(signer).commitRegistration(commitment)).wait();
  return salt;
}

/** Commits to `r.contentHash`, then registers `r` as `signer` (the transaction, not awaited). */
export async function commitAndRegister(
  spin: Spin,
  signer: Spin["alice"],
  r: ReturnType<typeof registration>,
) {
  const salt = await commit(spin, signer, r.contentHash);
  return spin.works.connect(signer).register(r, salt);
}

/** Commits to `contentHash`, then adds it as a version of `workId` as `signer`. */
export async function commitAndAddVersion(
  spin: Spin,
  signer: Spin["alice"],
  workId: bigint,
  contentHash: string,
  metadataURI = "ipfs://version",
) {
  const salt = await commit(spin, signer, contentHash);
  return spin.works.connect(signer).addVersion(workId, contentHash, metadataURI, salt);
}

/** Registers a work as `signer` (commit, then reveal) and returns its id. */
export async function registerWork(
  spin: Spin,
  signer: Spin["alice"],
  options: RegisterOptions = {},
): Promise<bigint> {
  const r = registration(spin, signer.address, options);
  await (await commitAndRegister(spin, signer, r)).wait();
  return spin.works.workCount();
}

/** An EIP-2612 permit signed by `owner` for licensing to take `value`. */
export async function signPermit(
  spin: Spin,
  owner: Spin["firm"],
  value: bigint,
  deadline: bigint,
): Promise<Signature> {
  const { ethers, coin, licensing } = spin;
  const { chainId } = await ethers.provider.getNetwork();
  const signature = await owner.signTypedData(
    { name: "SPIN", version: "1", chainId, verifyingContract: await coin.getAddress() },
    permitTypes,
    {
      owner: owner.address,
      spender: await licensing.getAddress(),
      value,
      nonce: await coin.nonces(owner.address),
      deadline,
    },
  );
  return ethers.Signature.from(signature);
}

/** Buys one term of `workId` as `buyer` with a permit for exactly `price`. */
export async function buy(spin: Spin, buyer: Spin["firm"], workId: bigint, maxPrice?: bigint) {
  const price = await spin.licensing.priceOf(workId);
  const deadline = BigInt((await spin.ethers.provider.getBlock("latest"))!.timestamp) + 3600n;
  const sig = await signPermit(spin, buyer, price, deadline);
  return spin.licensing
    .connect(buyer)
    .purchase(workId, maxPrice ?? price, deadline, sig.v, sig.r, sig.s);
}
