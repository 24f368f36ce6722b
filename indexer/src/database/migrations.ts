/**
 * The store's schema, one migration per change, applied in order by Kysely's migrator. Each
 * migration is plain SQL that PGlite and PostgreSQL both run: one schema, one code path.
 */
import { sql, type Kysely } from "kysely";
import { Migrator, type Migration, type MigrationProvider } from "kysely/migration";

/** Runs `;`-separated statements one by one (prepared statements hold one command each). */
async function runStatements(db: Kysely<unknown>, text: string): Promise<void> {
  for (const statement of text.split(/;\s*$/m)) {
    if (statement.trim()) await sql.raw(statement).execute(db);
  }
}

const migrations: Record<string, Migration> = {
  "0001_sync": {
    async up(db) {
      await runStatements(
        db,
        `
        CREATE TABLE spin_meta (key text PRIMARY KEY, value text NOT NULL);
        CREATE TABLE spin_cursor (
          id int PRIMARY KEY CHECK (id = 1),
          block_number int8 NOT NULL,
          block_hash text NOT NULL,
          block_timestamp int8 NOT NULL
        );
        CREATE TABLE spin_blocks (
          number int8 PRIMARY KEY,
          hash text NOT NULL,
          parent_hash text NOT NULL
        );
        CREATE TABLE spin_journal (
          id bigserial PRIMARY KEY,
          block_number int8 NOT NULL,
          table_name text NOT NULL,
          row_key jsonb NOT NULL,
          previous jsonb
        );
        CREATE INDEX spin_journal_block ON spin_journal (block_number);
        CREATE TABLE events (
          block_number int8 NOT NULL,
          log_index int NOT NULL,
          block_hash text NOT NULL,
          transaction_hash text NOT NULL,
          contract text NOT NULL,
          address text NOT NULL,
          event_name text NOT NULL,
          args jsonb NOT NULL,
          PRIMARY KEY (block_number, log_index)
        );
        CREATE INDEX events_contract_event ON events (contract, event_name, block_number);
      `,
      );
    },
  },
  "0002_content": {
    async up(db) {
      await runStatements(
        db,
        `
        CREATE TABLE content_bundles (
          content_hash text PRIMARY KEY,
          cid text NOT NULL UNIQUE,
          total_size int8 NOT NULL,
          file_count int NOT NULL,
          title text,
          summary text,
          tags jsonb NOT NULL,
          machines jsonb NOT NULL,
          stored_at timestamptz NOT NULL DEFAULT now(),
          search tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', coalesce(title, '')), 'A') ||
            setweight(to_tsvector('simple', coalesce(summary, '')), 'B') ||
            setweight(jsonb_to_tsvector('simple', tags, '["string"]'), 'B') ||
            setweight(jsonb_to_tsvector('simple', machines, '["string"]'), 'C')
          ) STORED
        );
        CREATE INDEX content_bundles_search ON content_bundles USING gin (search);
      `,
      );
    },
  },
  "0003_fund": {
    async up(db) {
      await runStatements(
        db,
        `
        CREATE TABLE sub_funds (
          sub_fund int PRIMARY KEY,
          name text NOT NULL,
          balance numeric(78, 0) NOT NULL,
          locked_until int8 NOT NULL,
          cap_bps int NOT NULL,
          block_number int8 NOT NULL
        );
        CREATE TABLE fund_movements (
          block_number int8 NOT NULL,
          log_index int NOT NULL,
          sub_fund int NOT NULL,
          kind text NOT NULL,
          account text,
          amount numeric(78, 0) NOT NULL,
          stream_id int,
          memo text NOT NULL,
          transaction_hash text NOT NULL,
          PRIMARY KEY (block_number, log_index)
        );
        CREATE INDEX fund_movements_sub_fund ON fund_movements (sub_fund, block_number, log_index);
        CREATE TABLE streams (
          stream_id int PRIMARY KEY,
          sub_fund int NOT NULL,
          recipient text NOT NULL,
          amount numeric(78, 0) NOT NULL,
          claimed numeric(78, 0) NOT NULL,
          start_time int8 NOT NULL,
          end_time int8 NOT NULL,
          cancelled boolean NOT NULL,
          memo text NOT NULL,
          block_number int8 NOT NULL
        );
        CREATE INDEX streams_recipient ON streams (recipient);
      `,
      );
    },
  },
  "0004_coin": {
    async up(db) {
      await runStatements(
        db,
        `
        CREATE TABLE coin_balances (
          account text PRIMARY KEY,
          balance numeric(78, 0) NOT NULL,
          block_number int8 NOT NULL
        );
        CREATE TABLE coin_transfers (
          block_number int8 NOT NULL,
          log_index int NOT NULL,
          from_account text NOT NULL,
          to_account text NOT NULL,
          amount numeric(78, 0) NOT NULL,
          transaction_hash text NOT NULL,
          PRIMARY KEY (block_number, log_index)
        );
        CREATE INDEX coin_transfers_from ON coin_transfers (from_account, block_number);
        CREATE INDEX coin_transfers_to ON coin_transfers (to_account, block_number);
      `,
      );
    },
  },
};

class InlineMigrations implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

/** Brings the schema up to date; throws MigrationError naming the migration that failed. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({ db, provider: new InlineMigrations() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new MigrationError(`migration ${failed} failed: ${String(error)}`, { cause: error });
  }
}
