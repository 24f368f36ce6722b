/**
 * What event handlers write through. Nothing reaches the database until flush(): append-only
 * rows are inserted in batches, and keyed rows are read once through a cache, changed in memory
 * and written once per batch (a bulk upsert, or a delete). At blocks that may still be
 * reorganised, the value a row had before the block goes to the journal, so a rollback can
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
type Values = Record<string, unknown>;

interface Cached {
  table: MutableTable;
  key: Values;
  /** The row as it is now in this batch (null: absent). */
  row: Values | null;
  dirty: boolean;
}

interface JournalEntry {
  block: number;
  table: MutableTable;
  key: Values;
  previous: Values | null;
}

export class Writer {
  readonly #trx: Transaction<Database>;
  readonly #journalFrom: number;
  readonly #appended = new Map<AppendTable, Values[]>();
  readonly #cache = new Map<string, Cached>();
  readonly #journal: JournalEntry[] = [];
  /** Keys already journaled at a block: only the value before a block's first write matters. */
  readonly #journaled = new Set<string>();
  /** The block of the event being handled; every write is attributed to it. */
  block = 0;

  /** Writes at blocks >= `journalFrom` are journaled (they may still be reorganised). */
  constructor(trx: Transaction<Database>, journalFrom: number) {
    this.#trx = trx;
    this.#journalFrom = journalFrom;
  }

  append<T extends AppendTable>(table: T, row: Insertable<Database[T]>): void {
    const rows = this.#appended.get(table) ?? [];
    rows.push(row as Values);
    this.#appended.set(table, rows);
  }

  async get<T extends MutableTable>(table: T, key: Key<T>): Promise<Row<T> | undefined> {
    return ((await this.#load(table, key as Values)).row ?? undefined) as Row<T> | undefined;
  }

  /** Inserts or replaces the row with `row`'s key; `block_number` is set to the current block. */
  async put<T extends MutableTable>(table: T, row: Omit<Row<T>, "block_number">): Promise<void> {
    const full = { ...row, block_number: this.block } as Values;
    const entry = await this.#load(table, this.#keyOf(table, full));
    this.#record(entry);
    entry.row = full;
    entry.dirty = true;
  }

  /** Deletes the row with `key` if it exists. */
  async remove<T extends MutableTable>(table: T, key: Key<T>): Promise<void> {
    const entry = await this.#load(table, key as Values);
    if (!entry.row) return;
    this.#record(entry);
    entry.row = null;
    entry.dirty = true;
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

  /** Writes everything buffered. Call once before committing. */
  async flush(): Promise<void> {
    for (const table of appendTables) {
      await this.#insertChunks(table, this.#appended.get(table) ?? []);
    }
    this.#appended.clear();
    await this.#insertChunks(
      "spin_journal",
      this.#journal.map((e) => ({
        block_number: e.block,
        table_name: e.table,
        row_key: JSON.stringify(e.key),
        previous: e.previous ? JSON.stringify(e.previous) : null,
      })),
    );
    this.#journal.length = 0;
    const dirty = [...this.#cache.values()].filter((e) => e.dirty);
    for (const table of Object.keys(mutableTables) as MutableTable[]) {
      const mine = dirty.filter((e) => e.table === table);
      for (const entry of mine.filter((e) => e.row === null)) await this.#delete(table, entry.key);
      await this.#upsert(
        table,
        mine.flatMap((e) => (e.row ? [e.row] : [])),
      );
    }
    for (const entry of dirty) entry.dirty = false;
  }

  async #load(table: MutableTable, key: Values): Promise<Cached> {
    const cacheKey = `${table}:${JSON.stringify(this.#keyOf(table, key))}`;
    const cached = this.#cache.get(cacheKey);
    if (cached) return cached;
    let query = this.#trx.selectFrom(table).selectAll();
    for (const [column, value] of Object.entries(key)) {
      query = query.where(column as never, "=", value as never);
    }
    const row = ((await query.executeTakeFirst()) ?? null) as Values | null;
    const entry: Cached = { table, key: this.#keyOf(table, key), row, dirty: false };
    this.#cache.set(cacheKey, entry);
    return entry;
  }

  /** Journals the row's value before the current block's first write to it. */
  #record(entry: Cached): void {
    if (this.block < this.#journalFrom) return;
    const id = `${this.block}:${entry.table}:${JSON.stringify(entry.key)}`;
    if (this.#journaled.has(id)) return;
    this.#journaled.add(id);
    this.#journal.push({
      block: this.block,
      table: entry.table,
      key: entry.key,
      previous: entry.row,
    });
  }

  async #insertChunks(table: AppendTable | "spin_journal", rows: Values[]): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await this.#trx
        .insertInto(table)
        .values(rows.slice(i, i + INSERT_CHUNK) as never)
        .execute();
    }
  }

  async #delete(table: MutableTable, key: Values): Promise<void> {
    let query = this.#trx.deleteFrom(table);
    for (const [column, value] of Object.entries(key)) {
      query = query.where(column as never, "=", value as never);
    }
    await query.execute();
  }

  async #upsert(table: MutableTable, rows: Values[]): Promise<void> {
    if (rows.length === 0) return;
    const keyColumns = mutableTables[table] as readonly string[];
    const updates = Object.fromEntries(
      Object.keys(rows[0])
        .filter((c) => !keyColumns.includes(c))
        .map((c) => [c, (eb: { ref(c: string): unknown }) => eb.ref(`excluded.${c}`)]),
    );
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await this.#trx
        .insertInto(table)
        .values(rows.slice(i, i + INSERT_CHUNK).map(toDatabaseRow) as never)
        .onConflict((oc) => oc.columns(keyColumns as never).doUpdateSet(updates as never))
        .execute();
    }
  }

  #keyOf(table: MutableTable, row: Values): Values {
    return Object.fromEntries((mutableTables[table] as readonly string[]).map((c) => [c, row[c]]));
  }
}

/** JSON columns are written as JSON text (pg would turn a JS array into a Postgres array). */
export function toDatabaseRow(row: Values): Values {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      v !== null && typeof v === "object" ? JSON.stringify(v) : v,
    ]),
  );
}

/** An event refers to a row no earlier event created: the contracts and handlers disagree. */
export class MissingRowError extends Error {
  override name = "MissingRowError";
  constructor(table: string, key: object) {
    super(`no ${table} row with key ${JSON.stringify(key)}`);
  }
}
