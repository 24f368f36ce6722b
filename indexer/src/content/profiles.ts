/**
 * Newcomers' profile documents: validated with @spin/shared's schema and bounds, stored under
 * the sha-256 of their exact bytes until an application on chain names them (or a signed
 * application in the relay inbox waits with them), and refused past a count of waiting ones.
 * `POST /profiles` and `POST /applications` store them through here.
 */
import { createHash } from "node:crypto";
import {
  InvalidProfileError,
  parseProfile,
  PROFILE_LIMITS,
  type ProfileDocument,
} from "@spin/shared";
import { sql, type Kysely } from "kysely";
import type { Database } from "../database/schema.ts";
import { ApiError } from "../server/http/errors.ts";
import type { ApiTables } from "./tables.ts";

export interface ProfileLimits {
  /** Documents waiting for their application. */
  pendingProfiles: number;
  /** Seconds a document waits for the application that names it. */
  profileGraceSeconds: number;
}

export function profileHashOf(bytes: Uint8Array): `0x${string}` {
  return `0x${createHash("sha256").update(bytes).digest("hex")}`;
}

/** Parses a document's bytes; a refusal is a 400 (413 when too large) naming `field`. */
export function readProfile(bytes: Uint8Array, field: string): ProfileDocument {
  try {
    return parseProfile(bytes);
  } catch (error) {
    if (error instanceof InvalidProfileError) {
      const tooLarge = error.field === "document" && bytes.length > PROFILE_LIMITS.bytes;
      throw new ApiError(
        tooLarge ? 413 : 400,
        tooLarge ? "too_large" : "invalid_request",
        error.message,
        error.field === "document" ? field : `${field}.${error.field}`,
        tooLarge ? { limit: PROFILE_LIMITS.bytes } : {},
      );
    }
    throw error;
  }
}

/**
 * Stores a document (kept at least `keepUntil`, else the grace period) and returns its hash.
 * Refuses a new document with 429 while `pendingProfiles` wait for their applications.
 */
export async function storeProfile(
  db: Kysely<Database>,
  bytes: Uint8Array,
  limits: ProfileLimits,
  field: string,
  keepUntil?: Date,
): Promise<{ profileHash: `0x${string}`; document: ProfileDocument; expiresAt: Date }> {
  const document = readProfile(bytes, field);
  const profileHash = profileHashOf(bytes);
  const store = db.withTables<ApiTables>();
  const known = await store
    .selectFrom("profile_documents")
    .select("profile_hash")
    .where("profile_hash", "=", profileHash)
    .executeTakeFirst();
  if (!known) {
    const waiting = await store
      .selectFrom("profile_documents as p")
      .select(sql<number>`count(*)::int`.as("count"))
      .where(
        sql<boolean>`NOT EXISTS (SELECT 1 FROM participants x WHERE x.profile_hash = p.profile_hash)`,
      )
      .executeTakeFirstOrThrow();
    if (waiting.count >= limits.pendingProfiles) {
      throw new ApiError(
        429,
        "quota_exceeded",
        `${waiting.count} profile documents are waiting for their applications`,
        null,
        { limit: limits.pendingProfiles, used: waiting.count },
      );
    }
  }
  const grace = new Date(Date.now() + limits.profileGraceSeconds * 1000);
  const expiresAt = keepUntil && keepUntil > grace ? keepUntil : grace;
  const stored = await store
    .insertInto("profile_documents")
    .values({
      profile_hash: profileHash,
      body: new TextDecoder().decode(bytes),
      size: bytes.length,
      expires_at: expiresAt,
    })
    .onConflict((oc) =>
      oc.column("profile_hash").doUpdateSet({
        expires_at: sql`greatest(profile_documents.expires_at, excluded.expires_at)`,
      }),
    )
    .returning("expires_at")
    .executeTakeFirstOrThrow();
  return { profileHash, document, expiresAt: new Date(stored.expires_at) };
}
