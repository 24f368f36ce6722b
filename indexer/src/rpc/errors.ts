/** How the sync tells RPC failures apart: a range too large to answer, or anything else. */
import { BaseError, ResponseBodyTooLargeError, RpcRequestError } from "viem";
import type { RangeRefusal } from "./ranges.ts";

/** Nodes' messages for a range with too many blocks (a fixed limit: never ask for more). */
const BLOCK_LIMIT_MESSAGE =
  /block range|range (is )?too (large|wide|big)|too many blocks|exceeds? max(imum)? (block )?range|max(imum)? block range/i;
/** Nodes' messages for an answer with too many logs (a smaller range will do). */
const ANSWER_LIMIT_MESSAGE =
  /too many (results|logs)|more than \d+ (results|logs)|response size|limit exceeded|exceed/i;
/** Infura, Alchemy and others answer -32005 for both kinds. */
const RANGE_LIMIT_CODES = new Set([-32005]);

/**
 * Why the node refused an eth_getLogs range as too large, or null when it did not (another
 * failure: retry the same range). Splitting a refused range may succeed.
 */
export function rangeRefusal(error: unknown): RangeRefusal | null {
  if (!(error instanceof BaseError)) return null;
  // viem refuses answers over its body size limit: a smaller range returns fewer logs.
  const tooLarge = error.walk((e) => e instanceof ResponseBodyTooLargeError);
  if (tooLarge instanceof ResponseBodyTooLargeError) {
    const answerBytes = Number(tooLarge.size);
    const maxBytes = Number(tooLarge.maxSize);
    return {
      limit: "answer",
      ...(Number.isFinite(answerBytes) && answerBytes > 0 ? { answerBytes } : {}),
      ...(Number.isFinite(maxBytes) && maxBytes > 0 ? { maxBytes } : {}),
    };
  }
  const text = `${error.details ?? ""} ${error.message}`;
  if (BLOCK_LIMIT_MESSAGE.test(text)) return { limit: "blocks" };
  const rpc = error.walk((e) => e instanceof RpcRequestError) as RpcRequestError | null;
  if (ANSWER_LIMIT_MESSAGE.test(text) || (rpc && RANGE_LIMIT_CODES.has(rpc.code))) {
    return { limit: "answer" };
  }
  return null;
}

/** A short, single-line description of an RPC failure for logs and /health. */
export function describeError(error: unknown): string {
  if (error instanceof BaseError) return error.shortMessage.split("\n")[0] ?? error.name;
  if (error instanceof Error) return error.message.split("\n")[0] ?? error.name;
  return String(error);
}
