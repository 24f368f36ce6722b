/** Small helpers the route modules share. */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { sql, type RawBuilder } from "kysely";
import type { ApiEnv } from "./context.ts";
import type { CursorKey } from "./cursor.ts";

/** The headers every answer carries. */
export function standardHeaders(requestId: string): Record<string, string> {
  return { "X-Request-Id": requestId, "X-Content-Type-Options": "nosniff" };
}

/** The headers of a JSON answer (ok(), and the direct answers of http/direct.ts). */
export function jsonHeaders(requestId: string): Record<string, string> {
  return { "Content-Type": "application/json", ...standardHeaders(requestId) };
}

/** Answers that already carry the standard headers (ok(), error answers). */
const withStandardHeaders = new WeakSet<Response>();

export function hasStandardHeaders(response: Response): boolean {
  return withStandardHeaders.has(response);
}

/** Marks an answer built with standardHeaders(), so that nothing sets them again. */
export function builtWithStandardHeaders<R extends Response>(response: R): R {
  withStandardHeaders.add(response);
  return response;
}

/**
 * A JSON answer. Route handlers build rows from the store, whose column types are wider than the
 * documented schemas (a text column holding an enum); the schema is enforced by the tests, which
 * check every response they see against /openapi.json.
 *
 * Its headers are a plain object, complete from the start: the Node server writes them as they
 * are. Headers added to an answer after it was built turn them into a Headers object, which is
 * built, sorted and copied again on every answer (a tenth of what a licence check allocates).
 */
export function ok(c: Context, data: unknown, status: 200 | 201 = 200) {
  return jsonAnswer(c, data, status);
}

/** A JSON answer with any status, built as ok() builds one (/health answers 503 when stuck). */
export function jsonAnswer(c: Context, data: unknown, status: ContentfulStatusCode) {
  const response = new Response(JSON.stringify(data), {
    status,
    headers: jsonHeaders((c as Context<ApiEnv>).get("requestId")),
  });
  return builtWithStandardHeaders(response) as never;
}

/** `(a, b) < (x, y)` for keyset paging, newest first. */
export function before(columns: string[], key: CursorKey): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join(columns.map((c) => sql.ref(c)))}) < (${sql.join(key)})`;
}

/** `(a, b) > (x, y)` for keyset paging, oldest first. */
export function after(columns: string[], key: CursorKey): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join(columns.map((c) => sql.ref(c)))}) > (${sql.join(key)})`;
}

/** One CSV cell: quoted when needed; text a spreadsheet would run as a formula is defused. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text) && !/^-?[0-9]+$/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csv(columns: string[], rows: Record<string, unknown>[]): string {
  const lines = [columns.join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
