/** A proposal's actions in words: grants and streams spelled out, anything else named. */
import { abis, type AddressBook } from "@spin/shared";
import { decodeFunctionData, type Abi, type Address, type Hex } from "viem";

export type Action =
  | { kind: "grant"; subFund: bigint; recipient: Address; amount: bigint; memo: string }
  | {
      kind: "stream";
      subFund: bigint;
      recipient: Address;
      amount: bigint;
      start: number;
      end: number;
      memo: string;
    }
  | { kind: "call"; contract: string; fn: string; args: readonly unknown[] };

function contractAt(book: AddressBook, target: Address): string | undefined {
  return Object.entries(book.contracts).find(
    ([, e]) => e.address.toLowerCase() === target.toLowerCase(),
  )?.[0];
}

export function decodeAction(book: AddressBook, target: Address, data: Hex): Action {
  const name = contractAt(book, target);
  const abi = name ? (abis[name as keyof typeof abis] as Abi) : undefined;
  if (!abi) return { kind: "call", contract: target, fn: data.slice(0, 10), args: [] };
  try {
    const decoded = decodeFunctionData({ abi, data });
    const args = decoded.args ?? [];
    if (name === "CommonFund" && decoded.functionName === "grant") {
      const [subFund, recipient, amount, memo] = args as [bigint, Address, bigint, string];
      return { kind: "grant", subFund, recipient, amount, memo };
    }
    if (name === "CommonFund" && decoded.functionName === "createStream") {
      const [subFund, recipient, amount, start, end, memo] = args as [
        bigint,
        Address,
        bigint,
        number,
        number,
        string,
      ];
      return {
        kind: "stream",
        subFund,
        recipient,
        amount,
        start: Number(start),
        end: Number(end),
        memo,
      };
    }
    return { kind: "call", contract: name ?? target, fn: decoded.functionName, args };
  } catch {
    return { kind: "call", contract: name ?? target, fn: data.slice(0, 10), args: [] };
  }
}

/** The first line of a proposal's description, as its title. */
export function proposalTitle(description: string): string {
  const first = description.split("\n").find((line) => line.trim() !== "") ?? "";
  return first.replace(/^#+\s*/, "").trim();
}
