/**
 * Turns a failed write into something a person can read: a rejected signature is a calm note, a
 * contract's custom error becomes a sentence naming what was wrong, and the gateway's refusal
 * says the account is not admitted. Errors are decoded against every SPIN ABI, so an error raised
 * by a contract called from another one (the coin under Licensing) is still recognised.
 */
import { abis } from "@spin/shared";
import { BaseError, decodeErrorResult, type Abi, type Hex } from "viem";

export type Failure =
  | { kind: "rejected" }
  | { kind: "contract"; name: string; args: readonly unknown[] }
  | { kind: "unauthorized" }
  | { kind: "network"; message: string }
  /** Mined and reverted; `outOfGas` when it used its whole gas limit. */
  | { kind: "reverted"; outOfGas: boolean }
  | { kind: "unknown"; message: string };

/** Every custom error of every SPIN contract, once. */
export const errorsAbi: Abi = (() => {
  const seen = new Set<string>();
  const items: Abi[number][] = [];
  for (const abi of Object.values(abis) as Abi[]) {
    for (const item of abi) {
      if (item.type !== "error") continue;
      const key = `${item.name}(${item.inputs.map((i) => i.type).join(",")})`;
      if (seen.has(key)) continue;
      seen.add(key);
      items.push(item);
    }
  }
  return items;
})();

/** Besu's (and the gateway's) code for a sender the permissioning refuses. */
const SENDER_NOT_AUTHORIZED = -32007;
const USER_REJECTED = 4001;
const HEX_DATA = /^0x[0-9a-fA-F]{8,}$/;

interface ErrorLike {
  code?: unknown;
  data?: unknown;
  message?: unknown;
  cause?: unknown;
  name?: unknown;
}

function chainOf(error: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 12 && typeof current === "object" && current !== null; depth++) {
    out.push(current as ErrorLike);
    current = (current as ErrorLike).cause;
  }
  return out;
}

function revertDataOf(link: ErrorLike): Hex | undefined {
  const data = link.data;
  if (typeof data === "string" && HEX_DATA.test(data)) return data as Hex;
  if (typeof data === "object" && data !== null) {
    const nested = (data as { data?: unknown }).data;
    if (typeof nested === "string" && HEX_DATA.test(nested)) return nested as Hex;
  }
  return undefined;
}

function decodedNameOf(link: ErrorLike): Failure | undefined {
  const data = link.data;
  if (typeof data !== "object" || data === null) return undefined;
  const { errorName, args } = data as { errorName?: unknown; args?: unknown };
  if (typeof errorName !== "string" || errorName === "Error" || errorName === "Panic") {
    return undefined;
  }
  return { kind: "contract", name: errorName, args: Array.isArray(args) ? args : [] };
}

/** Decodes raw revert data against the SPIN errors; undefined when it is not one of them. */
export function decodeRevertData(data: Hex): Failure | undefined {
  try {
    const decoded = decodeErrorResult({ abi: errorsAbi, data });
    return { kind: "contract", name: decoded.errorName, args: decoded.args ?? [] };
  } catch {
    return undefined;
  }
}

function isRejection(link: ErrorLike): boolean {
  return link.code === USER_REJECTED || link.name === "UserRejectedRequestError";
}

function isUnauthorized(link: ErrorLike): boolean {
  if (link.code === SENDER_NOT_AUTHORIZED) return true;
  return typeof link.message === "string" && /not authorized to send/i.test(link.message);
}

function isNetwork(link: ErrorLike): boolean {
  return (
    link.name === "HttpRequestError" ||
    link.name === "TimeoutError" ||
    link.name === "WebSocketRequestError"
  );
}

/** Classifies any error thrown while simulating, signing or sending a transaction. */
export function decodeFailure(error: unknown): Failure {
  const chain = chainOf(error);
  if (chain.some(isRejection)) return { kind: "rejected" };
  for (const link of chain) {
    const named = decodedNameOf(link);
    if (named) return named;
    const raw = revertDataOf(link);
    const decoded = raw ? decodeRevertData(raw) : undefined;
    if (decoded) return decoded;
  }
  if (chain.some(isUnauthorized)) return { kind: "unauthorized" };
  if (chain.some(isNetwork)) return { kind: "network", message: messageOf(error) };
  return { kind: "unknown", message: messageOf(error) };
}

/**
 * A transaction that was mined and reverted. The receipt carries no reason; a transaction that
 * used its whole gas limit ran out of gas (a failing check leaves gas unused).
 */
export function minedFailure(gasUsed: bigint, gasLimit: bigint): Failure {
  return { kind: "reverted", outOfGas: gasUsed >= gasLimit };
}

export function messageOf(error: unknown): string {
  if (error instanceof BaseError) return error.shortMessage;
  if (error instanceof Error) return error.message;
  return String(error);
}
