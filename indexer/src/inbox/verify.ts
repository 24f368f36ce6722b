/**
 * A newcomer's signed application, checked as Admissions would check it when a member relays it
 * (`applyBySig` / `applyBySigAndVouch`), with what the indexer knows at its indexed head: the
 * kind, place and profile bounds (RegistryInput), the call data bound, the deadline, the
 * applicant's next nonce, the ECDSA signature over the contract's EIP-712 domain and type
 * (OpenZeppelin's ECDSA: 65 bytes, low s, v 27 or 28), the applicant's standing, any application
 * open or cooling down; then that the profile document is the one the hash names. Every refusal
 * is an ApiError naming the field and the reason.
 */
import {
  admissionsAbi,
  admissionsDomain,
  APPLICATION_LIMITS,
  APPLICATION_PRIMARY_TYPE,
  applicationTypes,
  profileKinds,
  type SignedApplication,
} from "@spin/shared";
import type { Kysely } from "kysely";
import { encodeFunctionData, recoverTypedDataAddress, type Hex } from "viem";
import type { Database } from "../database/schema.ts";
import { ApiError } from "../server/http/errors.ts";
import { admissionRule, applicationAt, pendingStates } from "../server/reads/admission.ts";
import type { ApplicationSubmissionInput } from "../server/schemas/applications.ts";
import { kindNames, statusNames } from "../server/schemas/commons.ts";

const PLACE = 3;
const field = (name: string) => `body.application.${name}`;
/** secp256k1's group order halved: OpenZeppelin's ECDSA refuses a larger s (malleable). */
const HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

export interface InboxRules {
  chainId: number;
  /** The Admissions contract the indexer follows (null: it follows none). */
  admissions: Hex | null;
  /** Furthest ahead of the indexed head a signature's deadline may be. */
  maxDeadlineSeconds: number;
}

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

function refuse(status: 400 | 401 | 409 | 413, code: string, message: string, at: string): never {
  throw new ApiError(status, code, message, at);
}

/** The application as viem signs and encodes it. */
export function toSigned(input: ApplicationSubmissionInput["application"]): SignedApplication {
  return {
    applicant: input.applicant,
    kind: input.kind,
    profileURI: input.profileURI,
    profileHash: input.profileHash,
    place: {
      name: input.place.name,
      latitudeE6: input.place.latitudeE6,
      longitudeE6: input.place.longitudeE6,
      country: input.place.country.toLowerCase() as Hex,
      machines: input.place.machines,
    },
    nonce: BigInt(input.nonce),
    deadline: BigInt(input.deadline),
  };
}

/** Admissions' input checks that need no state: kind, place, profile, call data. */
export function checkShape(application: SignedApplication, signature: Hex): void {
  const { kind, place } = application;
  if (kind < 1 || kind > 4) {
    refuse(400, "invalid_kind", `kind ${kind} is not a participant kind (1 to 4)`, field("kind"));
  }
  if (kind === PLACE) {
    const nameBytes = utf8Length(place.name);
    if (nameBytes === 0 || nameBytes > APPLICATION_LIMITS.placeNameBytes) {
      refuse(
        400,
        "invalid_place",
        `a place's name has 1 to ${APPLICATION_LIMITS.placeNameBytes} bytes, not ${nameBytes}`,
        field("place.name"),
      );
    }
    if (
      Math.abs(place.latitudeE6) > APPLICATION_LIMITS.latitudeE6 ||
      Math.abs(place.longitudeE6) > APPLICATION_LIMITS.longitudeE6
    ) {
      refuse(
        400,
        "invalid_place",
        `(${place.latitudeE6}, ${place.longitudeE6}) is not a place on Earth in microdegrees`,
        field(
          Math.abs(place.latitudeE6) > APPLICATION_LIMITS.latitudeE6
            ? "place.latitudeE6"
            : "place.longitudeE6",
        ),
      );
    }
    if (!/^0x(4[1-9a-f]|5[0-9a])(4[1-9a-f]|5[0-9a])$/i.test(place.country)) {
      refuse(
        400,
        "invalid_place",
        `${place.country} is not an ISO 3166-1 alpha-2 code (two capital letters as bytes2)`,
        field("place.country"),
      );
    }
    if (place.machines.length > APPLICATION_LIMITS.machines) {
      refuse(
        400,
        "invalid_place",
        `a place lists at most ${APPLICATION_LIMITS.machines} machines, not ${place.machines.length}`,
        field("place.machines"),
      );
    }
    place.machines.forEach((machine, i) => {
      const bytes = utf8Length(machine);
      if (bytes === 0 || bytes > APPLICATION_LIMITS.machineBytes) {
        refuse(
          400,
          "invalid_place",
          `a machine's name has 1 to ${APPLICATION_LIMITS.machineBytes} bytes, not ${bytes}`,
          field(`place.machines.${i}`),
        );
      }
    });
  } else if (
    place.name !== "" ||
    place.machines.length !== 0 ||
    place.latitudeE6 !== 0 ||
    place.longitudeE6 !== 0 ||
    BigInt(place.country) !== 0n
  ) {
    refuse(
      400,
      "unexpected_place",
      `a ${kindNames[kind]} application signs an empty place`,
      field("place"),
    );
  }
  const uriBytes = utf8Length(application.profileURI);
  if (uriBytes === 0 || uriBytes > APPLICATION_LIMITS.profileURIBytes) {
    refuse(
      400,
      "invalid_profile",
      `a profile URI has 1 to ${APPLICATION_LIMITS.profileURIBytes} bytes, not ${uriBytes}`,
      field("profileURI"),
    );
  }
  if (BigInt(application.profileHash) === 0n) {
    refuse(400, "invalid_profile", "the profile hash must not be zero", field("profileHash"));
  }
  const calldata = encodeFunctionData({
    abi: admissionsAbi,
    functionName: "applyBySigAndVouch",
    args: [application, signature],
  });
  const length = (calldata.length - 2) / 2;
  if (length > APPLICATION_LIMITS.calldataBytes) {
    throw new ApiError(
      413,
      "too_large",
      `relaying this application takes ${length} bytes of call data; Admissions accepts ` +
        `${APPLICATION_LIMITS.calldataBytes}`,
      "body.application",
      { limit: APPLICATION_LIMITS.calldataBytes, used: length },
    );
  }
}

