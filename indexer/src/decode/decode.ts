/**
 * Turns raw logs into typed events, by the emitting contract's ABI from the shared module.
 */
import { abis, type ContractName } from "@spin/shared";
import { decodeEventLog, type Abi, type Log } from "viem";

export interface DecodedEvent {
  contract: ContractName;
  address: `0x${string}`;
  eventName: string;
  /** Named arguments; integers are bigints, addresses lower case. */
  args: Record<string, unknown>;
  blockNumber: number;
  blockHash: `0x${string}`;
  logIndex: number;
  transactionHash: `0x${string}`;
}

export class UndecodableLogError extends Error {
  override name = "UndecodableLogError";
}

export type ContractsByAddress = Map<string, ContractName>;

function normalise(value: unknown): unknown {
  if (typeof value === "string" && /^0x[0-9a-fA-F]{40}$/.test(value)) return value.toLowerCase();
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  }
  return value;
}

/** Decodes one log; throws UndecodableLogError when its topic is not in the contract's ABI. */
export function decodeLog(log: Log, contracts: ContractsByAddress): DecodedEvent {
  const contract = contracts.get(log.address.toLowerCase());
  const where = `block ${log.blockNumber} log ${log.logIndex} tx ${log.transactionHash}`;
  if (!contract)
    throw new UndecodableLogError(`log from unknown address ${log.address} (${where})`);
  if (log.blockNumber === null || log.logIndex === null || !log.blockHash || !log.transactionHash) {
    throw new UndecodableLogError(`pending log from ${contract} (${where})`);
  }
  let decoded: { eventName: string | undefined; args: unknown };
  try {
    decoded = decodeEventLog({
      abi: abis[contract] as Abi,
      data: log.data,
      topics: log.topics,
      strict: true,
    });
  } catch (cause) {
    throw new UndecodableLogError(`${contract} log not in its ABI (${where})`, { cause });
  }
  return {
    contract,
    address: log.address.toLowerCase() as `0x${string}`,
    eventName: decoded.eventName ?? "anonymous",
    args: (normalise(decoded.args) ?? {}) as Record<string, unknown>,
    blockNumber: Number(log.blockNumber),
    blockHash: log.blockHash,
    logIndex: log.logIndex,
    transactionHash: log.transactionHash,
  };
}

/** JSON-safe arguments: bigints become decimal strings. */
export function jsonArgs(args: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(args, (_key, value) => (typeof value === "bigint" ? value.toString() : value)),
  ) as Record<string, unknown>;
}
