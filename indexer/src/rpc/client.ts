/**
 * The few JSON-RPC reads the sync needs, over viem's HTTP transport with its own retries off (the
 * sync retries). Logs come back as the node sent them (hex quantities): the decoder reads them
 * directly, so a large range is not converted field by field twice.
 */
import { createPublicClient, http, type PublicClient } from "viem";

export interface BlockHeader {
  number: number;
  hash: `0x${string}`;
  parentHash: `0x${string}`;
  timestamp: number;
}

/** A log as eth_getLogs returns it. */
export interface RpcLog {
  address: `0x${string}`;
  topics: `0x${string}`[];
  data: `0x${string}`;
  blockHash: `0x${string}` | null;
  blockNumber: `0x${string}` | null;
  /** Not every node sends it (see indexing/apply.ts). */
  blockTimestamp?: `0x${string}` | null;
  transactionHash: `0x${string}` | null;
  logIndex: `0x${string}` | null;
  removed?: boolean;
}

export interface ChainReader {
  chainId(): Promise<number>;
  headNumber(): Promise<number>;
  /** The canonical block at `number`, or null when the chain is shorter. */
  header(number: number): Promise<BlockHeader | null>;
  logsInRange(addresses: `0x${string}`[], from: number, to: number): Promise<RpcLog[]>;
  logsInBlock(addresses: `0x${string}`[], blockHash: `0x${string}`): Promise<RpcLog[]>;
}

const quantity = (n: number): `0x${string}` => `0x${n.toString(16)}`;

export function createChainReader(url: string, timeoutMs: number): ChainReader {
  const client: PublicClient = createPublicClient({
    transport: http(url, { retryCount: 0, timeout: timeoutMs, batch: false }),
  });
  // viem's request type knows eth_getLogs' answer as RPC logs: the same fields, hex encoded.
  const getLogs = (filter: Record<string, unknown>) =>
    client.request({
      method: "eth_getLogs",
      params: [filter as never],
    }) as unknown as Promise<RpcLog[]>;
  return {
    chainId: () => client.getChainId(),
    headNumber: async () => Number(await client.getBlockNumber({ cacheTime: 0 })),
    async header(number) {
      const block = await client.request({
        method: "eth_getBlockByNumber",
        params: [quantity(number), false],
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
      getLogs({ address, fromBlock: quantity(from), toBlock: quantity(to) }),
    logsInBlock: (address, blockHash) => getLogs({ address, blockHash }),
  };
}
