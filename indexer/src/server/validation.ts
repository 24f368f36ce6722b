/**
 * Validation at the edge: every path parameter, query and body is parsed with zod before a
 * handler sees it; anything malformed gets a 400 whose JSON names the offending field.
 */
import type { Context } from "hono";
import { z } from "zod";

export const hexAddress = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte hex address")
  .transform((v) => v.toLowerCase() as `0x${string}`);

export const bytes32 = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte hex hash")
  .transform((v) => v.toLowerCase() as `0x${string}`);

export const uintId = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,18})$/, "must be a non-negative integer")
  .transform(Number)
  .refine(Number.isSafeInteger, "is too large");

export const limit = z.coerce.number().int().min(1).max(100).default(20);

/** An opaque cursor: base64url of a JSON array of the last row's sort key. */
export function cursorOf(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** The first `size` rows, and the cursor of the last one when `rows` (one more) had more. */
export function page<T>(rows: T[], size: number, keyOf: (row: T) => (string | number)[]) {
  const items = rows.slice(0, size);
  const nextCursor = rows.length > size ? cursorOf(keyOf(items[items.length - 1])) : null;
  return { items, nextCursor };
}

export const cursor = z
  .string()
  .max(512)
  .transform((value, ctx) => {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
      if (
        Array.isArray(parsed) &&
        parsed.every((v) => typeof v === "number" || typeof v === "string")
      ) {
        return parsed as (string | number)[];
      }
    } catch {
      // reported below
    }
    ctx.addIssue({ code: "custom", message: "is not a cursor returned by this API" });
    return z.NEVER;
  });

export class RequestError extends Error {
  override name = "RequestError";
  readonly status: 400 | 404 | 413;
  readonly field: string | null;
  constructor(status: 400 | 404 | 413, message: string, field: string | null = null) {
    super(message);
    this.status = status;
    this.field = field;
  }
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = [where, ...issue.path.map(String)].join(".");
  throw new RequestError(400, `${field} ${issue.message}`, field);
}

export function validParams<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return parseWith(schema, c.req.param(), "params");
}

export function validQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return parseWith(schema, c.req.query(), "query");
}

export async function validJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new RequestError(400, "body is not valid JSON", "body");
  }
  return parseWith(schema, body, "body");
}

/** A key cursor must have the shape the route sorts by. */
export function cursorKey(key: (string | number)[] | undefined, shape: ("number" | "string")[]) {
  if (key === undefined) return undefined;
  if (key.length !== shape.length || key.some((v, i) => typeof v !== shape[i])) {
    throw new RequestError(
      400,
      "query.cursor is not a cursor returned by this route",
      "query.cursor",
    );
  }
  return key;
}
