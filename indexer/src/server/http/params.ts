/**
 * The one schema layer for inputs: every path parameter, query parameter and body field is
 * parsed here before a handler (and so SQL) sees it. Strings carry no control characters and
 * have a bound; numbers are canonical decimals within their column's range; addresses are
 * lower-case or valid EIP-55; hashes are 32 bytes of hex.
 */
import { z } from "@hono/zod-openapi";
import { getAddress } from "viem";

/** C0 and C1 control characters, DEL, and lone UTF-16 surrogates. */
const CONTROL =
  /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

export function hasControlCharacters(text: string): boolean {
  return CONTROL.test(text);
}

/** A string of at most `max` characters with no control characters. */
export function text(max: number, min = 1) {
  return z
    .string()
    .min(min, `must have at least ${min} character${min === 1 ? "" : "s"}`)
    .max(max, `must have at most ${max} characters`)
    .refine((v) => !hasControlCharacters(v), "must not contain control characters");
}

/** The largest values the store's integer columns hold. */
export const INT4_MAX = 2_147_483_647;
export const INT8_SAFE_MAX = Number.MAX_SAFE_INTEGER;

/** A canonical decimal (no sign, no leading zeros, no spaces, no exponent) from `min` to `max`. */
export function decimal(min: number, max: number) {
  const digits = String(max).length;
  return z
    .string()
    .regex(
      new RegExp(`^(0|[1-9][0-9]{0,${digits - 1}})$`),
      `must be a decimal integer from ${min} to ${max}`,
    )
    .transform(Number)
    .refine((v) => v >= min && v <= max, `must be a decimal integer from ${min} to ${max}`)
    .openapi({
      type: "string",
      pattern: `^(0|[1-9][0-9]{0,${digits - 1}})$`,
      example: String(min),
    });
}

/** Ids stored in int4 and int8 columns. */
export const int4Id = decimal(0, INT4_MAX);
export const int8Id = decimal(0, INT8_SAFE_MAX);

/** A page size: 1 to `max`, 20 when absent. */
export function pageSize(max = 100, fallback = 20) {
  return decimal(1, max)
    .optional()
    .transform((v) => v ?? fallback);
}
export const limit = pageSize();

const UINT256_MAX = (1n << 256n) - 1n;

/** A uint256 (proposal ids) as a canonical decimal string. */
export const uint256 = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,77})$/, "must be a decimal uint256")
  .refine((v) => !/^[0-9]+$/.test(v) || BigInt(v) <= UINT256_MAX, "must be at most 2^256 - 1")
  .openapi({ type: "string", pattern: "^(0|[1-9][0-9]{0,77})$", example: "1" });

/** An account: lower-case hex, or mixed case with a valid EIP-55 checksum; read as lower case. */
export const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte hex address")
  .refine((v) => {
    const body = v.slice(2);
    if (body === body.toLowerCase()) return true;
    try {
      return getAddress(v) === v;
    } catch {
      return false;
    }
  }, "has a wrong EIP-55 checksum (give it in lower case or with a valid checksum)")
  .transform((v) => v.toLowerCase() as `0x${string}`)
  .openapi({ type: "string", pattern: "^0x[0-9a-fA-F]{40}$", example: `0x${"ab".repeat(20)}` });

/** A 32-byte hash, 0x-prefixed hex (either case); read as lower case. */
export const bytes32 = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte hex hash")
  .transform((v) => v.toLowerCase() as `0x${string}`)
  .openapi({ type: "string", pattern: "^0x[0-9a-fA-F]{64}$", example: `0x${"00".repeat(32)}` });

/** A CIDv1 of raw sha2-256 bytes in base32, as the content store names bundles. */
export const cidV1 = z.string().regex(/^bafkrei[a-z2-7]{52}$/, "must be a CIDv1 (bafkrei...)");

/** A Unix time in seconds. */
export const unixTime = decimal(0, 2 ** 40 - 1);

/** A name from an allow-list of identifiers (contract and event names). */
export const identifier = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, "must be an identifier of letters and digits")
  .openapi({ type: "string", pattern: "^[A-Za-z][A-Za-z0-9]{0,63}$" });

/** Text with surrounding spaces removed, then at least one character, bounded, no control characters. */
export function trimmedText(max: number) {
  return text(max)
    .transform((v) => v.trim())
    .pipe(z.string().min(1, "must not be blank"))
    .openapi({ type: "string", minLength: 1, maxLength: max });
}

/** A search query for the full-text index. */
export const searchText = trimmedText(200);

/** A query parameter given once or repeated, as a list of at most `max`. */
export function repeated<T extends z.ZodType>(item: T, max: number) {
  return z
    .union([item, z.array(item)])
    .transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[])
    .refine((v) => v.length <= max, `may be given at most ${max} times`);
}
