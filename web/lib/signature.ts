/** Splits a 65-byte signature (r ‖ s ‖ v) into the (v, r, s) a permit-taking function wants. */
import type { Hex } from "viem";

export function splitSignature(signature: Hex): { v: number; r: Hex; s: Hex } {
  if (!/^0x[0-9a-fA-F]{130}$/.test(signature)) {
    throw new RangeError(`not a 65-byte signature: ${signature.slice(0, 20)}…`);
  }
  const r = `0x${signature.slice(2, 66)}` as Hex;
  const s = `0x${signature.slice(66, 130)}` as Hex;
  let v = parseInt(signature.slice(130, 132), 16);
  if (v < 27) v += 27;
  return { v, r, s };
}
