/**
 * The API's own tables, off the chain (they survive reorgs and resets): who uploaded each bundle
 * and when it expires unless a registered work names it, profile documents waiting for their
 * on-chain application, newcomers' signed applications waiting for a member to relay them, kept
 * block times, and the secret page cursors are signed with. They
 * have their own migrations (and migration table), so the chain schema evolves independently.
 */
import { randomBytes } from "node:crypto";
import { sql, type Generated, type JSONColumnType, type Kysely } from "kysely";
import { Migrator, type Migration } from "kysely/migration";
import { fingerprintOf, migrationsDone, type StoreSchema } from "../database/migrations.ts";
import type { Database } from "../database/schema.ts";

export interface SignedPlace {
  name: string;
  latitudeE6: number;
  longitudeE6: number;
  country: string;
  machines: string[];
}

export type ApiTables = {
  content_bundles: Database["content_bundles"] & {
    uploader: string | null;
    expires_at: Date | null;
  };
  api_block_times: { number: number; hash: string; timestamp: number };
  api_secrets: { name: string; value: string };
  profile_documents: {
    profile_hash: string;
    body: string;
    size: number;
    received_at: Generated<Date>;
    expires_at: Date;
  };
  /**
   * The relay inbox: one signed application per applicant. Listed while its nonce is the
   * applicant's next one and its deadline is ahead of the indexed head; removed after expiry.
   */
  signed_applications: {
    applicant: string;
    kind: number;
    profile_uri: string;
    profile_hash: string;
    /** The signed place (country as the signed bytes2 hex): written as JSON text. */
    place: JSONColumnType<SignedPlace, string, string>;
    nonce: number;
    /** The signature's deadline (Unix seconds, chain time). */
    deadline: number;
    signature: string;
    received_at: Generated<Date>;
    /** When the janitor removes it (wall clock: received, plus its time left at the head). */
    expires_at: Date;
  };
};

export type ApiDatabase = Omit<Database, "content_bundles"> & ApiTables;

const migrations: Record<string, Migration> = {
  "0001_uploads": {
    async up(db) {
      for (const statement of [
        "ALTER TABLE content_bundles ADD COLUMN uploader text",
        "ALTER TABLE content_bundles ADD COLUMN expires_at timestamptz",
        "CREATE INDEX content_bundles_uploader ON content_bundles (uploader)",
        "CREATE INDEX content_bundles_expires ON content_bundles (expires_at)",
        `CREATE TABLE api_block_times (
          number int8 PRIMARY KEY, hash text NOT NULL, timestamp int8 NOT NULL)`,
        "CREATE TABLE api_secrets (name text PRIMARY KEY, value text NOT NULL)",
        `CREATE TABLE profile_documents (
          profile_hash text PRIMARY KEY,
          body text NOT NULL,
          size int NOT NULL,
          received_at timestamptz NOT NULL DEFAULT now(),
          expires_at timestamptz NOT NULL)`,
        "CREATE INDEX profile_documents_expires ON profile_documents (expires_at)",
      ]) {
        await sql.raw(statement).execute(db);
      }
    },
  },
  "0002_signed_applications": {
    async up(db) {
      for (const statement of [
        `CREATE TABLE signed_applications (
          applicant text PRIMARY KEY,
          kind int NOT NULL,
          profile_uri text NOT NULL,
          profile_hash text NOT NULL,
          place jsonb NOT NULL,
          nonce int8 NOT NULL,
          deadline int8 NOT NULL,
          signature text NOT NULL,
          received_at timestamptz NOT NULL DEFAULT now(),
          expires_at timestamptz NOT NULL)`,
        "CREATE INDEX signed_applications_expires ON signed_applications (expires_at)",
        "CREATE INDEX signed_applications_profile ON signed_applications (profile_hash)",
      ]) {
        await sql.raw(statement).execute(db);
      }
    },
  },
};

/** Brings the API's tables up to date (after the chain schema's migrations). */
export async function migrateApiTables(db: Kysely<unknown>): Promise<void> {
  // One read when nothing is left to run: the Migrator would take its lock first, every start.
  if (await migrationsDone(db, "api_migration", Object.keys(migrations))) return;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: "api_migration",
    migrationLockTableName: "api_migration_lock",
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`API migration ${failed} failed: ${String(error)}`, { cause: error });
  }
}

/** The API's tables, as a store is opened with them (after the chain schema). */
export const apiTablesSchema: StoreSchema = {
  fingerprint: fingerprintOf(migrations),
  migrate: migrateApiTables,
};

/** The named secret, created at random the first time any process asks for it. */
export async function sharedSecret(db: Kysely<Database>, name: string): Promise<Uint8Array> {
  const store = db.withTables<ApiTables>();
  await store
    .insertInto("api_secrets")
    .values({ name, value: randomBytes(32).toString("hex") })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const row = await store
    .selectFrom("api_secrets")
    .select("value")
    .where("name", "=", name)
    .executeTakeFirstOrThrow();
  return new Uint8Array(Buffer.from(row.value, "hex"));
}
