/** Response building blocks shared by every route's schemas. */
import { z } from "@hono/zod-openapi";
import { errorSchema } from "../http/errors.ts";

export const hex = z.string().regex(/^0x[0-9a-f]*$/);
export const account = z
  .string()
  .regex(/^0x[0-9a-f]{40}$/)
  .openapi({ example: `0x${"ab".repeat(20)}` });
export const hash32 = z.string().regex(/^0x[0-9a-f]{64}$/);
/** A uint256 or int256 amount as a decimal string (wei of SPIN). */
export const amount = z
  .string()
  .regex(/^-?[0-9]+$/)
  .openapi({ example: "1000000000000000000" });
export const int = z.number().int();
export const json = z.record(z.string(), z.unknown());

/** A page of a list route: its rows and the cursor of the next page (null on the last). */
export function pageSchema<T extends z.ZodType>(item: T, name: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);
}

export function listSchema<T extends z.ZodType>(item: T, name: string) {
  return z.object({ items: z.array(item) }).openapi(name);
}

const errorContent = { "application/json": { schema: errorSchema } };

/** The error answers a route documents besides its own (every route may answer these). */
export function errorResponses(
  ...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503)[]
) {
  const text: Record<number, string> = {
    400: "Invalid request: the JSON body names the field",
    401: "No valid signature",
    403: "The signer may not do this",
    404: "Not found",
    409: "Conflicts with what is stored",
    413: "Too large: the body gives the limit",
    415: "Unsupported content type",
    429: "Quota used up: the body gives the limit",
    503: "Not ready",
  };
  // Every route refuses parameters it does not declare, so every route may answer 400.
  const all = [...new Set([400, ...statuses])] as (keyof typeof text)[];
  return {
    ...Object.fromEntries(all.map((s) => [s, { description: text[s], content: errorContent }])),
    default: {
      description: "Any other error (405 with Allow, 500 with the request id)",
      content: errorContent,
    },
  };
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}
