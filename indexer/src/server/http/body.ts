/**
 * Small JSON bodies (profile documents, signed applications), read as they stream and refused
 * at the first byte past their bound, whatever the request declared: nothing larger is ever
 * held in memory. The connection of a refused body is closed, as the rest is never read.
 */
import type { Context } from "hono";
import { ApiError } from "./errors.ts";

/** The bytes of an application/json body of at most `max` bytes; 415 or 413 otherwise. */
export async function jsonBytes(c: Context, max: number, what: string): Promise<Uint8Array> {
  const request = c.req.raw;
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get("content-type") ?? "")) {
    throw new ApiError(
      415,
      "unsupported_media_type",
      `${what} is application/json`,
      "headers.content-type",
    );
  }
  const tooLarge = (used: number) => {
    c.header("Connection", "close");
    return new ApiError(413, "too_large", `${what} has at most ${max} bytes`, "body", {
      limit: max,
      used,
    });
  };
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > max) throw tooLarge(declared);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > max) {
        await reader.cancel();
        throw tooLarge(size);
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks);
}
