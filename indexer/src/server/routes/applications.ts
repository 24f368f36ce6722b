/**
 * The relay inbox. A newcomer cannot send transactions on SPIN's chain, so it signs its
 * application (EIP-712, Admissions' domain) and posts it here with its profile document; members
 * read the list and relay one with `applyBySigAndVouch`. The indexer checks what the contract
 * would check at the indexed head (inbox/verify.ts), so the list holds only applications a member
 * can relay now.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { profileFromDataUri, profileKinds, type ProfileDocument } from "@spin/shared";
import type { Hex } from "viem";
import { profileHashOf, readProfile, storeProfile } from "../../content/profiles.ts";
import type { ApiTables } from "../../content/tables.ts";
import { createInbox, type InboxRow } from "../../inbox/store.ts";
import {
  checkProfileKind,
  checkShape,
  checkState,
  toSigned,
  type InboxRules,
} from "../../inbox/verify.ts";
import { jsonBytes } from "../http/body.ts";
import { cursorParam, pageOf } from "../http/cursor.ts";
import type { Api, ApiContext } from "../http/context.ts";
import { ApiError, describeIssue } from "../http/errors.ts";
import { limit } from "../http/params.ts";
import { ok } from "../http/respond.ts";
import { admissionRule, headTimestamp } from "../reads/admission.ts";
import * as s from "../schemas/applications.ts";
import { errorResponses, jsonResponse } from "../schemas/common.ts";
import { kindNames } from "../schemas/commons.ts";

const DATA_URI = "data:application/json;base64,";

export function registerApplicationRoutes(app: Api, ctx: ApiContext): void {
  const { db, config, cursors } = ctx;
  const inbox = createInbox(db);
  const limits = config.api.applications;
  const rules: InboxRules = {
    chainId: config.chainId,
    admissions: (config.contracts.Admissions?.address as Hex | undefined) ?? null,
    maxDeadlineSeconds: limits.maxDeadlineSeconds,
  };
  app.openAPIRegistry.register("ApplicationSubmission", s.applicationSubmission);

  /**
   * The profile document the application names: the one posted with it, else the one its data
   * URI carries, else one stored earlier. Its sha-256 must be the signed profileHash.
   */
  async function profileOf(
    submission: s.ApplicationSubmissionInput,
  ): Promise<{ bytes: Uint8Array | null; document: ProfileDocument }> {
    const { profileURI, profileHash, kind } = submission.application;
    const mismatch = (what: string, at: string): never => {
      throw new ApiError(
        400,
        "profile_mismatch",
        `${what} does not hash to the signed profileHash ${profileHash}`,
        at,
      );
    };
    let bytes: Uint8Array | null = null;
    let document: ProfileDocument;
    if (submission.profile !== undefined) {
      bytes = new TextEncoder().encode(submission.profile);
      if (profileHashOf(bytes) !== profileHash) mismatch("the profile document", "body.profile");
      document = readProfile(bytes, "body.profile");
    } else if (profileURI.startsWith(DATA_URI)) {
      const inline = Buffer.from(profileURI.slice(DATA_URI.length), "base64");
      if (profileHashOf(inline) !== profileHash) {
        mismatch("the document in the profile URI", "body.application.profileURI");
      }
      document = readProfile(inline, "body.application.profileURI");
    } else {
      const stored = await db
        .withTables<ApiTables>()
        .selectFrom("profile_documents")
        .select("body")
        .where("profile_hash", "=", profileHash)
        .executeTakeFirst();
      if (!stored) {
        throw new ApiError(
          400,
          "profile_missing",
          `no profile document ${profileHash} is stored: send it as body.profile`,
          "body.profile",
        );
      }
      bytes = new TextEncoder().encode(stored.body);
      document = readProfile(bytes, "body.profile");
    }
    checkProfileKind(kind, document.kind);
    return { bytes, document };
  }

  app.openapi(
    createRoute({
      method: "post",
      path: "/applications",
      summary:
        "Leave a newcomer's signed application for members to relay (checked as Admissions " +
        "would check it at the indexed head), with its profile document if not stored yet",
      request: {
        body: {
          required: true,
          content: {
            "application/json": {
              schema: { $ref: "#/components/schemas/ApplicationSubmission" },
            },
          },
        },
      },
      responses: {
        201: jsonResponse(s.storedApplication, "Stored: listed until relayed or expired"),
        ...errorResponses(400, 401, 409, 413, 415, 429, 503),
      },
    }),
    async (c) => {
      let raw: unknown;
      try {
        raw = JSON.parse(
          new TextDecoder("utf-8", { fatal: true }).decode(
            await jsonBytes(c, limits.maxBodyBytes, "an application"),
          ),
        );
      } catch (error) {
        if (error instanceof ApiError) throw error;
        throw new ApiError(400, "invalid_request", "body is not UTF-8 JSON", "body");
      }
      const parsed = s.applicationSubmission.safeParse(raw);
      if (!parsed.success) {
        const { field, message } = describeIssue("body", parsed.error);
        throw new ApiError(400, "invalid_request", message, field);
      }
      const submission = parsed.data;
      const signature = submission.signature as Hex;
      const application = toSigned(submission.application);
      checkShape(application, signature);
      const cursor = await db.selectFrom("spin_cursor").select("block_number").executeTakeFirst();
      if (!cursor) throw new ApiError(503, "not_synced", "the indexer has indexed no block yet");
      const now = await headTimestamp(db);
      await checkState(db, rules, application, signature, now);
      const { bytes } = await profileOf(submission);
      const cooldown = (await admissionRule(db))?.reapply_cooldown ?? 0;
      const waiting = await inbox.countRelayable(now, cooldown, application.applicant);
      if (waiting >= limits.maxPending) {
        throw new ApiError(
          429,
          "quota_exceeded",
          `${waiting} signed applications are waiting for members to relay them`,
          null,
          { limit: limits.maxPending, used: waiting },
        );
      }
      const deadline = Number(application.deadline);
      const expiresAt = new Date(Date.now() + (deadline - now) * 1000);
      if (bytes) {
        await storeProfile(db, bytes, config.api.content, "body.profile", expiresAt);
      }
      await inbox.save({
        applicant: application.applicant,
        kind: application.kind,
        profile_uri: application.profileURI,
        profile_hash: application.profileHash,
        place: { ...application.place, machines: [...application.place.machines] },
        nonce: Number(application.nonce),
        deadline,
        signature,
        expires_at: expiresAt,
      });
      return ok(
        c,
        {
          applicant: application.applicant,
          nonce: application.nonce.toString(),
          deadline,
          profileHash: application.profileHash,
          expiresAt: expiresAt.toISOString(),
        },
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/applications",
      summary:
        "Newcomers' signed applications a member can relay now (applyBySigAndVouch), with " +
        "their profiles",
      request: {
        query: z
          .object({
            limit,
            cursor: cursorParam.optional(),
            kind: z.enum(profileKinds).optional(),
          })
          .strict(),
      },
      responses: {
        200: jsonResponse(s.pendingApplications, "A page of applications, by applicant"),
        ...errorResponses(400),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const key = cursors.decode("applications", q.cursor, ["text"]);
      const now = await headTimestamp(db);
      const cooldown = (await admissionRule(db))?.reapply_cooldown ?? 0;
      const rows = await inbox.list(now, cooldown, {
        limit: q.limit + 1,
        after: key?.[0] as string | undefined,
        kind: q.kind === undefined ? undefined : profileKinds.indexOf(q.kind) + 1,
      });
      const page = pageOf(cursors, "applications", rows, q.limit, (r) => [r.applicant]);
      const documents = await storedDocuments(page.items);
      return ok(c, {
        nextCursor: page.nextCursor,
        items: page.items.map((row) => {
          const profile = documents.get(row.profile_hash) ?? profileFromDataUri(row.profile_uri);
          return {
            applicant: row.applicant,
            kindName: kindNames[row.kind],
            name: profile?.name ?? null,
            about: profile?.about ?? null,
            profile: profile ?? null,
            application: {
              applicant: row.applicant,
              kind: row.kind,
              profileURI: row.profile_uri,
              profileHash: row.profile_hash,
              place: row.place,
              nonce: String(row.nonce),
              deadline: String(row.deadline),
            },
            signature: row.signature,
            deadline: row.deadline,
            receivedAt: new Date(row.received_at).toISOString(),
          };
        }),
      });
    },
  );

  /** The stored profile documents of these rows, parsed. */
  async function storedDocuments(rows: InboxRow[]): Promise<Map<string, ProfileDocument>> {
    const hashes = [...new Set(rows.map((r) => r.profile_hash))];
    if (hashes.length === 0) return new Map();
    const stored = await db
      .withTables<ApiTables>()
      .selectFrom("profile_documents")
      .select(["profile_hash", "body"])
      .where("profile_hash", "in", hashes)
      .execute();
    return new Map(
      stored.map((r) => [r.profile_hash, readProfile(new TextEncoder().encode(r.body), "body")]),
    );
  }
}
