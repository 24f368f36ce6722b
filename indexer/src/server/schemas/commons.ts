/** Participants, places, names, delegates, the node allowlist and the admission rule. */
import { z } from "@hono/zod-openapi";
import { account, amount, int, listSchema, pageSchema } from "./common.ts";

export const kindNames = ["None", "Person", "Cooperative", "Place", "Enterprise"] as const;
export const statusNames = ["None", "Applicant", "Admitted", "Suspended", "Expelled"] as const;

export const place = z
  .object({
    name: z.string(),
    latitudeE6: int,
    longitudeE6: int,
    country: z.string(),
    machines: z.array(z.string()),
  })
  .openapi("Place");

export const participant = z
  .object({
    account,
    kind: int,
    status: int,
    profile_uri: z.string().nullable(),
    profile_hash: z.string().nullable(),
    vouches: int,
    window_end: int,
    is_protocol: z.boolean(),
    place: place.nullable(),
    status_reason: z.string().nullable(),
    block_number: int,
    kindName: z.enum(kindNames),
    statusName: z.enum(statusNames),
    name: z.string().nullable().openapi({
      description: "Display name: a Place's on-chain name, else its profile document's name",
    }),
  })
  .openapi("Participant");
export const participants = pageSchema(participant, "ParticipantPage");

export const delegation = z
  .object({ account, delegate: account, votes: amount, block_number: int })
  .openapi("Delegation");
export const participantDetail = participant
  .extend({ delegation: delegation.nullable() })
  .openapi("ParticipantDetail");

export const nameSource = z.enum(["place", "profile", "contract"]);
export const nameEntry = z
  .object({
    address: account,
    name: z.string().nullable(),
    source: nameSource.nullable().openapi({
      description:
        "Where the name comes from: a Place's on-chain name, a profile, SPIN's address book",
    }),
    kindName: z.enum(kindNames).nullable(),
    statusName: z.enum(statusNames).nullable(),
  })
  .openapi("Name");
export const names = listSchema(nameEntry, "Names");

export const delegate = z
  .object({
    account,
    name: z.string().nullable(),
    votes: amount.openapi({ description: "Votes delegated to this account now" }),
    delegators: int.openapi({ description: "Accounts whose delegate it is (itself included)" }),
  })
  .openapi("Delegate");
export const delegates = pageSchema(delegate, "DelegatePage");

export const enode = z
  .object({ enode_id: z.string(), host: z.string(), port: int, owner: account, block_number: int })
  .openapi("Enode");
export const enodes = listSchema(enode, "Enodes");

export const admissionRule = z
  .object({ vouchThreshold: int, vouchWindowSeconds: int, blockNumber: int })
  .openapi("AdmissionRule");
