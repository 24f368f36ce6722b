/**
 * A Kysely dialect over one embedded PGlite instance. PGlite has a single connection, so every
 * query and every transaction takes it in turn: a transaction holds the connection from BEGIN to
 * COMMIT and nothing else interleaves.
 *
 * Each query is one call into PostgreSQL's extended protocol (parse, bind, describe, execute,
 * sync in a single message), where PGlite's own query() makes six: with WASM crossings and its
 * type lookups, those cost more than most of SPIN's queries themselves. Parameters go as text,
 * as node-postgres sends them, so both engines see the same values. A statement marked with
 * preparedSql() is parsed and planned once, then only bound and run.
 */
import { parse, protocol, type PGlite } from "@electric-sql/pglite";
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from "kysely";
import { parameterText, preparedName } from "./parameters.ts";

const { serialize } = protocol;

/** SQLSTATE 42P05: a prepared statement of this name already exists. */
const DUPLICATE_STATEMENT = "42P05";

function concat(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const message = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    message.set(part, offset);
    offset += part.length;
  }
  return message;
}

/**
 * A Bind message (portal "", all values as text), written with Buffer's native string
 * encoding: bulk statements bind megabytes of array literals, which the protocol module's
 * byte-by-byte writer turns into a noticeable share of a backfill.
 */
function bind(statement: string, values: readonly (string | null)[]): Uint8Array {
  const lengths = values.map((v) => (v === null ? -1 : Buffer.byteLength(v)));
  let size = 4 + 1 + Buffer.byteLength(statement) + 1 + 2 + 2 + 2;
  for (const length of lengths) size += 4 + Math.max(length, 0);
  const message = Buffer.allocUnsafe(1 + size);
  let at = message.writeUInt8(0x42, 0); // 'B'
  at = message.writeInt32BE(size, at);
  at = message.writeUInt8(0, at); // the unnamed portal
  at += message.write(statement, at);
  at = message.writeUInt8(0, at);
  at = message.writeInt16BE(0, at); // every parameter in text format
  at = message.writeInt16BE(values.length, at);
  values.forEach((value, i) => {
    at = message.writeInt32BE(lengths[i], at);
    if (value !== null) at += message.write(value, at);
  });
  message.writeInt16BE(0, at); // every result column in text format
  return message;
}

class PGliteConnection implements DatabaseConnection {
  readonly #pglite: PGlite;
  /** Names of the statements this connection has prepared. */
  readonly #prepared: Set<string>;
  constructor(pglite: PGlite, prepared: Set<string>) {
    this.#pglite = pglite;
    this.#prepared = prepared;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const name = preparedName(compiled.sql);
    const fresh = name !== null && !this.#prepared.has(name);
    let messages;
    try {
      messages = await this.#pglite.execProtocolStream(this.#message(compiled, name, fresh));
    } catch (error) {
      // A statement whose parse succeeded before another step failed stays prepared.
      if (fresh && (error as { code?: string }).code === DUPLICATE_STATEMENT) {
        this.#prepared.add(name);
        return this.executeQuery(compiled);
      }
      if (fresh) await this.#forget(name);
      throw error;
    }
    if (fresh) this.#prepared.add(name);
    const [result] = parse.parseResults(messages, this.#pglite.parsers);
    return {
      rows: (result?.rows ?? []) as R[],
      numAffectedRows: result?.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
    };
  }

  #message(compiled: CompiledQuery, name: string | null, fresh: boolean): Uint8Array {
    const parts: Uint8Array[] = [];
    if (name === null || fresh)
      parts.push(serialize.parse({ name: name ?? "", text: compiled.sql }));
    parts.push(
      bind(name ?? "", compiled.parameters.map(parameterText)),
      serialize.describe({ type: "P" }),
      serialize.execute({}),
      serialize.sync(),
    );
    return concat(parts);
  }

  /** Drops a statement whose first run failed, so that the next run parses it again. */
  async #forget(name: string): Promise<void> {
    try {
      await this.#pglite.execProtocolStream(
        concat([serialize.close({ type: "S", name }), serialize.sync()]),
      );
    } catch {
      // Nothing was prepared under this name: there is nothing to drop.
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("PGlite connections do not stream query results");
  }
}

/** A FIFO lock: the single PGlite connection goes to one holder at a time. */
class ConnectionLock {
  #tail: Promise<void> = Promise.resolve();

  async acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => next);
    await previous;
    return release;
  }
}

class PGliteDriver implements Driver {
  readonly #pglite: PGlite;
  readonly #lock = new ConnectionLock();
  readonly #releases = new WeakMap<DatabaseConnection, () => void>();
  readonly #prepared = new Set<string>();

  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }

  async init(): Promise<void> {
    await this.#pglite.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#lock.acquire();
    const connection = new PGliteConnection(this.#pglite, this.#prepared);
    this.#releases.set(connection, release);
    return connection;
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings) {
    await connection.executeQuery(CompiledQuery.raw("BEGIN"));
  }

  async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw("COMMIT"));
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw("ROLLBACK"));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.#releases.get(connection)?.();
    this.#releases.delete(connection);
  }

  async destroy(): Promise<void> {
    if (!this.#pglite.closed) await this.#pglite.close();
  }
}

export class PGliteDialect implements Dialect {
  readonly #pglite: PGlite;
  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }
  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.#pglite);
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}
