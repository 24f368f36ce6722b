/**
 * How values travel to PostgreSQL as text, the same way for both engines: query parameters
 * (PGlite's connection sends them itself, as node-postgres does), array literals for bulk
 * statements, and the marker that asks a driver to keep a statement prepared.
 */

/** A query parameter as PostgreSQL's text input (null for SQL NULL), as node-postgres sends it. */
export function parameterText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "string":
      return value;
    case "number":
    case "bigint":
    case "boolean":
      return String(value);
    default:
      if (value instanceof Date) return value.toISOString();
      if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString("hex")}`;
      if (Array.isArray(value)) return arrayLiteral(value);
      return JSON.stringify(value);
  }
}

const NEEDS_ESCAPE = /["\\]/;
const ESCAPED = /["\\]/g;

/** One element of an array literal: quoted, with backslashes and quotes escaped. */
function element(value: unknown): string {
  const text = parameterText(value);
  if (text === null) return "NULL";
  return NEEDS_ESCAPE.test(text) ? `"${text.replace(ESCAPED, "\\$&")}"` : `"${text}"`;
}

/** A one-dimensional PostgreSQL array literal: `{"a","b",NULL}`. */
export function arrayLiteral(values: readonly unknown[]): string {
  let text = "{";
  for (let i = 0; i < values.length; i++) {
    if (i > 0) text += ",";
    text += element(values[i]);
  }
  return `${text}}`;
}

const PREPARED = /^\/\* spin:prepare ([a-z][a-z0-9_]{0,62}) \*\//;

/**
 * SQL that the store's drivers keep prepared under `name` (parsed and planned once per
 * connection, then only bound and run). Use it for hot statements whose text never changes.
 */
export function preparedSql(name: string, text: string): string {
  const sql = `/* spin:prepare ${name} */ ${text}`;
  if (!PREPARED.test(sql)) throw new Error(`invalid prepared statement name "${name}"`);
  return sql;
}

/** The name a statement asks to be prepared under, or null. */
export function preparedName(sql: string): string | null {
  return PREPARED.exec(sql)?.[1] ?? null;
}
