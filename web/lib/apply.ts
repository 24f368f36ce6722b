/**
 * Sending an application to the commons registry, behind one function: the profile document is
 * stored by the API (POST /profiles: a newcomer cannot sign an upload), then the application is
 * the newcomer's own transaction (applyForAdmission / applyAsPlace) naming the document's hash.
 * When applications become EIP-712 signatures relayed by a member, only this file changes.
 */
import type { ProfileDocument } from "@spin/shared";
import type { Address } from "viem";
import type { WriteRequest } from "@/hooks/useTransaction";
import type { SpinContracts } from "./contracts";
import { countryToBytes2 } from "./format";
import { PROFILE_KINDS, profileRecord } from "./profile";
import { postProfile } from "./upload";

type Registry = SpinContracts["registry"]["abi"];

/** The registry call of an application whose document is recorded as (profileURI, profileHash). */
export function applicationRequest(
  contracts: SpinContracts,
  profile: ProfileDocument,
  record: { profileURI: string; profileHash: `0x${string}` },
) {
  const { profileURI, profileHash } = record;
  const kind = PROFILE_KINDS.indexOf(profile.kind) + 1;
  if (profile.kind === "Place" && profile.location) {
    const place = {
      name: profile.name,
      latitudeE6: Math.round(profile.location.latitude * 1e6),
      longitudeE6: Math.round(profile.location.longitude * 1e6),
      country: countryToBytes2(profile.location.country ?? ""),
      machines: profile.machines ?? [],
    };
    return {
      ...contracts.registry,
      functionName: "applyAsPlace",
      args: [profileURI, profileHash, place],
    } satisfies WriteRequest<Registry, "applyAsPlace">;
  }
  return {
    ...contracts.registry,
    functionName: "applyForAdmission",
    args: [kind, profileURI, profileHash],
  } satisfies WriteRequest<Registry, "applyForAdmission">;
}

/** The store answered with another hash than the document's own: it did not keep these bytes. */
export class ProfileHashMismatch extends Error {
  override name = "ProfileHashMismatch";
  constructor(expected: string, stored: string) {
    super(`the API stored the profile as ${stored}, not as its hash ${expected}`);
  }
}

/**
 * Stores the profile document with the API, then gives the application to sign. A refusal of
 * the store is an ApiError (400 naming the field, 413, 415, 429).
 */
export async function prepareApplication(
  contracts: SpinContracts,
  profile: ProfileDocument,
  api?: string,
) {
  const record = profileRecord(profile);
  const stored = await postProfile(record.bytes, api);
  if (stored.profileHash !== record.profileHash)
    throw new ProfileHashMismatch(record.profileHash, stored.profileHash);
  return applicationRequest(contracts, profile, record);
}

/** The link a newcomer shares with members who might vouch. */
export function shareLink(origin: string, account: Address): string {
  return `${origin}/members#${account.toLowerCase()}`;
}
