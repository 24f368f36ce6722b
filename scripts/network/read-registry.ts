import { createPublicClient, http, parseAbi, type Address, type PublicClient } from "viem";
import type { EnodeRecord } from "./enode.ts";

/** ICommonsRegistry.Status, in declaration order. */
export const Status = {
  None: 0,
  Applicant: 1,
  Admitted: 2,
  Suspended: 3,
  Expelled: 4,
} as const;

export type AccountRecord = { address: Address; status: number };

/** The registry's view of who may act and which nodes may connect. */
export type RegistryState = {
  accounts: AccountRecord[];
  enodes: EnodeRecord[];
};

export const registryReadAbi = parseAbi([
  "function accountCount() view returns (uint256)",
  "function accountAt(uint256 index) view returns (address)",
  "function statusOf(address account) view returns (uint8)",
  "function enodeCount() view returns (uint256)",
  "function enodeAt(uint256 index) view returns ((string enodeId, string host, uint16 port, address owner))",
]);

/** Reads at most this many entries at once, so a large registry does not flood the node. */
const PAGE = 50;

async function pagedRead<T>(count: bigint, read: (index: bigint) => Promise<T>): Promise<T[]> {
  const items: T[] = [];
  for (let start = 0n; start < count; start += BigInt(PAGE)) {
    const end = start + BigInt(PAGE) < count ? start + BigInt(PAGE) : count;
    const indexes = Array.from({ length: Number(end - start) }, (_, i) => start + BigInt(i));
    items.push(...(await Promise.all(indexes.map(read))));
  }
  return items;
}

/** Reads every account with its status and every registered enode, at one block. */
export async function readRegistryState(
  client: PublicClient,
  registry: Address,
): Promise<RegistryState> {
  const blockNumber = await client.getBlockNumber({ cacheTime: 0 });
  const read = {
    address: registry,
    abi: registryReadAbi,
    blockNumber,
  } as const;
  const [accountCount, enodeCount] = await Promise.all([
    client.readContract({ ...read, functionName: "accountCount" }),
    client.readContract({ ...read, functionName: "enodeCount" }),
  ]);
  const accounts = await pagedRead(accountCount, async (index) => {
    const address = await client.readContract({
      ...read,
      functionName: "accountAt",
      args: [index],
    });
    const status = await client.readContract({
      ...read,
      functionName: "statusOf",
      args: [address],
    });
    return { address, status };
  });
  const enodes = await pagedRead(enodeCount, async (index) => {
    const enode = await client.readContract({
      ...read,
      functionName: "enodeAt",
      args: [index],
    });
    return {
      enodeId: enode.enodeId,
      host: enode.host,
      port: enode.port,
      owner: enode.owner,
    };
  });
  return { accounts, enodes };
}

/** A read-only client for the chain that holds the registry. */
export function registryClient(rpcUrl: string): PublicClient {
  return createPublicClient({ transport: http(rpcUrl, { timeout: 30_000 }) });
}
