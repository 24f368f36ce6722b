/** The few facts the server reads from the chain itself: block times, for dates and countdowns. */
import "server-only";
import { jsonRpc } from "@spin/shared";
import { cache } from "react";
import { serverConfig } from "../server-config";

interface BlockHeader {
  number: string;
  timestamp: string;
}

async function block(tag: string): Promise<BlockHeader | null> {
  return jsonRpc<BlockHeader | null>(serverConfig().rpcUrl, "eth_getBlockByNumber", [tag, false]);
}

/** The latest block's timestamp (the chain's clock: a local chain's may run ahead of ours). */
export const chainNow = cache(async (): Promise<number> => {
  try {
    const head = await block("latest");
    return head ? Number(head.timestamp) : Math.floor(Date.now() / 1000);
  } catch (error) {
    // Countdowns fall back to the server's clock rather than failing the whole page.
    console.warn(`spin web: reading the chain's clock failed: ${String(error)}`);
    return Math.floor(Date.now() / 1000);
  }
});

/** Timestamps (seconds) of the given blocks, read at most eight at a time. */
export async function blockTimes(numbers: readonly number[]): Promise<Map<number, number>> {
  const unique = [...new Set(numbers)];
  const out = new Map<number, number>();
  for (let i = 0; i < unique.length; i += 8) {
    const slice = unique.slice(i, i + 8);
    const headers = await Promise.all(slice.map((n) => block(`0x${n.toString(16)}`)));
    headers.forEach((h, j) => h && out.set(slice[j], Number(h.timestamp)));
  }
  return out;
}
