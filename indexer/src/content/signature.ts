/**
 * Who may upload: the fields of an upload carry an EIP-712 signature (types and domain from
 * @spin/shared) over the content hash, the uploader and a deadline. The signer must be the
 * uploader, and the uploader an admitted, unsuspended participant at the indexed head (the
 * indexer's own tables, as the registry's events left them).
 */
import {
  CONTENT_UPLOAD_FIELDS as FIELDS,
  CONTENT_UPLOAD_PRIMARY_TYPE,
  contentUploadDomain,
  contentUploadTypes,
} from "@spin/shared";
import type { Kysely } from "kysely";
import { recoverTypedDataAddress, type Hex } from "viem";
import type { Database } from "../database/schema.ts";
import { ApiError } from "../server/http/errors.ts";
import { statusNames } from "../server/schemas/commons.ts";

const ADMITTED = 2;

export interface UploadAuthority {
  contentHash: `0x${string}`;
  uploader: `0x${string}`;
  deadline: bigint;
}

export interface SignatureRules {
  chainId: number;
  registry: `0x${string}` | null;
  maxDeadlineSeconds: number;
  now: () => number;
}

function field(
  fields: Record<string, string>,
  name: string,
  pattern: RegExp,
  what: string,
): string {
  const value = fields[name];
  if (value === undefined)
    throw new ApiError(
      401,
      "unsigned_upload",
      `body.${name} is missing: uploads are signed by a member`,
      `body.${name}`,
    );
  if (!pattern.test(value))
    throw new ApiError(400, "invalid_request", `body.${name} must be ${what}`, `body.${name}`);
  return value;
}

/** Checks an upload's signature and its signer's standing; throws 400, 401 or 403. */
export async function authoriseUpload(
  db: Kysely<Database>,
  rules: SignatureRules,
  fields: Record<string, string>,
): Promise<UploadAuthority> {
  const contentHash = field(
    fields,
    FIELDS.contentHash,
    /^0x[0-9a-fA-F]{64}$/,
    "a 0x-prefixed 32-byte hex hash",
  ).toLowerCase() as Hex;
  const uploader = field(
    fields,
    FIELDS.uploader,
    /^0x[0-9a-fA-F]{40}$/,
    "an address",
  ).toLowerCase() as Hex;
  const deadline = BigInt(
    field(fields, FIELDS.deadline, /^(0|[1-9][0-9]{0,15})$/, "a Unix time in seconds"),
  );
  const signature = field(
    fields,
    FIELDS.signature,
    /^0x([0-9a-fA-F]{130})$/,
    "a 65-byte hex signature",
  ) as Hex;
  const now = BigInt(rules.now());
  if (deadline < now) {
    throw new ApiError(
      401,
      "expired_signature",
      `the signature's deadline ${deadline} has passed (now ${now})`,
      `body.${FIELDS.deadline}`,
    );
  }
  if (deadline > now + BigInt(rules.maxDeadlineSeconds)) {
    throw new ApiError(
      400,
      "invalid_request",
      `body.deadline may be at most ${rules.maxDeadlineSeconds} seconds ahead`,
      `body.${FIELDS.deadline}`,
    );
  }
  if (!rules.registry)
    throw new ApiError(
      503,
      "no_registry",
      "this indexer follows no commons registry, so no one may upload",
    );
  let signer: string;
  try {
    signer = await recoverTypedDataAddress({
      domain: contentUploadDomain(rules.chainId, rules.registry),
      types: contentUploadTypes,
      primaryType: CONTENT_UPLOAD_PRIMARY_TYPE,
      message: { contentHash, uploader, deadline },
      signature,
    });
  } catch {
    throw new ApiError(
      401,
      "bad_signature",
      "body.signature is not a valid signature",
      `body.${FIELDS.signature}`,
    );
  }
  if (signer.toLowerCase() !== uploader) {
    throw new ApiError(
      401,
      "bad_signature",
      `the signature is by ${signer.toLowerCase()}, not by the uploader ${uploader}`,
      `body.${FIELDS.signature}`,
    );
  }
  const participant = await db
    .selectFrom("participants")
    .select("status")
    .where("account", "=", uploader)
    .executeTakeFirst();
  if (participant?.status !== ADMITTED) {
    const standing = participant ? statusNames[participant.status] : "not a participant";
    throw new ApiError(
      403,
      "not_member",
      `only admitted members may upload; ${uploader} is ${standing.toLowerCase()}`,
      `body.${FIELDS.uploader}`,
    );
  }
  return { contentHash, uploader, deadline };
}
