/**
 * Profile documents for newcomers. A newcomer is not a member, so it cannot sign an upload; it
 * posts its small profile document here (schema and bounds from @spin/shared), then applies on
 * chain (itself, or through a member relaying its signed application) naming the document's
 * sha-256 as profileHash. The document is served only once an indexed Applied or
 * ProfileUpdated event names it, and removed after a grace period if none does.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { PROFILE_LIMITS } from "@spin/shared";
import { sql } from "kysely";
import { storeProfile } from "../../content/profiles.ts";
import type { ApiTables } from "../../content/tables.ts";
import type { Api, ApiContext } from "../http/context.ts";
import { jsonBytes } from "../http/body.ts";
import { ApiError } from "../http/errors.ts";
import { bytes32 } from "../http/params.ts";
import { ok } from "../http/respond.ts";
import { profileDocument } from "../schemas/applications.ts";
import { errorResponses, jsonResponse } from "../schemas/common.ts";

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
      const bytes = await jsonBytes(c, PROFILE_LIMITS.bytes, "a profile document");
      const { profileHash, expiresAt } = await storeProfile(
        db,
        bytes,
        { pendingProfiles, profileGraceSeconds },
        "body",
      );
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
