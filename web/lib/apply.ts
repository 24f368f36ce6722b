/**
 * Sending an application to the commons registry, behind one function: today a transaction from
 * the newcomer (applyForAdmission / applyAsPlace); when applications become EIP-712 signatures
 * relayed by a member, only this file changes.
 */
import type { Address } from "viem";
import type { WriteRequest } from "@/hooks/useTransaction";
import type { SpinContracts } from "./contracts";
import { countryToBytes2 } from "./format";
import { encodeProfile, PROFILE_KINDS, type Profile } from "./profile";

export function applicationRequest(contracts: SpinContracts, profile: Profile) {
  const { profileURI, profileHash } = encodeProfile(profile);
  const kind = PROFILE_KINDS.indexOf(profile.kind) + 1;
  if (profile.kind === "Place" && profile.place) {
    const place = {
      name: profile.name,
      latitudeE6: Math.round(profile.place.latitude * 1e6),
      longitudeE6: Math.round(profile.place.longitude * 1e6),
      country: countryToBytes2(profile.place.country),
      machines: profile.place.machines,
    };
    return {
      ...contracts.registry,
      functionName: "applyAsPlace",
      args: [profileURI, profileHash, place],
    } satisfies WriteRequest<SpinContracts["registry"]["abi"], "applyAsPlace">;
  }
  return {
    ...contracts.registry,
    functionName: "applyForAdmission",
    args: [kind, profileURI, profileHash],
  } satisfies WriteRequest<SpinContracts["registry"]["abi"], "applyForAdmission">;
}

/** The link a newcomer shares with members who might vouch. */
export function shareLink(origin: string, account: Address): string {
  return `${origin}/members#${account.toLowerCase()}`;
}
