/**
 * Opens the store: PostgreSQL when a connection string is given, otherwise an embedded PGlite
 * whose data lives in a directory (or in memory). Both get the same schema and the same parsers,
 * so everything above this file runs one code path.
 */
import { mkdir, rm } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from "kysely";
import pg from "pg";
import { chainSchema, type StoreSchema } from "./migrations.ts";
import { preparedName } from "./parameters.ts";
import { copyTemplate, dropTemplate, isEmptyDir } from "./pglite-template.ts";
import { PGliteDialect } from "./pglite-dialect.ts";
import type { Database } from "./schema.ts";

/** PostgreSQL type ids whose text form we parse ourselves. */
const INT8 = 20;
const NUMERIC = 1700;

const parseInt8 = (value: string): number => Number(value);
const keepNumericText = (value: string): string => value;

export type DatabaseTarget =
  | { kind: "postgres"; connectionString: string }
  /**
   * `dataDir` null: in memory. `templateDir`: where a new store's initialised, migrated copy is
   * kept (pglite-template.ts); null or absent: a new store runs initdb itself.
   */
  | { kind: "pglite"; dataDir: string | null; templateDir?: string | null };

export interface Store {
  db: Kysely<Database>;
  target: DatabaseTarget["kind"];
  close(): Promise<void>;
}

/**
 * node-postgres' pool as Kysely takes it, except that a statement marked with preparedSql() runs
 * as a named statement: each connection parses and plans it once.
 */
class PreparingPool implements PostgresPool {
  readonly #pool: pg.Pool;
  readonly #clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }
  get options() {
    return this.#pool.options;
  }
  async connect(): Promise<PostgresPoolClient> {
    const client = await this.#pool.connect();
    let wrapped = this.#clients.get(client);
    if (!wrapped) {
      wrapped = {
        query: ((text: string, values: unknown[]) => {
          const name = preparedName(text);
          return name ? client.query({ name, text, values }) : client.query(text, values);
        }) as unknown as PostgresPoolClient["query"],
        release: (destroy?: boolean) => client.release(destroy),
      };
      this.#clients.set(client, wrapped);
    }
    return wrapped;
  }
  end(): Promise<void> {
    return this.#pool.end();
  }
}

function postgresDialect(connectionString: string): PostgresDialect {
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") => {
        if (oid === INT8) return parseInt8;
        if (oid === NUMERIC) return keepNumericText;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection can fail (the server restarts, or an administrator ends it); the pool
  // replaces it on the next query. Say so instead of letting the error end the process.
  pool.on("error", (error) => {
    process.stderr.write(`indexer: an idle PostgreSQL connection failed: ${error.message}\n`);
  });
  return new PostgresDialect({ pool: new PreparingPool(pool) });
}

/** PGlite's parsers for the types the store reads differently from the default. */
export const pgliteParsers = { [INT8]: parseInt8, [NUMERIC]: keepNumericText };

async function pgliteDialect(
  dataDir: string | null,
  templateDir: string | null,
  schemas: readonly StoreSchema[],
) {
  if (!dataDir) return new PGliteDialect(await PGlite.create({ parsers: pgliteParsers }));
  // Synchronous up to the copy's start (pglite-template.ts says why).
  const fromTemplate = templateDir !== null && isEmptyDir(dataDir);
  if (fromTemplate) await copyTemplate(templateDir, dataDir, schemas);
  await mkdir(dataDir, { recursive: true });
  try {
    return new PGliteDialect(await PGlite.create({ dataDir, parsers: pgliteParsers }));
  } catch (error) {
    if (!fromTemplate) throw error;
    // A damaged template: start this store from initdb, and let the next one rebuild it.
    await dropTemplate(templateDir, schemas);
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true });
    return new PGliteDialect(await PGlite.create({ dataDir, parsers: pgliteParsers }));
  }
}

/**
 * Connects, brings the store up to `schemas` (in order: the chain schema first, then any that
 * build on it) and returns the store. A new PGlite store copied from a template has them all.
 */
export async function openStore(
  target: DatabaseTarget,
  schemas: readonly StoreSchema[] = [chainSchema],
): Promise<Store> {
  const dialect =
    target.kind === "postgres"
      ? postgresDialect(target.connectionString)
      : await pgliteDialect(target.dataDir, target.templateDir ?? null, schemas);
  const db = new Kysely<Database>({ dialect });
  try {
    for (const schema of schemas) await schema.migrate(db as Kysely<unknown>);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, target: target.kind, close: () => db.destroy() };
}
