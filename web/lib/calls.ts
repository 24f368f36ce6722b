/**
 * A proposal's calls in words: each call decoded against the ABI of the SPIN contract it targets,
 * its arguments named and typed, so a page can show accounts by name, amounts in SPIN and
 * sub-funds by name instead of calldata.
 */
import { abis, type AddressBook } from "@spin/shared";
import { decodeFunctionData, type Abi, type AbiParameter, type Hex } from "viem";

export type ArgKind =
  | "account"
  | "amount"
  | "subFund"
  | "time"
  | "bps"
  | "text"
  | "number"
  | "other";

export interface DecodedArg {
  name: string;
  kind: ArgKind;
  value: string;
}

export interface DecodedCall {
  /** SPIN contract name from the address book, or null for another target. */
  contract: string | null;
  target: string;
  fn: string;
  args: DecodedArg[];
  /** Native value sent with the call (wei). */
  value: bigint;
  /** Calldata could not be decoded (unknown target or selector). */
  raw?: Hex;
}

function kindOf(param: AbiParameter, contract: string | null): ArgKind {
  const name = (param.name ?? "").replace(/_$/, "");
  if (param.type === "address") return "account";
  if (param.type === "string") return "text";
  if (/^uint/.test(param.type)) {
    if (name === "subFund") return "subFund";
    if (/bps/i.test(name)) return "bps";
    if (/^(start|end|lockedUntil|deadline|expiry)$/.test(name)) return "time";
    if (/^(amount|value|fee|price)$/i.test(name) && contract !== "LicenceTemplates")
      return "amount";
    return "number";
  }
  return "other";
}

function text(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return value;
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

/** Decodes one call of a proposal (target, value, calldata). */
export function decodeCall(
  book: AddressBook,
  target: string,
  value: bigint,
  calldata: Hex,
): DecodedCall {
  const entry = Object.entries(book.contracts).find(
    ([, c]) => c.address.toLowerCase() === target.toLowerCase(),
  );
  const contract = entry?.[0] ?? null;
  const abi = contract ? (abis as Record<string, Abi>)[contract] : undefined;
  if (!abi) return { contract, target, fn: calldata.slice(0, 10), args: [], value, raw: calldata };
  try {
    const decoded = decodeFunctionData({ abi, data: calldata });
    const fn = abi.find(
      (item) =>
        item.type === "function" &&
        item.name === decoded.functionName &&
        item.inputs.length === (decoded.args?.length ?? 0),
    );
    const inputs = fn && fn.type === "function" ? fn.inputs : [];
    const args = (decoded.args ?? []).map((arg, i) => {
      const param = inputs[i] ?? { type: "unknown", name: String(i) };
      return {
        name: (param.name ?? String(i)).replace(/_$/, ""),
        kind: kindOf(param, contract),
        value: text(arg),
      };
    });
    return { contract, target, fn: decoded.functionName, args, value };
  } catch {
    // A selector the ABI does not know: shown as raw calldata, said so on the page.
    return { contract, target, fn: calldata.slice(0, 10), args: [], value, raw: calldata };
  }
}
