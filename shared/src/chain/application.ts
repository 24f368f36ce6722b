/**
 * A newcomer's signed application to the commons (EIP-712), as Admissions checks it: the dApp
 * signs exactly this, the indexer's relay inbox verifies exactly this, and a member relays it
 * with `applyBySig` or `applyBySigAndVouch`. The message is the contract's `SignedApplication`
 * struct (its type comes from the ABI); the typed-data names are the ones ApplicationHashes
 * hashes (`Application` with a nested `Place`), checked against the ABI by the shared tests.
 */
import type { ContractFunctionArgs } from "viem";
import type { admissionsAbi } from "../abi/generated.ts";

/** `IAdmission.SignedApplication`, as viem encodes and decodes it. */
export type SignedApplication = ContractFunctionArgs<
  typeof admissionsAbi,
  "nonpayable",
  "applyBySig"
>[0];

export const APPLICATION_PRIMARY_TYPE = "Application";

/** The EIP-712 types of a signed application (ApplicationHashes.APPLICATION_TYPEHASH). */
export const applicationTypes = {
  Application: [
    { name: "applicant", type: "address" },
    { name: "kind", type: "uint8" },
    { name: "profileURI", type: "string" },
    { name: "profileHash", type: "bytes32" },
    { name: "place", type: "Place" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
  Place: [
    { name: "name", type: "string" },
    { name: "latitudeE6", type: "int32" },
    { name: "longitudeE6", type: "int32" },
    { name: "country", type: "bytes2" },
    { name: "machines", type: "string[]" },
  ],
} as const;

/** The same types as the mutable field lists that signers such as ethers' `signTypedData` take. */
export const applicationSignerTypes = applicationTypes as unknown as Record<
  string,
  { name: string; type: string }[]
>;

/** `IAdmission.SignedProfileChange`: an applicant's new profile, signed for anyone to submit. */
export type SignedProfileChange = ContractFunctionArgs<
  typeof admissionsAbi,
  "nonpayable",
  "updateApplicationBySig"
>[0];

export const PROFILE_CHANGE_PRIMARY_TYPE = "ProfileChange";

/** The EIP-712 types of a signed profile change (ApplicationHashes.PROFILE_CHANGE_TYPEHASH). */
export const profileChangeTypes = {
  ProfileChange: [
    { name: "applicant", type: "address" },
    { name: "profileURI", type: "string" },
    { name: "profileHash", type: "bytes32" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** The same types as the mutable field lists that signers such as ethers' `signTypedData` take. */
export const profileChangeSignerTypes = profileChangeTypes as unknown as Record<
  string,
  { name: string; type: string }[]
>;

/** The Admissions contract's EIP-712 domain (`eip712Domain()` answers the same). */
export function admissionsDomain(chainId: number, admissions: `0x${string}`) {
  return {
    name: "SPIN Admissions",
    version: "1",
    chainId,
    verifyingContract: admissions,
  } as const;
}

/** The place a non-Place signs: empty strings and list, zero numbers. */
export const NO_PLACE: SignedApplication["place"] = {
  name: "",
  latitudeE6: 0,
  longitudeE6: 0,
  country: "0x0000",
  machines: [],
};

/**
 * Bounds Admissions and RegistryInput put on an application: the profile URI, a place's name,
 * machines and coordinates, and the call data of the application paths.
 */
export const APPLICATION_LIMITS = {
  profileURIBytes: 512,
  placeNameBytes: 128,
  machines: 32,
  machineBytes: 64,
  latitudeE6: 90_000_000,
  longitudeE6: 180_000_000,
  calldataBytes: 6_144,
} as const;

/**
 * What `POST /applications` takes: the application with its uint256 fields as decimal strings
 * (JSON has no bigints), the signature, and optionally the profile document's exact text when
 * the indexer does not hold it yet.
 */
export interface ApplicationSubmission {
  application: Omit<SignedApplication, "nonce" | "deadline" | "place"> & {
    place: Omit<SignedApplication["place"], "machines"> & { machines: string[] };
    nonce: string;
    deadline: string;
  };
  signature: `0x${string}`;
  profile?: string;
}

/** The body of `POST /applications` for a signed application. */
export function applicationSubmission(
  application: SignedApplication,
  signature: `0x${string}`,
  profile?: string,
): ApplicationSubmission {
  return {
    application: {
      ...application,
      place: { ...application.place, machines: [...application.place.machines] },
      nonce: application.nonce.toString(),
      deadline: application.deadline.toString(),
    },
    signature,
    ...(profile === undefined ? {} : { profile }),
  };
}
