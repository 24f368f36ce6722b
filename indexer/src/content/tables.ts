/**
 * The API's own tables, off the chain (they survive reorgs and resets): who uploaded each bundle
 * and when it expires unless a registered work names it, profile documents waiting for their
 * on-chain application, kept block times, and the secret page cursors are signed with. They
 * have their own migrations (and migration table), so the chain schema evolves independently.
 */
import { randomBytes } from "node:crypto";
import { sql, type Generated, type Kysely } from "kysely";
import { Migrator, type Migration } from "kysely/migration";
import type { Database } from "../database/schema.ts";

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
};

/** Brings the API's tables up to date (after the chain schema's migrations). */
export async function migrateApiTables(db: Kysely<Database>): Promise<void> {
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
