/** What the server reads from the chain itself: its clock, for countdowns and locks. */
import "./only";
import { jsonRpc } from "@spin/shared";
import { serverConfig } from "../server-config";
import { perRequest } from "./request-scope";

interface BlockHeader {
  timestamp: string;
}

/** The latest block's timestamp (the chain's clock: a local chain's may run ahead of ours). */
export const chainNow = perRequest(async (): Promise<number> => {
  try {
    const head = await jsonRpc<BlockHeader | null>(serverConfig().rpcUrl, "eth_getBlockByNumber", [
      "latest",
      false,
    ]);
    return head ? Number(head.timestamp) : Math.floor(Date.now() / 1000);
  } catch (error) {
    // Countdowns fall back to the server's clock rather than failing the whole page.
    console.warn(`spin web: reading the chain's clock failed: ${String(error)}`);
    return Math.floor(Date.now() / 1000);
  }
});
