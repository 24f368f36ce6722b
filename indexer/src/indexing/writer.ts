/**
 * What event handlers write through. Append-only rows are buffered and inserted in batches;
 * keyed rows are read through a per-batch cache and written at once, and at blocks that may
 * still be reorganised their previous value goes to the journal first, so a rollback can
 * restore it.
 */
import type { Insertable, Selectable, Transaction } from "kysely";
import {
  appendTables,
  mutableTables,
  type AppendTable,
  type Database,
  type MutableTable,
} from "../database/schema.ts";

/** Rows per multi-row INSERT (well under PostgreSQL's 65,535 parameters). */
const INSERT_CHUNK = 500;

export type Row<T extends MutableTable> = Selectable<Database[T]>;
type Key<T extends MutableTable> = Pick<Row<T>, (typeof mutableTables)[T][number] & keyof Row<T>>;

export class Writer {
  readonly #trx: Transaction<Database>;
  readonly #journalFrom: number;
  readonly #appended = new Map<AppendTable, Record<string, unknown>[]>();
  readonly #cache = new Map<string, Record<string, unknown> | null>();
  /** The block of the event being handled; every write is attributed to it. */
  block = 0;

  /** Writes at blocks >= `journalFrom` are journaled (they may still be reorganised). */
  constructor(trx: Transaction<Database>, journalFrom: number) {
    this.#trx = trx;
    this.#journalFrom = journalFrom;
  }

  append<T extends AppendTable>(table: T, row: Insertable<Database[T]>): void {
    const rows = this.#appended.get(table) ?? [];
    rows.push(row as Record<string, unknown>);
    this.#appended.set(table, rows);
  }

  async get<T extends MutableTable>(table: T, key: Key<T>): Promise<Row<T> | undefined> {
    const cacheKey = this.#cacheKey(table, key);
    if (this.#cache.has(cacheKey)) return (this.#cache.get(cacheKey) ?? undefined) as Row<T>;
    let query = this.#trx.selectFrom(table as MutableTable).selectAll();
    for (const [column, value] of Object.entries(key)) {
      query = query.where(column as never, "=", value as never);
    }
    const row = ((await query.executeTakeFirst()) ?? null) as Record<string, unknown> | null;
    this.#cache.set(cacheKey, row);
    return (row ?? undefined) as Row<T> | undefined;
  }

  /** Inserts or replaces the row with `row`'s key; `block_number` is set to the current block. */
  async put<T extends MutableTable>(table: T, row: Omit<Row<T>, "block_number">): Promise<void> {
    const full = { ...row, block_number: this.block } as Record<string, unknown>;
    const key = this.#keyOf(table, full);
    const previous = await this.get(table, key as Key<T>);
    await this.#journal(table, key, previous);
    const columns = mutableTables[table] as readonly string[];
    const updates = Object.fromEntries(
      Object.keys(full)
        .filter((c) => !columns.includes(c))
        .map((c) => [c, (eb: { ref(c: string): unknown }) => eb.ref(`excluded.${c}`)]),
    );
    await this.#trx
      .insertInto(table as MutableTable)
      .values(toDatabaseRow(full) as never)
      .onConflict((oc) => oc.columns(columns as never).doUpdateSet(updates as never))
      .execute();
    this.#cache.set(this.#cacheKey(table, key), full);
  }

  /** Deletes the row with `key` if it exists, journaling it first. */
  async remove<T extends MutableTable>(table: T, key: Key<T>): Promise<void> {
    const previous = await this.get(table, key);
    if (!previous) return;
    await this.#journal(table, key as Record<string, unknown>, previous);
    let query = this.#trx.deleteFrom(table as MutableTable);
    for (const [column, value] of Object.entries(key)) {
      query = query.where(column as never, "=", value as never);
    }
    await query.execute();
    this.#cache.set(this.#cacheKey(table, key), null);
  }

  async #journal(table: MutableTable, key: Record<string, unknown>, previous: unknown) {
    if (this.block < this.#journalFrom) return;
    await this.#trx
      .insertInto("spin_journal")
      .values({
        block_number: this.block,
        table_name: table,
        row_key: JSON.stringify(key),
        previous: previous ? JSON.stringify(previous) : null,
      })
      .execute();
  }

  /** Reads the row, applies `change` and writes it back; throws when the row is missing. */
  async update<T extends MutableTable>(
    table: T,
    key: Key<T>,
    change: (row: Row<T>) => Partial<Row<T>>,
  ): Promise<void> {
    const row = await this.get(table, key);
    if (!row) throw new MissingRowError(table, key);
    await this.put(table, { ...row, ...change(row) });
  }

  /** Inserts the buffered append-only rows. Call once before committing. */
  async flush(): Promise<void> {
    for (const table of appendTables) {
      const rows = this.#appended.get(table);
      if (!rows) continue;
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await this.#trx
          .insertInto(table)
          .values(rows.slice(i, i + INSERT_CHUNK) as never)
          .execute();
      }
    }
    this.#appended.clear();
  }

  #keyOf(table: MutableTable, row: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries((mutableTables[table] as readonly string[]).map((c) => [c, row[c]]));
  }

  #cacheKey(table: MutableTable, key: object): string {
    return `${table}:${JSON.stringify(this.#keyOf(table, key as Record<string, unknown>))}`;
  }
}

/** JSON columns are written as JSON text (pg would turn a JS array into a Postgres array). */
export function toDatabaseRow(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, v !== null && typeof v === "object" ? JSON.stringify(v) : v]),
  );
}

/** An event refers to a row no earlier event created: the contracts and handlers disagree. */
export class MissingRowError extends Error {
  override name = "MissingRowError";
  constructor(table: string, key: object) {
    super(`no ${table} row with key ${JSON.stringify(key)}`);
  }
}
