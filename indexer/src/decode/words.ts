/**
 * Readers of one ABI word (32 bytes, as `0x` + 64 hex digits) for the types that fill exactly
 * one: the values and failures are viem's (decodeAbiParameters), but without its cursor and
 * checksummed addresses. Integers of up to 48 bits are numbers, wider ones bigints; addresses
 * are lower case.
 */
import type { Hex } from "viem";

export type WordDecoder = (word: Hex) => unknown;

const TWO_256 = 1n << 256n;
const TWO_255 = 1n << 255n;

function integer(bits: number, signed: boolean): WordDecoder {
  return (word) => {
    let value = BigInt(word);
    if (signed && value >= TWO_255) value -= TWO_256;
    if (bits > 48) return value;
    const number = Number(value);
    if (!Number.isSafeInteger(number)) throw new Error(`${word} is not a safe integer`);
    return number;
  };
}

const address: WordDecoder = (word) => `0x${word.slice(26).toLowerCase()}`;

const bool: WordDecoder = (word) => {
  const value = BigInt(word);
  if (value > 1n) throw new Error(`${word} is not a boolean`);
  return value === 1n;
};

function fixedBytes(size: number): WordDecoder {
  return (word) => `0x${word.slice(2, 2 + 2 * size).toLowerCase()}`;
}

/** The reader of `type`'s word, or null when a value of `type` is not one static word. */
export function wordDecoder(type: string): WordDecoder | null {
  if (type === "address") return address;
  if (type === "bool") return bool;
  const int = /^(u?)int(\d*)$/.exec(type);
  if (int) return integer(int[2] ? Number(int[2]) : 256, int[1] !== "u");
  const bytes = /^bytes(\d+)$/.exec(type);
  if (bytes) return fixedBytes(Number(bytes[1]));
  return null;
}
