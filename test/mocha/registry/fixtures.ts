/** Shared setup for the registry and coin tests: a registry with a few admitted members. */
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { applicationSignerTypes, profileChangeSignerTypes } from "@spin/shared";
import type { Admissions, CommonsRegistry } from "../../../types/ethers-contracts/index.js";

/** The shared EIP-712 types of a signed application, as ethers signs them. */
export const applicationTypes = applicationSignerTypes;
/** The shared EIP-712 types of a signed profile change, as ethers signs them. */
export const profileChangeTypes = profileChangeSignerTypes;

export const Kind = { None: 0, Person: 1, Cooperative: 2, Place: 3, Enterprise: 4 } as const;
export const Status = { None: 0, Applicant: 1, Admitted: 2, Suspended: 3, Expelled: 4 } as const;
export const Path = { Vouches: 0, Governance: 1 } as const;

export const DAY = 24 * 3600;
export const THRESHOLD = 2;
export const WINDOW = 7 * DAY;
/** The admission states of IAdmission.ApplicationState. */
export const State = { None: 0, Open: 1, Closed: 2, Scheduled: 3, Admissible: 4 } as const;

/** The admission rule the registry tests run under: short enough to walk through in a test. */
export const RULE = {
  vouchThreshold: THRESHOLD,
  vouchWindow: WINDOW,
  admissionDelay: 2 * DAY,
  ripeningPeriod: 3 * DAY,
  voucherSeniority: DAY,
  vouchBudget: 3,
  budgetPeriod: 30 * DAY,
  reapplyCooldown: 5 * DAY,
};
export const PROFILE = "ipfs://bafyprofile";
export const PROFILE_HASH = `0x${"11".repeat(32)}`;
export const OTHER_HASH = `0x${"22".repeat(32)}`;
export const ENODE_ID = "a1".repeat(64);
export const ENODE_HOST = "10.0.0.1";
export const ENODE_PORT = 30303;

export interface PlaceInput {
  name: string;
  latitudeE6: number;
  longitudeE6: number;
  country: string;
  machines: string[];
}

export const FABLAB: PlaceInput = {
  name: "Fablab Gare",
  latitudeE6: 48_856_613,
  longitudeE6: 2_352_222,
  country: "0x4652", // "FR"
  machines: ["laser cutter", "3D printer"],
};

export interface RegistrySetup {
  registry: CommonsRegistry;
  /** The registry's Admissions: applications and vouches. */
  admissions: Admissions;
  admin: HardhatEthersSigner;
  /** Admitted Persons. */
  alice: HardhatEthersSigner;
  bob: HardhatEthersSigner;
  carol: HardhatEthersSigner;
  /** An admitted Cooperative and an admitted Place. */
  coop: HardhatEthersSigner;
  place: HardhatEthersSigner;
  /** Accounts the registry does not know. */
  outsiders: HardhatEthersSigner[];
}

/**
 * Deploys a registry under RULE, admits three Persons, a Cooperative and a Place, and lets a day
 * pass so the Persons are senior enough to vouch.
 */
export async function deployRegistry(ethers: HardhatEthers): Promise<RegistrySetup> {
  const [admin, alice, bob, carol, coop, place, ...outsiders] = await ethers.getSigners();
  const registry = await ethers.deployContract("CommonsRegistry", [
    admin.address,
    THRESHOLD,
    WINDOW,
  ]);
  const admissions = await ethers.getContractAt("Admissions", await registry.admissions());
  await admissions.setAdmissionRule(RULE);
  for (const person of [alice, bob, carol]) {
    await registry.admit(person.address, Kind.Person, PROFILE, PROFILE_HASH);
  }
  await registry.admit(coop.address, Kind.Cooperative, PROFILE, PROFILE_HASH);
  await registry.admitPlace(place.address, PROFILE, PROFILE_HASH, FABLAB);
  await ethers.provider.send("evm_increaseTime", [RULE.voucherSeniority]);
  await ethers.provider.send("evm_mine", []);
  return { registry, admissions, admin, alice, bob, carol, coop, place, outsiders };
}

export const NO_PLACE: PlaceInput = {
  name: "",
  latitudeE6: 0,
  longitudeE6: 0,
  country: "0x0000",
  machines: [],
};

export interface ApplicationInput {
  applicant: string;
  kind: number;
  profileURI: string;
  profileHash: string;
  place: PlaceInput;
  nonce: bigint;
  deadline: bigint;
}

/** The EIP-712 domain of `admissions` ("SPIN Admissions", "1"). */
export async function admissionsDomain(admissions: Admissions) {
  const [, name, version, chainId, verifyingContract] = await admissions.eip712Domain();
  return { name, version, chainId, verifyingContract };
}

/**
 * `applicant` signs an application (its next nonce, a deadline an hour after `now` unless given);
 * returns it with its signature, ready for applyBySig.
 */
export async function signApplication(
  admissions: Admissions,
  applicant: Pick<HardhatEthersSigner, "address" | "signTypedData">,
  fields: Partial<ApplicationInput> & { now: bigint },
): Promise<{ application: ApplicationInput; signature: string }> {
  const application: ApplicationInput = {
    applicant: applicant.address,
    kind: fields.kind ?? Kind.Person,
    profileURI: fields.profileURI ?? PROFILE,
    profileHash: fields.profileHash ?? PROFILE_HASH,
    place: fields.place ?? NO_PLACE,
    nonce: fields.nonce ?? (await admissions.nonces(applicant.address)),
    deadline: fields.deadline ?? fields.now + 3600n,
  };
  const signature = await applicant.signTypedData(
    await admissionsDomain(admissions),
    applicationSignerTypes,
    application,
  );
  return { application, signature };
}