/** OpenZeppelin's ECDSA.tryRecover over the Admissions domain: the signer, or a 401. */
export async function checkSignature(
  rules: InboxRules & { admissions: Hex },
  application: SignedApplication,
  signature: Hex,
): Promise<void> {
  const s = BigInt(`0x${signature.slice(66, 130)}`);
  const v = Number.parseInt(signature.slice(130, 132), 16);
  if (s > HALF_ORDER || (v !== 27 && v !== 28)) {
    refuse(
      401,
      "bad_signature",
      "body.signature is not in the form Admissions accepts (low s, v 27 or 28)",
      "body.signature",
    );
  }
  let signer: string;
  try {
    signer = await recoverTypedDataAddress({
      domain: admissionsDomain(rules.chainId, rules.admissions),
      types: applicationTypes,
      primaryType: APPLICATION_PRIMARY_TYPE,
      message: application,
      signature,
    });
  } catch {
    refuse(401, "bad_signature", "body.signature is not a valid signature", "body.signature");
  }
  if (signer.toLowerCase() !== application.applicant) {
    refuse(
      401,
      "bad_signature",
      `the application is signed by ${signer.toLowerCase()}, not by its applicant ` +
        application.applicant,
      "body.signature",
    );
  }
}

/**
 * The state checks, at the indexed head's time `now`, in the contract's order: deadline, nonce,
 * signature, standing, then the applicant's last application.
 */
export async function checkState(
  db: Kysely<Database>,
  rules: InboxRules,
  application: SignedApplication,
  signature: Hex,
  now: number,
): Promise<void> {
  if (!rules.admissions) {
    throw new ApiError(503, "no_admissions", "this indexer follows no Admissions contract");
  }
  if (application.deadline <= BigInt(now)) {
    refuse(
      401,
      "expired_signature",
      `the signature's deadline ${application.deadline} is not after the indexed head's time ${now}`,
      field("deadline"),
    );
  }
  if (application.deadline > BigInt(now + rules.maxDeadlineSeconds)) {
    refuse(
      400,
      "deadline_too_far",
      `the inbox keeps applications at most ${rules.maxDeadlineSeconds} seconds: the deadline ` +
        `may be at most ${now + rules.maxDeadlineSeconds}`,
      field("deadline"),
    );
  }
  const account = application.applicant;
  const current = await db
    .selectFrom("applications")
    .selectAll()
    .where("account", "=", account)
    .executeTakeFirst();
  // Every use of a nonce opens a round (Applied), and nothing else does: the next nonce is the
  // latest round.
  const next = BigInt(current?.round ?? 0);
  if (application.nonce !== next) {
    refuse(
      409,
      "wrong_nonce",
      `the applicant's next nonce is ${next}, not ${application.nonce}`,
      field("nonce"),
    );
  }
  await checkSignature({ ...rules, admissions: rules.admissions }, application, signature);
  const participant = await db
    .selectFrom("participants")
    .select(["status", "is_protocol"])
    .where("account", "=", account)
    .executeTakeFirst();
  if (participant?.is_protocol) {
    refuse(
      409,
      "protocol_account",
      `${account} is one of SPIN's own contracts`,
      field("applicant"),
    );
  }
  if (participant && participant.status >= 2) {
    refuse(
      409,
      "already_participant",
      `${account} is already ${statusNames[participant.status].toLowerCase()} in the commons`,
      field("applicant"),
    );
  }
  if (current) {
    const cooldown = (await admissionRule(db))?.reapply_cooldown ?? 0;
    const view = applicationAt(current, now, cooldown);
    if (pendingStates.includes(view.state)) {
      refuse(
        409,
        "already_applied",
        `${account} has an application ${view.state} (one at a time)`,
        field("applicant"),
      );
    }
    if (view.mayApplyFrom !== null && now < view.mayApplyFrom) {
      refuse(
        409,
        "cooling_down",
        `${account}'s application was ${view.state}: it may apply again from ${view.mayApplyFrom}`,
        field("applicant"),
      );
    }
  }
}

/** The profile document must be the one the hash names, for the kind applied as. */
export function checkProfileKind(kind: number, documentKind: string): void {
  if (profileKinds[kind - 1] !== documentKind) {
    refuse(
      400,
      "profile_mismatch",
      `the profile document says ${documentKind}, the application ${kindNames[kind]}`,
      "body.profile",
    );
  }
}
