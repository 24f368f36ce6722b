/**
 * What event handlers write through. Nothing reaches the database until flush(): append-only
 * rows are inserted in bulk, and keyed rows are read once through a cache (or preloaded many at
 * a time), changed in memory and written once per batch (a bulk upsert, or a bulk delete). At
 * blocks that may still be reorganised, the value a row had before the block goes to the
 * journal, so a rollback can restore it.
 */
import type { Insertable, Selectable, Transaction } from "kysely";
import { deleteKeys, insertRows, selectKeys, type ColumnTypes } from "../database/bulk.ts";
import {
  appendTables,
  mutableTables,
  type AppendTable,
  type Database,
  type MutableTable,
} from "../database/schema.ts";

/** Rows per bulk statement: bounds the size of one statement's parameters. */
const BULK_CHUNK = 10_000;

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
  readonly #types: ColumnTypes;
  readonly #journalFrom: number;
  readonly #appended = new Map<AppendTable, Values[]>();
  readonly #cache = new Map<string, Cached>();
  readonly #journal: JournalEntry[] = [];
  /** Keys already journaled at a block: only the value before a block's first write matters. */
  readonly #journaled = new Set<string>();
  /** The block of the event being handled; every write is attributed to it. */
  block = 0;

  /**
   * Writes at blocks >= `journalFrom` are journaled (they may still be reorganised); `types` are
   * the store's column types, which bulk statements name.
   */
  constructor(trx: Transaction<Database>, journalFrom: number, types: ColumnTypes) {
    this.#trx = trx;
    this.#journalFrom = journalFrom;
    this.#types = types;
  }

  append<T extends AppendTable>(table: T, row: Insertable<Database[T]>): void {
    let rows = this.#appended.get(table);
    if (!rows) this.#appended.set(table, (rows = []));
    rows.push(row as Values);
  }

  /**
   * Reads the rows of `keys` that are not cached yet, in one query: handlers that will touch
   * many rows of a table call this first instead of reading them one by one.
   */
  async preload<T extends MutableTable>(table: T, keys: readonly Key<T>[]): Promise<void> {
    const keyColumns = mutableTables[table] as readonly string[];
    const missing = new Map<string, Values>();
    for (const key of keys as readonly Values[]) {
      const id = this.#cacheKey(table, key);
      if (!this.#cache.has(id) && !missing.has(id)) missing.set(id, this.#keyOf(table, key));
    }
    if (missing.size === 0) return;
    const wanted = [...missing.values()];
    const found = new Map<string, Values>();
    for (let i = 0; i < wanted.length; i += BULK_CHUNK) {
      const query = selectKeys(this.#types, table, keyColumns, wanted.slice(i, i + BULK_CHUNK));
      const { rows } = await this.#trx.executeQuery<Values>(query);
      for (const row of rows) found.set(this.#cacheKey(table, row), row);
    }
    for (const [id, key] of missing) {
      this.#cache.set(id, { table, key, row: found.get(id) ?? null, dirty: false });
    }
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
      await this.#insert(table, this.#appended.get(table) ?? []);
    }
    this.#appended.clear();
    await this.#insert(
      "spin_journal",
      this.#journal.map((e) => ({
        block_number: e.block,
        table_name: e.table,
        row_key: JSON.stringify(e.key),
        previous: e.previous ? JSON.stringify(e.previous) : null,
      })),
    );
    this.#journal.length = 0;
    const dirty = new Map<MutableTable, Cached[]>();
    for (const entry of this.#cache.values()) {
      if (!entry.dirty) continue;
      let entries = dirty.get(entry.table);
      if (!entries) dirty.set(entry.table, (entries = []));
      entries.push(entry);
      entry.dirty = false;
    }
    for (const table of Object.keys(mutableTables) as MutableTable[]) {
      const mine = dirty.get(table) ?? [];
      const keys = mutableTables[table] as readonly string[];
      const removed = mine.filter((e) => e.row === null).map((e) => e.key);
      for (let i = 0; i < removed.length; i += BULK_CHUNK) {
        await this.#trx.executeQuery(
          deleteKeys(this.#types, table, keys, removed.slice(i, i + BULK_CHUNK)),
        );
      }
      const rows = mine.flatMap((e) => (e.row ? [e.row] : []));
      for (let i = 0; i < rows.length; i += BULK_CHUNK) {
        await this.#trx.executeQuery(
          insertRows(this.#types, table, rows.slice(i, i + BULK_CHUNK), { keys }),
        );
      }
    }
  }

  #cacheKey(table: MutableTable, key: Values): string {
    const columns = mutableTables[table] as readonly string[];
    let id: string = table;
    for (let i = 0; i < columns.length; i++) id += `\u0000${key[columns[i]]}`;
    return id;
  }

  async #load(table: MutableTable, key: Values): Promise<Cached> {
    const id = this.#cacheKey(table, key);
    const cached = this.#cache.get(id);
    if (cached) return cached;
    let query = this.#trx.selectFrom(table).selectAll();
    const keyValues = this.#keyOf(table, key);
    for (const [column, value] of Object.entries(keyValues)) {
      query = query.where(column as never, "=", value as never);
    }
    const row = ((await query.executeTakeFirst()) ?? null) as Values | null;
    const entry: Cached = { table, key: keyValues, row, dirty: false };
    this.#cache.set(id, entry);
    return entry;
  }

  /** Journals the row's value before the current block's first write to it. */
  #record(entry: Cached): void {
    if (this.block < this.#journalFrom) return;
    const id = `${this.block}\u0000${this.#cacheKey(entry.table, entry.key)}`;
    if (this.#journaled.has(id)) return;
    this.#journaled.add(id);
    this.#journal.push({
      block: this.block,
      table: entry.table,
      key: entry.key,
      previous: entry.row,
    });
  }

  async #insert(table: AppendTable | "spin_journal", rows: Values[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BULK_CHUNK) {
      await this.#trx.executeQuery(insertRows(this.#types, table, rows.slice(i, i + BULK_CHUNK)));
    }
  }

  #keyOf(table: MutableTable, row: Values): Values {
    const key: Values = {};
    for (const column of mutableTables[table] as readonly string[]) key[column] = row[column];
    return key;
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
