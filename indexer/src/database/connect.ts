/**
 * Opens the store: PostgreSQL when a connection string is given, otherwise an embedded PGlite
 * whose data lives in a directory (or in memory). Both get the same schema and the same parsers,
 * so everything above this file runs one code path.
 */
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { migrateToLatest } from "./migrations.ts";
import { PGliteDialect } from "./pglite-dialect.ts";
import type { Database } from "./schema.ts";

/** PostgreSQL type ids whose text form we parse ourselves. */
const INT8 = 20;
const NUMERIC = 1700;

const parseInt8 = (value: string): number => Number(value);
const keepNumericText = (value: string): string => value;

export type DatabaseTarget =
  | { kind: "postgres"; connectionString: string }
  | { kind: "pglite"; dataDir: string | null };

export interface Store {
  db: Kysely<Database>;
  target: DatabaseTarget["kind"];
  close(): Promise<void>;
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
  return new PostgresDialect({ pool });
}

async function pgliteDialect(dataDir: string | null): Promise<PGliteDialect> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    parsers: { [INT8]: parseInt8, [NUMERIC]: keepNumericText },
  });
  return new PGliteDialect(pglite);
}

/** Connects, migrates to the latest schema and returns the store. */
export async function openStore(target: DatabaseTarget): Promise<Store> {
  const dialect =
    target.kind === "postgres"
      ? postgresDialect(target.connectionString)
      : await pgliteDialect(target.dataDir);
  const db = new Kysely<Database>({ dialect });
  try {
    await migrateToLatest(db as Kysely<unknown>);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, target: target.kind, close: () => db.destroy() };
}
