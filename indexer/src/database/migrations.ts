/**
 * The store's schema, one migration per change, applied in order by Kysely's migrator. Each
 * migration is plain SQL that PGlite and PostgreSQL both run: one schema, one code path.
 */
import { createHash } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { Migrator, type Migration, type MigrationProvider } from "kysely/migration";
import { COMMONS_USE_EXPIRY } from "./schema.ts";

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
  "0005_commons": {
    async up(db) {
      await runStatements(
        db,
        `
        CREATE TABLE participants (
          account text PRIMARY KEY,
          kind int NOT NULL,
          status int NOT NULL,
          profile_uri text,
          profile_hash text,
          vouches int NOT NULL,
          window_end int8 NOT NULL,
          is_protocol boolean NOT NULL,
          place jsonb,
          status_reason text,
          block_number int8 NOT NULL
        );
        CREATE INDEX participants_kind_status ON participants (kind, status);
        CREATE TABLE enodes (
          enode_id text PRIMARY KEY,
          host text NOT NULL,
          port int NOT NULL,
          owner text NOT NULL,
          block_number int8 NOT NULL
        );
        CREATE TABLE delegations (
          account text PRIMARY KEY,
          delegate text NOT NULL,
          votes numeric(78, 0) NOT NULL,
          block_number int8 NOT NULL
        );
        CREATE INDEX delegations_delegate ON delegations (delegate);
        CREATE TABLE works (
          work_id int8 PRIMARY KEY,
          content_hash text NOT NULL,
          registrant text NOT NULL,
          licence_id int NOT NULL,
          metadata_uri text NOT NULL,
          version_count int NOT NULL,
          suspended boolean NOT NULL,
          status_reason text,
          contributors jsonb NOT NULL,
          parents jsonb NOT NULL,
          price numeric(78, 0),
          block_number int8 NOT NULL
        );
        CREATE TABLE work_versions (
          block_number int8 NOT NULL,
          log_index int NOT NULL,
          work_id int8 NOT NULL,
          version int NOT NULL,
          content_hash text NOT NULL UNIQUE,
          metadata_uri text NOT NULL,
          author text NOT NULL,
          PRIMARY KEY (block_number, log_index)
        );
        CREATE INDEX work_versions_work ON work_versions (work_id, version);
        CREATE TABLE work_parents (
          block_number int8 NOT NULL,
          log_index int NOT NULL,
          work_id int8 NOT NULL,
          parent_id int8 NOT NULL,
          PRIMARY KEY (block_number, log_index, parent_id)
        );
        CREATE INDEX work_parents_child ON work_parents (work_id);
        CREATE INDEX work_parents_parent ON work_parents (parent_id);
        CREATE TABLE work_stewards (
          work_id int8 NOT NULL,
          steward text NOT NULL,
          active boolean NOT NULL,
          block_number int8 NOT NULL,
          PRIMARY KEY (work_id, steward)
        );
        CREATE TABLE adoptions (
          work_id int8 NOT NULL,
          adopter text NOT NULL,
          active boolean NOT NULL,
          block_number int8 NOT NULL,
          PRIMARY KEY (work_id, adopter)
        );
        CREATE INDEX adoptions_adopter ON adoptions (adopter);
        CREATE TABLE licence_templates (
          licence_id int PRIMARY KEY,
          name text NOT NULL,
          legal_text_hash text NOT NULL,
          legal_text_uri text NOT NULL,
          commercial_use int NOT NULL,
          terms jsonb NOT NULL,
          bounds jsonb NOT NULL,
          active boolean NOT NULL,
          block_number int8 NOT NULL
        );
        CREATE TABLE licence_records (
          record_id int8 PRIMARY KEY,
          work_id int8 NOT NULL,
          licensee text NOT NULL,
          licence_id int NOT NULL,
          version int NOT NULL,
          start_time int8,
          expiry int8,
          price numeric(78, 0) NOT NULL,
          commons_use boolean NOT NULL,
          revoked boolean NOT NULL,
          revoke_reason text,
          block_number int8 NOT NULL
        );
        CREATE INDEX licence_records_latest ON licence_records (work_id, licensee, record_id DESC);
        CREATE TABLE licensing_payments (
          block_number int8 NOT NULL,
          log_index int NOT NULL,
          work_id int8 NOT NULL,
          kind text NOT NULL,
          account text,
          amount numeric(78, 0) NOT NULL,
          transaction_hash text NOT NULL,
          PRIMARY KEY (block_number, log_index)
        );
        CREATE INDEX licensing_payments_account ON licensing_payments (account, work_id);
        CREATE TABLE proposals (
          proposal_id text PRIMARY KEY,
          proposer text NOT NULL,
          description text NOT NULL,
          vote_start int8 NOT NULL,
          vote_end int8 NOT NULL,
          actions jsonb NOT NULL,
          state text NOT NULL,
          eta int8,
          votes_for numeric(78, 0) NOT NULL,
          votes_against numeric(78, 0) NOT NULL,
          votes_abstain numeric(78, 0) NOT NULL,
          block_number int8 NOT NULL
        );
        CREATE TABLE votes (
          block_number int8 NOT NULL,
          log_index int NOT NULL,
          proposal_id text NOT NULL,
          voter text NOT NULL,
          support int NOT NULL,
          weight numeric(78, 0) NOT NULL,
          reason text NOT NULL,
          kind text NOT NULL,
          PRIMARY KEY (block_number, log_index)
        );
        CREATE INDEX votes_proposal ON votes (proposal_id, block_number);
      `,
      );
    },
  },
  /**
   * Claimable balances, upstream flows, the licensing contract's fund shares, licence
   * compatibility, the admission rule, and the history behind the governor's quorum. Stores
   * indexed before this migration lack these rows for past events: forgetting the chain's
   * identity makes the next sync re-index from the deployment blocks.
   */
  "0006_model": {
    async up(db) {
      await runStatements(
        db,
        `
        CREATE TABLE work_pots (
          work_id int8 PRIMARY KEY,
          per_bps numeric(78, 0) NOT NULL,
          upstream_pending numeric(78, 0) NOT NULL,
          upstream_received numeric(78, 0) NOT NULL,
          block_number int8 NOT NULL
        );
        CREATE TABLE contributor_checkpoints (
          work_id int8 NOT NULL,
          contributor text NOT NULL,
          paid_per_bps numeric(78, 0) NOT NULL,
          block_number int8 NOT NULL,
          PRIMARY KEY (work_id, contributor)
        );
        CREATE TABLE licensing_fund_pending (
          sub_fund int PRIMARY KEY,
          amount numeric(78, 0) NOT NULL,
          block_number int8 NOT NULL
        );
        CREATE TABLE upstream_receipts (
          block_number int8 NOT NULL,
          log_index int NOT NULL,
          work_id int8 NOT NULL,
          from_work_id int8 NOT NULL,
          to_contributors numeric(78, 0) NOT NULL,
          to_upstream numeric(78, 0) NOT NULL,
          to_fund numeric(78, 0) NOT NULL,
          transaction_hash text NOT NULL,
          PRIMARY KEY (block_number, log_index)
        );
        CREATE INDEX upstream_receipts_work ON upstream_receipts (work_id, block_number);
        CREATE TABLE upstream_settlements (
          block_number int8 NOT NULL,
          log_index int NOT NULL,
          work_id int8 NOT NULL,
          per_parent numeric(78, 0) NOT NULL,
          parent_count int NOT NULL,
          kept numeric(78, 0) NOT NULL,
          transaction_hash text NOT NULL,
          PRIMARY KEY (block_number, log_index)
        );
        CREATE INDEX upstream_settlements_work ON upstream_settlements (work_id, block_number);
        CREATE TABLE licence_compatibility (
          parent_licence_id int NOT NULL,
          child_licence_id int NOT NULL,
          compatible boolean NOT NULL,
          block_number int8 NOT NULL,
          PRIMARY KEY (parent_licence_id, child_licence_id)
        );
        CREATE TABLE admission_rule (
          id int PRIMARY KEY CHECK (id = 1),
          vouch_threshold int NOT NULL,
          vouch_window int8 NOT NULL,
          block_number int8 NOT NULL
        );
        CREATE TABLE membership_supply (
          timepoint int8 PRIMARY KEY,
          total numeric(78, 0) NOT NULL,
          block_number int8 NOT NULL
        );
        CREATE TABLE membership_total (
          id int PRIMARY KEY CHECK (id = 1),
          total numeric(78, 0) NOT NULL,
          block_number int8 NOT NULL
        );
        CREATE TABLE quorum_numerators (
          timepoint int8 PRIMARY KEY,
          numerator numeric(78, 0) NOT NULL,
          block_number int8 NOT NULL
        );
        DELETE FROM spin_meta WHERE key = 'genesis_hash';
      `,
      );
    },
  },
  /**
   * The timelock operation each queued proposal became, so that an operation executed or
   * cancelled on the timelock itself (its executors are open) updates the proposal. Re-indexes,
   * as 0006 does, so past queues get their operation.
   */
  "0007_timelock_operations": {
    async up(db) {
      await runStatements(
        db,
        `
        CREATE TABLE timelock_operations (
          operation_id text PRIMARY KEY,
          proposal_id numeric(78, 0) NOT NULL,
          block_number int8 NOT NULL
        );
        DELETE FROM spin_meta WHERE key = 'genesis_hash';
      `,
      );
    },
  },
  /**
   * The governor's quorum floor history (QuorumFloorSet), which the quorum at a snapshot never
   * goes below. Re-indexes, so the floor set at the governor's deployment is recorded.
   */
  "0008_quorum_floors": {
    async up(db) {
      await runStatements(
        db,
        `
        CREATE TABLE quorum_floors (
          timepoint int8 PRIMARY KEY,
          floor numeric(78, 0) NOT NULL,
          block_number int8 NOT NULL
        );
        DELETE FROM spin_meta WHERE key = 'genesis_hash';
      `,
      );
    },
  },
  /**
   * The admission rules of the Admissions contract: every limit of the admission rule, each
   * application's round, fixed rule, schedule and outcome, the vouches given, and a Person's
   * admission time and vote ripening. Re-indexes, so applications and rules already on chain
   * are read again.
   */
  "0009_admission_states": {
    async up(db) {
      await runStatements(
        db,
        `
        ALTER TABLE admission_rule
          ADD COLUMN admission_delay int8 NOT NULL DEFAULT 0,
          ADD COLUMN ripening_period int8 NOT NULL DEFAULT 0,
          ADD COLUMN voucher_seniority int8 NOT NULL DEFAULT 0,
          ADD COLUMN vouch_budget int NOT NULL DEFAULT 0,
          ADD COLUMN budget_period int8 NOT NULL DEFAULT 0,
          ADD COLUMN reapply_cooldown int8 NOT NULL DEFAULT 0;
        CREATE TABLE applications (
          account text PRIMARY KEY,
          kind int NOT NULL,
          round int8 NOT NULL,
          profile_uri text NOT NULL,
          profile_hash text NOT NULL,
          vouches int NOT NULL,
          threshold int NOT NULL,
          admission_delay int8 NOT NULL,
          ripening_period int8 NOT NULL,
          window_end int8 NOT NULL,
          admissible_at int8 NOT NULL,
          outcome text NOT NULL,
          reason text,
          admitted_how int,
          block_number int8 NOT NULL
        );
        CREATE INDEX applications_outcome ON applications (outcome, window_end);
        CREATE TABLE application_vouches (
          block_number int8 NOT NULL,
          log_index int NOT NULL,
          candidate text NOT NULL,
          voucher text NOT NULL,
          round int8 NOT NULL,
          vouches int NOT NULL,
          threshold int NOT NULL,
          transaction_hash text NOT NULL,
          PRIMARY KEY (block_number, log_index)
        );
        CREATE INDEX application_vouches_candidate ON application_vouches (candidate, round);
        CREATE INDEX application_vouches_voucher ON application_vouches (voucher, block_number);
        ALTER TABLE participants
          ADD COLUMN member_since int8 NOT NULL DEFAULT 0,
          ADD COLUMN vote_ripens_at int8 NOT NULL DEFAULT 0;
        DELETE FROM spin_meta WHERE key = 'genesis_hash';
      `,
      );
    },
  },
  /**
   * Each (work, account) pair's latest licence record, so that a licence check reads one row by
   * its key. Filled from the records already indexed.
   */
  "0010_licence_holdings": {
    async up(db) {
      await runStatements(
        db,
        `
        CREATE TABLE licence_holdings (
          work_id int8 NOT NULL,
          licensee text NOT NULL,
          record_id int8 NOT NULL,
          commons_use boolean NOT NULL,
          revoked boolean NOT NULL,
          valid_until int8 NOT NULL,
          block_number int8 NOT NULL,
          PRIMARY KEY (work_id, licensee)
        );
        INSERT INTO licence_holdings
          SELECT DISTINCT ON (work_id, licensee)
            work_id, licensee, record_id, commons_use, revoked,
            CASE WHEN commons_use THEN ${COMMONS_USE_EXPIRY} ELSE coalesce(expiry, 0) END,
            block_number
          FROM licence_records
          ORDER BY work_id, licensee, record_id DESC;
      `,
      );
    },
  },
  /**
   * What the treasury and works contracts added: where each content hash points now (a hash
   * moves to an older commitment or is released by governance, so versions no longer own their
   * hash for good), registration commitments, marks that let governance sweep what a contributor
   * or a stream's recipient cannot claim, and a sub-fund's scheduled cap raise. An upstream
   * settlement's last column holds what went to the fund: it is named so. Re-indexes, so the
   * hashes and marks already on chain are read.
   */
  "0011_treasury_and_works": {
    async up(db) {
      await runStatements(
        db,
        `
        ALTER TABLE work_versions DROP CONSTRAINT work_versions_content_hash_key;
        CREATE INDEX work_versions_content_hash ON work_versions (content_hash);
        CREATE TABLE content_hashes (
          content_hash text PRIMARY KEY,
          work_id int8,
          version int,
          reserved_for text,
          block_number int8 NOT NULL
        );
        CREATE INDEX content_hashes_work ON content_hashes (work_id, version);
        CREATE TABLE registration_commitments (
          block_number int8 NOT NULL,
          log_index int NOT NULL,
          commitment text NOT NULL,
          committer text NOT NULL,
          transaction_hash text NOT NULL,
          PRIMARY KEY (block_number, log_index)
        );
        CREATE INDEX registration_commitments_committer
          ON registration_commitments (committer, block_number);
        CREATE TABLE unclaimable_marks (
          work_id int8 NOT NULL,
          contributor text NOT NULL,
          amount numeric(78, 0) NOT NULL,
          sweepable_at int8 NOT NULL,
          block_number int8 NOT NULL,
          PRIMARY KEY (work_id, contributor)
        );
        ALTER TABLE streams ADD COLUMN sweepable_at int8;
        ALTER TABLE sub_funds
          ADD COLUMN raised_cap_bps int,
          ADD COLUMN cap_raise_at int8;
        ALTER TABLE upstream_settlements RENAME COLUMN kept TO to_fund;
        DELETE FROM spin_meta WHERE key = 'genesis_hash';
      `,
      );
    },
  },
  /**
   * The numbers the syncing process's notices take, one each, so that a process hearing them
   * can refuse one sent again (sync/notice.ts).
   */
  "0012_notice_sequence": {
    async up(db) {
      await runStatements(db, "CREATE SEQUENCE spin_notice_seq");
    },
  },
};

