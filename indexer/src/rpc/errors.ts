/** How the sync tells RPC failures apart: a range too large to answer, or anything else. */
import { BaseError, RpcRequestError } from "viem";

const RANGE_LIMIT_CODES = new Set([-32005]);
const RANGE_LIMIT_MESSAGE =
  /block range|range (is )?too (large|wide|big)|too many (results|logs|blocks)|limit exceeded|more than \d+ (results|logs)|response size|exceed/i;

/** True when the node refused an eth_getLogs range as too large (splitting it may succeed). */
export function isRangeTooLarge(error: unknown): boolean {
  if (!(error instanceof BaseError)) return false;
  const rpc = error.walk((e) => e instanceof RpcRequestError) as RpcRequestError | null;
  if (rpc && RANGE_LIMIT_CODES.has(rpc.code)) return true;
  return RANGE_LIMIT_MESSAGE.test(error.details ?? "") || RANGE_LIMIT_MESSAGE.test(error.message);
}

/** A short, single-line description of an RPC failure for logs and /health. */
export function describeError(error: unknown): string {
  if (error instanceof BaseError) return error.shortMessage.split("\n")[0] ?? error.name;
  if (error instanceof Error) return error.message.split("\n")[0] ?? error.name;
  return String(error);
}
