/** Works, licences and the licence check. */
import { z } from "@hono/zod-openapi";
import { account, amount, hash32, int, json, listSchema, pageSchema } from "./common.ts";

const contributor = z.object({ account, shareBps: int });

export const workSummary = z
  .object({
    work_id: int,
    content_hash: hash32,
    registrant: account,
    licence_id: int,
    metadata_uri: z.string(),
    version_count: int,
    suspended: z.boolean(),
    parents: z.array(int),
    contributors: z.array(contributor),
    title: z.string().nullable(),
    summary: z.string().nullable(),
    tags: z.array(z.string()).nullable(),
    machines: z.array(z.string()).nullable(),
  })
  .openapi("WorkSummary");
export const works = pageSchema(workSummary, "WorkPage");

export const workDetail = z
  .object({
    work_id: int,
    content_hash: hash32,
    registrant: account,
    licence_id: int,
    metadata_uri: z.string(),
    version_count: int,
    suspended: z.boolean(),
    status_reason: z.string().nullable(),
    contributors: z.array(contributor),
    parents: z.array(int),
    price: amount.nullable(),
    block_number: int,
    content: z
      .object({
        title: z.string().nullable(),
        summary: z.string().nullable(),
        tags: z.array(z.string()),
        machines: z.array(z.string()),
        cid: z.string(),
      })
      .nullable(),
    versions: z.array(
      z.object({
        version: int,
        content_hash: hash32,
        metadata_uri: z.string(),
        author: account,
        block_number: int,
        holdsContentHash: z.boolean().openapi({
          description:
            "Whether the hash still names this version (WorksRegistry.workOfHash): false once " +
            "an older commitment took it over or governance released it",
        }),
      }),
    ),
    children: z.array(int),
    stewards: z.array(account),
    adopters: z.array(account),
    income: z.object({
      perBps: amount,
      upstreamPending: amount,
      upstreamReceived: amount,
      fromChildren: z.array(
        z.object({
          fromWorkId: int,
          toContributors: amount,
          toUpstream: amount,
          toFund: amount,
          blockNumber: int,
          transactionHash: hash32,
        }),
      ),
    }),
  })
  .openapi("WorkDetail");

export const licenceReasons = [
  "UnknownWork",
  "SuspendedWork",
  "NotMember",
  "Forbidden",
  "OpenLicence",
  "CommonsUse",
  "PaidLicence",
  "NoLicence",
  "Expired",
  "Revoked",
] as const;

export const licenceStatus = z
  .object({
    allowed: z.boolean(),
    reason: z.enum(licenceReasons),
    reasonCode: int,
    explanation: z.string(),
    workId: int.nullable(),
    account,
    licenceId: int,
    recordId: int,
    validUntil: int,
    at: int.openapi({ description: "The block timestamp the answer holds at" }),
  })
  .openapi("LicenceStatus");

export const licenceRecord = z
  .object({
    record_id: int,
    work_id: int,
    licensee: account,
    licence_id: int,
    version: int,
    start_time: int.nullable(),
    expiry: int.nullable(),
    price: amount,
    commons_use: z.boolean(),
    revoked: z.boolean(),
    revoke_reason: z.string().nullable(),
    block_number: int,
  })
  .openapi("LicenceRecord");
export const licenceRecords = pageSchema(licenceRecord, "LicenceRecordPage");

export const licenceTemplate = z
  .object({
    licence_id: int,
    name: z.string(),
    legal_text_hash: z.string(),
    legal_text_uri: z.string(),
    commercial_use: int,
    terms: json,
    bounds: json,
    active: z.boolean(),
    block_number: int,
    compatibleLicences: z.array(int),
  })
  .openapi("LicenceTemplate");
export const licenceTemplates = listSchema(licenceTemplate, "LicenceTemplates");
