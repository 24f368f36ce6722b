/**
 * Changing a pending application's profile without sending a transaction. The chain takes
 * transactions from members only and the API's inbox keeps applications, not profile changes, so
 * the applicant stores the new profile with the API, signs the EIP-712 `ProfileChange`
 * (`updateApplicationBySig`), and shares a link that carries the signed change; any member who
 * opens it submits it. The contract restarts the application with the new profile: the vouches
 * collected so far are discarded, so nobody is admitted on a profile its vouchers never saw.
 */
import {
  admissionsDomain,
  APPLICATION_LIMITS,
  PROFILE_CHANGE_PRIMARY_TYPE,
  profileChangeTypes,
  type SignedProfileChange,
} from "@spin/shared";
import { getAddress, isAddress, type Address, type Hex } from "viem";
import { ApplicationState } from "./admission";
import { API_PROXY_PATH } from "./config";
import { profileUri, type ProfileSigning } from "./profile";
import { storeProfile } from "./upload";

/** How long a signed change may wait for a member (as a signed application: six days). */
export const PROFILE_CHANGE_LIFETIME_SECONDS = 6 * 24 * 3_600;

/** The query parameter of the members page that carries a signed change. */
export const PROFILE_CHANGE_PARAM = "change";

export interface SignedChange {
  change: SignedProfileChange;
  signature: Hex;
}

/** The typed data the applicant's wallet signs (eth_signTypedData_v4). */
export function profileChangeTypedData(
  chainId: number,
  admissions: Address,
  change: SignedProfileChange,
) {
  return {
    domain: admissionsDomain(chainId, admissions),
    types: profileChangeTypes,
    primaryType: PROFILE_CHANGE_PRIMARY_TYPE,
    message: change,
  } as const;
}

/**
 * Stores the new profile with the API and has it signed into a profile change. `nonce` and `now`
 * come from the chain (Admissions' `nonces`, the latest block's time). A refusal of the store is
 * an ApiError; a declined signature is the wallet's error, after which nothing else happens.
 */
export async function signProfileChange(
  input: ProfileSigning & {
    sign: (typedData: ReturnType<typeof profileChangeTypedData>) => Promise<Hex>;
    api?: string;
  },
): Promise<SignedChange> {
  const record = await storeProfile(input.profile, input.api ?? API_PROXY_PATH);
  const change: SignedProfileChange = {
    applicant: input.applicant,
    profileURI: record.profileURI,
    profileHash: record.profileHash,
    nonce: input.nonce,
    deadline: input.now + BigInt(PROFILE_CHANGE_LIFETIME_SECONDS),
  };
  const signature = await input.sign(
    profileChangeTypedData(input.chainId, input.admissions, change),
  );
  return { change, signature };
}

/** The signed change as a URL-safe text (base64url of its JSON, numbers as decimal strings). */
export function encodeProfileChange({ change, signature }: SignedChange): string {
  const json = JSON.stringify({
    a: change.applicant,
    h: change.profileHash,
    n: change.nonce.toString(),
    d: change.deadline.toString(),
    s: signature,
  });
  return btoa(json).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const MAX_ENCODED = 1_024;
const HASH = /^0x[0-9a-fA-F]{64}$/;
const SIGNATURE = /^0x[0-9a-fA-F]{130}$/;
const UINT = /^(0|[1-9][0-9]{0,77})$/;

/**
 * The signed change a link carries, or null for anything else. An allow-list: an applicant's
 * address, a profile named only as the API stores it (`spin:profile/<its hash>`, so a link can
 * never make the registry point at another URI), decimal numbers and a 65-byte signature.
 */
export function decodeProfileChange(text: string | undefined): SignedChange | null {
  if (!text || text.length > MAX_ENCODED || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  let value: unknown;
  try {
    value = JSON.parse(atob(text.replace(/-/g, "+").replace(/_/g, "/")));
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const { a, h, n, d, s } = value as Record<string, unknown>;
  if (typeof a !== "string" || !isAddress(a, { strict: false })) return null;
  if (typeof h !== "string" || !HASH.test(h)) return null;
  if (typeof n !== "string" || !UINT.test(n) || typeof d !== "string" || !UINT.test(d)) return null;
  if (typeof s !== "string" || !SIGNATURE.test(s)) return null;
  const profileHash = h.toLowerCase() as Hex;
  const profileURI = profileUri(profileHash);
  if (new TextEncoder().encode(profileURI).length > APPLICATION_LIMITS.profileURIBytes) return null;
  return {
    change: {
      applicant: getAddress(a),
      profileURI,
      profileHash,
      nonce: BigInt(n),
      deadline: BigInt(d),
    },
    signature: s as Hex,
  };
}

/** The link the applicant shares: the members page, showing the change for a member to submit. */
export function profileChangeLink(origin: string, signed: SignedChange): string {
  return `${origin}/members?${PROFILE_CHANGE_PARAM}=${encodeProfileChange(signed)}#profile-change`;
}

/** What the chain says about a signed change, read before a member submits it. */
export interface ChangeView {
  /** `isAllowed(member)`: the chain takes the member's transaction. */
  relayerAllowed: boolean;
  /** `applicationOf(applicant).state` (IAdmission.ApplicationState). */
  state: number;
  /** `nonces(applicant)`. */
  nonce: bigint;
  /** The latest block's time. */
  now: bigint;
}

export type ChangeRefusal = "relayer" | "expired" | "used" | "noApplication" | "closed";

/**
 * Why `updateApplicationBySig` would refuse this change now, in Admissions' order (deadline,
 * nonce, then the application's state), after the chain's own rule on who sends transactions.
 */
export function changeRefusal(change: SignedProfileChange, view: ChangeView): ChangeRefusal | null {
  if (!view.relayerAllowed) return "relayer";
  if (view.now > change.deadline) return "expired";
  if (view.nonce !== change.nonce) return "used";
  if (view.state === ApplicationState.None) return "noApplication";
  if (view.state === ApplicationState.Closed) return "closed";
  return null;
}
