/**
 * The few JSON-RPC reads the sync needs, over viem with its own retries off (the sync retries).
 */
import { createPublicClient, http, type Log, type PublicClient } from "viem";

export interface BlockHeader {
  number: number;
  hash: `0x${string}`;
  parentHash: `0x${string}`;
  timestamp: number;
}

export interface ChainReader {
  chainId(): Promise<number>;
  headNumber(): Promise<number>;
  /** The canonical block at `number`, or null when the chain is shorter. */
  header(number: number): Promise<BlockHeader | null>;
  logsInRange(addresses: `0x${string}`[], from: number, to: number): Promise<Log[]>;
  logsInBlock(addresses: `0x${string}`[], blockHash: `0x${string}`): Promise<Log[]>;
}

export function createChainReader(url: string, timeoutMs: number): ChainReader {
  const client: PublicClient = createPublicClient({
    transport: http(url, { retryCount: 0, timeout: timeoutMs, batch: false }),
  });
  return {
    chainId: () => client.getChainId(),
    headNumber: async () => Number(await client.getBlockNumber({ cacheTime: 0 })),
    async header(number) {
      const block = await client.request({
        method: "eth_getBlockByNumber",
        params: [`0x${number.toString(16)}`, false],
      });
      if (!block || !block.hash) return null;
      return {
        number: Number(block.number),
        hash: block.hash,
        parentHash: block.parentHash,
        timestamp: Number(block.timestamp),
      };
    },
    logsInRange: (address, from, to) =>
      client.getLogs({ address, fromBlock: BigInt(from), toBlock: BigInt(to) }),
    logsInBlock: (address, blockHash) => client.getLogs({ address, blockHash }),
  };
}