/** The migrations above, in order, as Kysely's Migrator takes them. */
export class InlineMigrations implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

/**
 * A set of migrations a store is brought up to (the chain schema, the API's tables), named by a
 * fingerprint that changes whenever one of its migrations is added or its text changes.
 */
export interface StoreSchema {
  fingerprint: string;
  /** Brings the store up to date: one read when it already is. */
  migrate(db: Kysely<unknown>): Promise<void>;
}

/** The fingerprint of a set of migrations: names a schema's exact state. */
export function fingerprintOf(set: Record<string, Migration>): string {
  const hash = createHash("sha256");
  for (const [name, migration] of Object.entries(set)) {
    hash.update(`${name}\u0000${migration.up.toString()}\u0000`);
  }
  return hash.digest("hex").slice(0, 16);
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

/**
 * True when every migration has run already: one query, where Kysely's Migrator would create
 * its tables if missing and take its lock first (a noticeable share of a restart on PGlite).
 */
async function isLatest(db: Kysely<unknown>): Promise<boolean> {
  return migrationsDone(db, "kysely_migration", Object.keys(migrations));
}

/**
 * True when every one of `names` is recorded in the Kysely migration table `table`: one query,
 * for any set of migrations kept in the store (the API's tables have their own).
 */
export async function migrationsDone(
  db: Kysely<unknown>,
  table: string,
  names: readonly string[],
): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`SELECT name FROM ${sql.table(table)}`.execute(db);
    const done = new Set(rows.map((r) => r.name));
    return names.every((name) => done.has(name));
  } catch (error) {
    // A new store has no migration table yet: the Migrator creates it.
    if ((error as { code?: string }).code === UNDEFINED_TABLE) return false;
    throw error;
  }
}

/** SQLSTATE 42P01: the table does not exist. */
const UNDEFINED_TABLE = "42P01";

/** Brings the schema up to date; throws MigrationError naming the migration that failed. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  if (await isLatest(db)) return;
  const migrator = new Migrator({ db, provider: new InlineMigrations() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new MigrationError(`migration ${failed} failed: ${String(error)}`, { cause: error });
  }
}

/** The chain schema: every table the sync writes. */
export const chainSchema: StoreSchema = {
  fingerprint: fingerprintOf(migrations),
  migrate: migrateToLatest,
};
