/**
 * Joining, behind one function: the profile document is stored by the API (POST /profiles), the
 * newcomer signs an EIP-712 application naming its hash (a newcomer cannot send transactions on
 * SPIN's chain), and the API keeps the signed application for a member to relay
 * (POST /applications; the member submits it with `applyBySigAndVouch`).
 */
import {
  admissionsDomain,
  applicationSubmission,
  applicationTypes,
  APPLICATION_PRIMARY_TYPE,
  NO_PLACE,
  type ProfileDocument,
  type SignedApplication,
} from "@spin/shared";
import type { Address, Hex } from "viem";
import { apiClient, must } from "./api/client";
import { API_PROXY_PATH } from "./config";
import { countryToBytes2 } from "./format";
import { PROFILE_KINDS, type ProfileSigning } from "./profile";
import { storeProfile } from "./upload";

/** How long a signed application may wait for a member to relay it (the API keeps at most 7 days). */
export const APPLICATION_LIFETIME_SECONDS = 6 * 24 * 3_600;

/** The application `applicant` signs for a profile recorded as (profileURI, profileHash). */
export function signedApplication(
  applicant: Address,
  profile: ProfileDocument,
  record: { profileURI: string; profileHash: Hex },
  nonce: bigint,
  deadline: bigint,
): SignedApplication {
  const kind = PROFILE_KINDS.indexOf(profile.kind) + 1;
  const place =
    profile.kind === "Place" && profile.location
      ? {
          name: profile.name,
          latitudeE6: Math.round(profile.location.latitude * 1e6),
          longitudeE6: Math.round(profile.location.longitude * 1e6),
          country: countryToBytes2(profile.location.country ?? ""),
          machines: profile.machines ?? [],
        }
      : NO_PLACE;
  return {
    applicant,
    kind,
    profileURI: record.profileURI,
    profileHash: record.profileHash,
    place,
    nonce,
    deadline,
  };
}

/** The typed data the newcomer's wallet signs (eth_signTypedData_v4). */
export function applicationTypedData(
  chainId: number,
  admissions: Address,
  application: SignedApplication,
) {
  return {
    domain: admissionsDomain(chainId, admissions),
    types: applicationTypes,
    primaryType: APPLICATION_PRIMARY_TYPE,
    message: application,
  } as const;
}

/**
 * Stores the profile with the API, has it signed into an application, and leaves the signed
 * application with the API for members. `sign` is the wallet; `nonce` and `now` come from the
 * chain. A refusal of the store or of the inbox is an ApiError (400 naming the field, 401, 409,
 * 413, 429); a declined signature is the wallet's error, and nothing is sent.
 */
export async function submitApplication(
  input: ProfileSigning & {
    sign: (typedData: ReturnType<typeof applicationTypedData>) => Promise<Hex>;
    api?: string;
  },
): Promise<SignedApplication> {
  const api = input.api ?? API_PROXY_PATH;
  const record = await storeProfile(input.profile, api);
  const application = signedApplication(
    input.applicant,
    input.profile,
    record,
    input.nonce,
    input.now + BigInt(APPLICATION_LIFETIME_SECONDS),
  );
  const signature = await input.sign(
    applicationTypedData(input.chainId, input.admissions, application),
  );
  await must(
    apiClient(api).POST("/applications", { body: applicationSubmission(application, signature) }),
  );
  return application;
}

/**
 * The link a newcomer shares with members who might vouch: the members page opened at the page
 * of its application, however many wait before it.
 */
export function shareLink(origin: string, account: Address): string {
  const id = account.toLowerCase();
  return `${origin}/members?applicant=${id}#${id}`;
}
