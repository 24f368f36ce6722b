/** Participants, places, names, delegates, the node allowlist and the admission rule. */
import { z } from "@hono/zod-openapi";
import { applicationStates, voteStates } from "../reads/admission.ts";
import { account, amount, hash32, int, listSchema, pageSchema } from "./common.ts";

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

export const application = z
  .object({
    state: z.enum(applicationStates).openapi({
      description:
        "At the indexed head: open (vouches count until windowEnd), scheduled (governance may " +
        "reject until admissibleAt), admissible (anyone may complete it), rejected or expired " +
        "(may apply again from mayApplyFrom), admitted",
    }),
    kind: int,
    round: int.openapi({ description: "Grows with every application and profile change" }),
    profileURI: z.string(),
    profileHash: hash32,
    vouches: int,
    threshold: int.openapi({ description: "Vouches needed, fixed into the application" }),
    admissionDelaySeconds: int,
    ripeningPeriodSeconds: int,
    windowEnd: int,
    admissibleAt: int.nullable(),
    mayApplyFrom: int.nullable(),
    reason: z.string().nullable().openapi({ description: "Governance's reason for a rejection" }),
    admittedBy: z.enum(["Vouches", "Governance"]).nullable(),
    blockNumber: int,
  })
  .openapi("Application");

export const vote = z
  .object({
    state: z.enum(voteStates).openapi({
      description:
        "none (no vote: not an admitted Person), ripening (until ripensAt), ripenable " +
        "(ripensAt passed: counts once someone calls ripen), ripe",
    }),
    ripensAt: int.nullable(),
    counts: z.boolean().openapi({ description: "A ripe vote of an admitted, unsuspended Person" }),
  })
  .openapi("VoteStanding");

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
    member_since: int.openapi({ description: "Admission time (0 if not admitted)" }),
    vote_ripens_at: int,
    block_number: int,
    application: application.nullable().openapi({
      description: "The account's latest application to Admissions, if it ever applied",
    }),
    vote,
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
export const voucher = z
  .object({
    voucher: account,
    name: z.string().nullable(),
    blockNumber: int,
    transactionHash: hash32,
  })
  .openapi("Voucher");
export const participantDetail = participant
  .extend({
    delegation: delegation.nullable(),
    vouchers: z.array(voucher).openapi({
      description: "Who vouched for the current round of its application, in order",
    }),
  })
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
  .object({
    vouchThreshold: int.openapi({ description: "Distinct vouches that schedule an admission" }),
    vouchWindowSeconds: int,
    admissionDelaySeconds: int.openapi({
      description: "Between the last vouch and the admission: governance's window to reject",
    }),
    ripeningPeriodSeconds: int.openapi({
      description: "Between a Person's admission by vouches and its vote counting",
    }),
    voucherSenioritySeconds: int.openapi({ description: "Membership a Person needs to vouch" }),
    vouchBudget: int.openapi({ description: "Vouches a member may give per budget period" }),
    budgetPeriodSeconds: int,
    reapplyCooldownSeconds: int.openapi({
      description: "After a rejection or an expired window, before applying again",
    }),
    blockNumber: int,
  })
  .openapi("AdmissionRule");
