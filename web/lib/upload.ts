/**
 * Sending to the API's stores from the page: a member's bundle, signed with the wallet
 * (EIP-712 ContentUpload from @spin/shared, multipart form built by contentUploadForm), and a
 * newcomer's profile document (its exact bytes, content-addressed by their sha-256). A refusal
 * becomes an ApiError, and uploadProblem() turns it into a sentence's message key.
 */
import {
  CONTENT_UPLOAD_PRIMARY_TYPE,
  contentUploadDomain,
  contentUploadForm,
  contentUploadTypes,
  type BundleFile,
  type ContentUploadMessage,
  type ProfileDocument,
} from "@spin/shared";
import type { Hex } from "viem";
import { ApiError, errorBody, type Schema } from "./api/client";
import { API_PROXY_PATH } from "./config";
import type { MessageKey } from "./i18n/en";
import { profileRecord } from "./profile";

/** How long an upload signature stays valid (the store refuses it afterwards). */
export const UPLOAD_SIGNATURE_SECONDS = 30 * 60;

/** What the wallet signs before an upload: the typed data for wagmi's signTypedData. */
export function uploadTypedData(
  chainId: number,
  registry: `0x${string}`,
  message: ContentUploadMessage,
) {
  return {
    domain: contentUploadDomain(chainId, registry),
    types: contentUploadTypes,
    primaryType: CONTENT_UPLOAD_PRIMARY_TYPE,
    message,
  } as const;
}

/** The deadline of a signature made now (Unix seconds). */
export function uploadDeadline(nowMs = Date.now()): bigint {
  return BigInt(Math.floor(nowMs / 1000) + UPLOAD_SIGNATURE_SECONDS);
}

async function answer<T>(response: Response): Promise<T> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) throw new ApiError(response.status, errorBody(body));
  return body as T;
}

/** POST /content: the bundle's files under the member's signature (`api`: where the API is). */
export async function postBundle(
  files: readonly BundleFile[],
  signed: ContentUploadMessage & { signature: `0x${string}` },
  api = API_PROXY_PATH,
): Promise<Schema<"StoredBundle">> {
  const response = await fetch(`${api}/content`, {
    method: "POST",
    body: contentUploadForm(files, signed),
  });
  return answer(response);
}

/** POST /profiles: a profile document's exact bytes (the store hashes what it receives). */
export async function postProfile(
  bytes: Uint8Array,
  api = API_PROXY_PATH,
): Promise<Schema<"StoredProfile">> {
  const response = await fetch(`${api}/profiles`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: bytes as Uint8Array<ArrayBuffer>,
  });
  return answer(response);
}

/** The store answered with another hash than the document's own: it did not keep these bytes. */
export class ProfileHashMismatch extends Error {
  override name = "ProfileHashMismatch";
  constructor(expected: string, stored: string) {
    super(`the API stored the profile as ${stored}, not as its hash ${expected}`);
  }
}

/**
 * Stores a profile document with the API and returns how the registry names it; the step before
 * every signature that names a profile (an application, a profile change). A refusal of the store
 * is an ApiError; a store that kept other bytes is a ProfileHashMismatch.
 */
export async function storeProfile(
  profile: ProfileDocument,
  api = API_PROXY_PATH,
): Promise<{ profileURI: string; profileHash: Hex }> {
  const record = profileRecord(profile);
  const stored = await postProfile(record.bytes, api);
  if (stored.profileHash !== record.profileHash)
    throw new ProfileHashMismatch(record.profileHash, stored.profileHash);
  return { profileURI: record.profileURI, profileHash: record.profileHash };
}

export interface UploadProblem {
  key: MessageKey;
  values: Record<string, string | number>;
}

/**
 * A store's refusal in words: which sentence, with the API's message and its limit (a size,
 * written by `formatSize`, for a 413).
 */
export function uploadProblem(
  error: ApiError,
  formatSize: (bytes: number) => string = String,
): UploadProblem {
  const limit =
    error.limit === undefined ? "" : error.status === 413 ? formatSize(error.limit) : error.limit;
  const values = { message: error.message, limit, used: error.used ?? "" };
  const key: MessageKey =
    error.code === "expired_signature"
      ? "upload.expired"
      : error.status === 401
        ? "upload.unsigned"
        : error.status === 403
          ? "upload.notMember"
          : error.status === 413
            ? "upload.tooLarge"
            : error.status === 415
              ? "upload.unsupported"
              : error.status === 429
                ? "upload.quota"
                : error.status === 409
                  ? "upload.conflict"
                  : error.status === 400
                    ? "upload.invalid"
                    : "upload.unavailable";
  return { key, values };
}
