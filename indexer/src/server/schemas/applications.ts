/**
 * The relay inbox's shapes: what a newcomer posts (its signed `SignedApplication`, the signature
 * and maybe its profile document) and what members read to relay it, plus the profile document
 * itself. The bounds here only keep the parser's work small; the contract's own bounds are
 * checked by inbox/verify.ts, which names each refusal as the contract would.
 */
import { z } from "@hono/zod-openapi";
import { PROFILE_LIMITS, profileKinds } from "@spin/shared";
import { address, bytes32, uint256 } from "../http/params.ts";
import { account, hash32, int, pageSchema } from "./common.ts";
import { kindNames } from "./commons.ts";

export const profileDocument = z
  .object({
    name: z.string().min(1).max(PROFILE_LIMITS.name),
    kind: z.enum(profileKinds),
    about: z.string().max(PROFILE_LIMITS.about).optional(),
    location: z
      .object({
        latitude: z.number().min(-90).max(90),
        longitude: z.number().min(-180).max(180),
        country: z
          .string()
          .regex(/^[A-Z]{2}$/)
          .optional(),
        locality: z.string().max(PROFILE_LIMITS.locality).optional(),
      })
      .optional(),
    machines: z
      .array(z.string().min(1).max(PROFILE_LIMITS.machine))
      .max(PROFILE_LIMITS.machines)
      .optional(),
  })
  .openapi("ProfileDocument");

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const int32 = z.number().int().min(INT32_MIN).max(INT32_MAX);

/** Generous parser bounds (the contract's are smaller, and refused with their own reasons). */
const LOOSE = { text: 2_048, machines: 64 } as const;

export const signedPlace = z
  .object({
    name: z.string().max(LOOSE.text),
    latitudeE6: int32,
    longitudeE6: int32,
    country: z
      .string()
      .regex(/^0x[0-9a-fA-F]{4}$/, "must be bytes2 hex, e.g. 0x4652 for FR (0x0000 if none)"),
    machines: z.array(z.string().max(LOOSE.text)).max(LOOSE.machines),
  })
  .strict()
  .openapi("SignedPlace");

export const signedApplication = z
  .object({
    applicant: address,
    kind: z.number().int().min(0).max(255).openapi({
      description: "ICommonsRegistry.Kind: 1 Person, 2 Cooperative, 3 Place, 4 Enterprise",
    }),
    profileURI: z.string().max(LOOSE.text),
    profileHash: bytes32,
    place: signedPlace,
    nonce: uint256,
    deadline: uint256,
  })
  .strict()
  .openapi("SignedApplication");

export const applicationSubmission = z
  .object({
    application: signedApplication,
    signature: z
      .string()
      .regex(/^0x[0-9a-fA-F]{130}$/, "must be a 65-byte hex signature")
      .openapi({ description: "The applicant's EIP-712 signature over the application" }),
    profile: z
      .string()
      .max(PROFILE_LIMITS.bytes)
      .optional()
      .openapi({
        description:
          "The profile document's exact text, when the indexer does not hold it yet (its sha-256 " +
          "must be profileHash)",
      }),
  })
  .strict()
  .openapi("ApplicationSubmission");
export type ApplicationSubmissionInput = z.output<typeof applicationSubmission>;

/** The struct `applyBySig`/`applyBySigAndVouch` take, uint256 fields as decimal strings. */
export const relayableApplication = z
  .object({
    applicant: account,
    kind: int,
    profileURI: z.string(),
    profileHash: hash32,
    place: z.object({
      name: z.string(),
      latitudeE6: int,
      longitudeE6: int,
      country: z.string(),
      machines: z.array(z.string()),
    }),
    nonce: z.string(),
    deadline: z.string(),
  })
  .openapi("RelayableApplication");

export const storedApplication = z
  .object({
    applicant: account,
    nonce: z.string(),
    deadline: int,
    profileHash: hash32,
    expiresAt: z.string().openapi({ description: "Removed from the inbox then, if not relayed" }),
  })
  .openapi("StoredApplication");

export const pendingApplication = z
  .object({
    applicant: account,
    kindName: z.enum(kindNames),
    name: z.string().nullable().openapi({ description: "The profile document's name" }),
    about: z.string().nullable(),
    profile: profileDocument.nullable().openapi({
      description: "The profile document, when the indexer holds it or the URI carries it",
    }),
    application: relayableApplication,
    signature: z.string(),
    deadline: int,
    receivedAt: z.string(),
  })
  .openapi("PendingApplication");
export const pendingApplications = pageSchema(pendingApplication, "PendingApplicationPage");
