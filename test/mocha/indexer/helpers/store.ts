/** Test stores (a fresh PostgreSQL database or an in-memory PGlite) and store comparisons. */
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import pg from "pg";
import { keepTrack } from "../../../support/left-open.ts";
import type { Database } from "../../../../indexer/src/database/schema.ts";
import {
  chainTables,
  mutableTables,
  type ChainTable,
} from "../../../../indexer/src/database/schema.ts";

const ADMIN_URL =
  process.env.SPIN_TEST_POSTGRES_URL ?? "postgres://spin_test:spin_test@127.0.0.1:5432/postgres";

export interface TestDatabase {
  target: { kind: "postgres"; connectionString: string } | { kind: "pglite"; dataDir: null };
  drop(): Promise<void>;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  if (!/^postgres(ql)?:\/\/\S+$/.test(ADMIN_URL))
    throw new Error(
      `SPIN_TEST_POSTGRES_URL is not a postgres:// URL: ${JSON.stringify(ADMIN_URL)}`,
    );
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(kind: "postgres" | "pglite"): Promise<TestDatabase> {
  if (kind === "pglite") return { target: { kind, dataDir: null }, drop: async () => {} };
  const name = `spin_indexer_test_${randomBytes(6).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    target: { kind, connectionString: url.toString() },
    drop: keepTrack(`the test database ${name}`, () =>
      admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
    ),
  };
}

/**
 * A connection to `database` as a role of its own that may only log in (PostgreSQL lets any
 * role that can connect send and hear notices): what a stranger on the server can do.
 */
export async function connectAsOutsider(
  database: TestDatabase,
): Promise<{ client: pg.Client; close(): Promise<void> }> {
  if (database.target.kind !== "postgres") throw new Error("an outsider needs a PostgreSQL store");
  const role = `spin_outsider_${randomBytes(6).toString("hex")}`;
  const password = randomBytes(12).toString("hex");
  await admin((c) => c.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`)).catch(
    (error: Error) => {
      throw new Error(
        `${error.message}: the tests' PostgreSQL role needs CREATEROLE ` +
          "(scripts/test/postgres.sh grants it on the server it sets up)",
        { cause: error },
      );
    },
  );
  const url = new URL(database.target.connectionString);
  url.username = role;
  url.password = password;
  const client = new pg.Client({ connectionString: url.toString() });
  const dropRole = () => admin((c) => c.query(`DROP ROLE IF EXISTS ${role}`)).then(() => {});
  try {
    await client.connect();
  } catch (error) {
    await dropRole();
    throw error;
  }
  return {
    client,
    close: keepTrack(`the outsider role ${role}`, async () => {
      await client.end();
      await dropRole();
    }),
  };
}

function orderKey(table: ChainTable): string[] {
  return table in mutableTables
    ? [...mutableTables[table as keyof typeof mutableTables]]
    : ["block_number", "log_index"];
}

/** Every chain table's rows in key order: two stores with equal dumps hold the same data. */
export async function dumpChainData(db: Kysely<Database>): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const table of chainTables) {
    let query = db.selectFrom(table).selectAll();
    for (const column of orderKey(table)) query = query.orderBy(column as never);
    dump[table] = await query.execute();
  }
  return dump;
}
