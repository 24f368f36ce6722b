/**
 * Profile documents for newcomers. A newcomer is not a member, so it cannot sign an upload; it
 * posts its small profile document here (schema and bounds from @spin/shared), then applies on
 * chain (itself, or through a member relaying its signed application) naming the document's
 * sha-256 as profileHash. The document is served only once an indexed Applied or
 * ProfileUpdated event names it, and removed after a grace period if none does.
 */
import { createHash } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import { InvalidProfileError, parseProfile, PROFILE_LIMITS, profileKinds } from "@spin/shared";
import { sql } from "kysely";
import type { ApiTables } from "../../content/tables.ts";
import type { Api, ApiContext } from "../http/context.ts";
import { ApiError } from "../http/errors.ts";
import { bytes32 } from "../http/params.ts";
import { ok } from "../http/respond.ts";
import { errorResponses, jsonResponse } from "../schemas/common.ts";

const profileDocument = z
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

const storedProfile = z
  .object({
    profileHash: z.string().regex(/^0x[0-9a-f]{64}$/),
    expiresAt: z.string().openapi({ description: "Removed then unless an application names it" }),
  })
  .openapi("StoredProfile");

export function registerProfileRoutes(app: Api, { db, config }: ApiContext): void {
  const store = db.withTables<ApiTables>();
  const { pendingProfiles, profileGraceSeconds } = config.api.content;

  app.openapi(
    createRoute({
      method: "post",
      path: "/profiles",
      summary:
        "Store a newcomer's profile document (its exact bytes; profileHash is their sha-256) until " +
        "an application names it",
      request: {
        body: {
          required: true,
          content: {
            "application/json": { schema: { type: "object", description: "A ProfileDocument" } },
          },
        },
      },
      responses: {
        201: jsonResponse(storedProfile, "Stored"),
        ...errorResponses(400, 413, 415, 429),
      },
    }),
    async (c) => {
      if (!/^application\/json\s*(;|$)/i.test(c.req.header("content-type") ?? "")) {
        throw new ApiError(
          415,
          "unsupported_media_type",
          "a profile document is application/json",
          "headers.content-type",
        );
      }
      const declared = Number(c.req.header("content-length") ?? 0);
      if (declared > PROFILE_LIMITS.bytes) {
        throw new ApiError(
          413,
          "too_large",
          `a profile document has at most ${PROFILE_LIMITS.bytes} bytes`,
          "body",
          { limit: PROFILE_LIMITS.bytes },
        );
      }
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      try {
        parseProfile(bytes);
      } catch (error) {
        if (error instanceof InvalidProfileError) {
          const status =
            error.field === "document" && bytes.length > PROFILE_LIMITS.bytes ? 413 : 400;
          throw new ApiError(
            status,
            status === 413 ? "too_large" : "invalid_request",
            error.message,
            `body.${error.field}`,
          );
        }
        throw error;
      }
      const profileHash = `0x${createHash("sha256").update(bytes).digest("hex")}`;
      const waiting = await store
        .selectFrom("profile_documents as p")
        .select(sql<number>`count(*)::int`.as("count"))
        .where(
          sql<boolean>`NOT EXISTS (SELECT 1 FROM participants x WHERE x.profile_hash = p.profile_hash)`,
        )
        .executeTakeFirstOrThrow();
      if (waiting.count >= pendingProfiles) {
        throw new ApiError(
          429,
          "quota_exceeded",
          `${waiting.count} profile documents are waiting for their applications`,
          null,
          { limit: pendingProfiles, used: waiting.count },
        );
      }
      const expiresAt = new Date(Date.now() + profileGraceSeconds * 1000);
      await store
        .insertInto("profile_documents")
        .values({
          profile_hash: profileHash,
          body: new TextDecoder().decode(bytes),
          size: bytes.length,
          expires_at: expiresAt,
        })
        .onConflict((oc) => oc.column("profile_hash").doUpdateSet({ expires_at: expiresAt }))
        .execute();
      return ok(c, { profileHash, expiresAt: expiresAt.toISOString() }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/profiles/{profileHash}",
      summary: "A profile document, once an application or profile update on chain names its hash",
      request: { params: z.object({ profileHash: bytes32 }) },
      responses: {
        200: jsonResponse(profileDocument, "The document"),
        ...errorResponses(400, 404),
      },
    }),
    async (c) => {
      const { profileHash } = c.req.valid("param");
      const row = await store
        .selectFrom("profile_documents as p")
        .select("p.body")
        .where("p.profile_hash", "=", profileHash)
        .where(
          sql<boolean>`EXISTS (SELECT 1 FROM participants x WHERE x.profile_hash = p.profile_hash)`,
        )
        .executeTakeFirst();
      if (!row)
        throw new ApiError(
          404,
          "not_found",
          `no application names the profile ${profileHash}`,
          "params.profileHash",
        );
      return c.body(row.body, 200, {
        "content-type": "application/json",
        "content-security-policy": "sandbox; default-src 'none'",
      }) as never;
    },
  );
}
