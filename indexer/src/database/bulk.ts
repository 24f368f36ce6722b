/**
 * Statements that write many rows at once: each column travels as one array parameter and
 * `unnest` turns the arrays back into rows. The statement's text depends only on the table and
 * its columns, never on the number of rows, so the server parses and plans it as cheaply for
 * 5,000 rows as for one, and the client builds no per-row SQL.
 */
import { CompiledQuery, sql, type Kysely } from "kysely";
import { arrayLiteral } from "./parameters.ts";

/** Each table's columns and their SQL types (without modifiers: numeric, not numeric(78,0)). */
export type ColumnTypes = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** Reads the column types of the store's tables from the catalog. */
export async function readColumnTypes(db: Kysely<unknown>): Promise<ColumnTypes> {
  const { rows } = await sql<{ table_name: string; column_name: string; type: string }>`
    SELECT c.relname AS table_name, a.attname AS column_name,
           format_type(a.atttypid, NULL) AS type
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0
      AND NOT a.attisdropped
  `.execute(db);
  const tables = new Map<string, Map<string, string>>();
  for (const row of rows) {
    const columns = tables.get(row.table_name) ?? new Map<string, string>();
    columns.set(row.column_name, row.type);
    tables.set(row.table_name, columns);
  }
  return tables;
}

type Values = Record<string, unknown>;

/** A JSON column's value travels as JSON text; everything else as it is. */
function cell(value: unknown): unknown {
  return value !== null && typeof value === "object" && !(value instanceof Date)
    ? JSON.stringify(value)
    : value;
}

function typesOf(types: ColumnTypes, table: string, columns: readonly string[]): string[] {
  const known = types.get(table);
  if (!known) throw new Error(`no table ${table} in the store`);
  return columns.map((column) => {
    const type = known.get(column);
    if (!type) throw new Error(`no column ${table}.${column} in the store`);
    return type;
  });
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The columns of `rows`, in first-seen order: a column a row lacks is NULL for that row. */
export function columnsOf(rows: readonly Values[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const column of Object.keys(row)) columns.add(column);
  return [...columns];
}

/** `unnest($1::t1[], $2::t2[], ...)` over `columns` of `rows`, and its parameters. */
function unnestOf(
  types: ColumnTypes,
  table: string,
  columns: readonly string[],
  rows: readonly Values[],
) {
  const sqlTypes = typesOf(types, table, columns);
  const list = sqlTypes.map((type, i) => `$${i + 1}::${type}[]`).join(", ");
  const parameters = columns.map((column) => arrayLiteral(rows.map((row) => cell(row[column]))));
  return { unnest: `unnest(${list})`, parameters };
}

export interface Upsert {
  /** The primary key: a row whose key exists replaces the stored row's other columns. */
  keys: readonly string[];
}

/** INSERT of every row in one statement; with `upsert`, rows replace those with their key. */
export function insertRows(
  types: ColumnTypes,
  table: string,
  rows: readonly Values[],
  upsert?: Upsert,
): CompiledQuery {
  const columns = columnsOf(rows);
  const { unnest, parameters } = unnestOf(types, table, columns, rows);
  let text = `INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) SELECT * FROM ${unnest}`;
  if (upsert) {
    const updates = columns
      .filter((c) => !upsert.keys.includes(c))
      .map((c) => `${quote(c)} = EXCLUDED.${quote(c)}`);
    text += ` ON CONFLICT (${upsert.keys.map(quote).join(", ")}) `;
    text += updates.length > 0 ? `DO UPDATE SET ${updates.join(", ")}` : "DO NOTHING";
  }
  return CompiledQuery.raw(text, parameters);
}

/** DELETE of every row whose key is one of `keys`, in one statement. */
export function deleteKeys(
  types: ColumnTypes,
  table: string,
  keyColumns: readonly string[],
  keys: readonly Values[],
): CompiledQuery {
  const { unnest, parameters } = unnestOf(types, table, keyColumns, keys);
  const tuple = keyColumns.map(quote).join(", ");
  return CompiledQuery.raw(
    `DELETE FROM ${quote(table)} WHERE (${tuple}) IN (SELECT * FROM ${unnest})`,
    parameters,
  );
}

/** SELECT of every row whose key is one of `keys`, in one statement. */
export function selectKeys(
  types: ColumnTypes,
  table: string,
  keyColumns: readonly string[],
  keys: readonly Values[],
): CompiledQuery {
  const { unnest, parameters } = unnestOf(types, table, keyColumns, keys);
  const tuple = keyColumns.map(quote).join(", ");
  return CompiledQuery.raw(
    `SELECT * FROM ${quote(table)} WHERE (${tuple}) IN (SELECT * FROM ${unnest})`,
    parameters,
  );
}
