/**
 * Page cursors: opaque to clients, signed by the server. A cursor names the route it belongs
 * to and the sort key of the last row served; its HMAC (keyed by a secret kept in the store, so
 * every API process over one database shares it) makes a tampered or foreign cursor a 400
 * before anything reaches SQL. Versioned ("v1.") so the format can change.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "@hono/zod-openapi";
import { ApiError } from "./errors.ts";
import { hasControlCharacters, INT8_SAFE_MAX } from "./params.ts";

export type KeyPart = "int" | "text" | "uint256";
export type CursorKey = (number | string)[];

const VERSION = "v1";
const TAG_BYTES = 16;

/** The wire form of a cursor: checked for shape here, for its signature by the route. */
export const cursorParam = z
  .string()
  .max(512, "must have at most 512 characters")
  .regex(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, "is not a cursor returned by this API")
  .openapi({ type: "string", maxLength: 512, pattern: "^v1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$" });

export interface Cursors {
  /** The cursor after `key` on `route`. */
  encode(route: string, key: CursorKey): string;
  /** The key a cursor of `route` carries, checked against `shape`; a 400 otherwise. */
  decode(route: string, cursor: string | undefined, shape: KeyPart[]): CursorKey | undefined;
}

function invalid(): never {
  throw new ApiError(
    400,
    "invalid_request",
    "query.cursor is not a cursor returned by this route",
    "query.cursor",
  );
}

function validPart(value: unknown, part: KeyPart): boolean {
  if (part === "int")
    return (
      Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= INT8_SAFE_MAX
    );
  if (typeof value !== "string" || value.length > 256 || hasControlCharacters(value)) return false;
  return part === "text" || /^(0|[1-9][0-9]{0,77})$/.test(value);
}

export function createCursors(secret: Uint8Array): Cursors {
  const tag = (route: string, payload: string) =>
    createHmac("sha256", secret)
      .update(`${VERSION}|${route}|${payload}`)
      .digest()
      .subarray(0, TAG_BYTES);
  return {
    encode(route, key) {
      const payload = Buffer.from(JSON.stringify(key)).toString("base64url");
      return `${VERSION}.${payload}.${tag(route, payload).toString("base64url")}`;
    },
    decode(route, cursor, shape) {
      if (cursor === undefined) return undefined;
      const [version, payload, signature] = cursor.split(".");
      if (version !== VERSION || !payload || !signature) invalid();
      const given = Buffer.from(signature, "base64url");
      const expected = tag(route, payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) invalid();
      let key: unknown;
      try {
        key = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
      } catch {
        invalid();
      }
      if (!Array.isArray(key) || key.length !== shape.length) invalid();
      if (!shape.every((part, i) => validPart(key[i], part))) invalid();
      return key as CursorKey;
    },
  };
}

/** The first `size` rows, and a cursor after the last one when `rows` (one more) had more. */
export function pageOf<T>(
  cursors: Cursors,
  route: string,
  rows: T[],
  size: number,
  keyOf: (row: T) => CursorKey,
) {
  const items = rows.slice(0, size);
  const nextCursor =
    rows.length > size ? cursors.encode(route, keyOf(items[items.length - 1])) : null;
  return { items, nextCursor };
}
