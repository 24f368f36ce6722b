/**
 * Turns raw logs into typed events, by the emitting contract's ABI from the shared module.
 */
import { abis, type ContractName } from "@spin/shared";
import {
  decodeAbiParameters,
  toEventSelector,
  type AbiEvent,
  type AbiParameter,
  type Hex,
  type Log,
} from "viem";

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
  /** The block's timestamp when the node returns it with the log (most do); see apply.ts. */
  blockTimestamp?: number;
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

interface EventDecoder {
  name: string;
  inputs: readonly AbiParameter[];
  indexed: readonly AbiParameter[];
  data: readonly AbiParameter[];
}

/** Indexed values of these types are stored as their keccak hash: the topic is kept as is. */
function isHashedInTopic(type: string): boolean {
  return type === "string" || type === "bytes" || type.endsWith("]") || type.startsWith("tuple");
}

/** Per contract, its events by topic0, computed once (viem's decodeEventLog hashes every call). */
const decoders = new Map<ContractName, Map<string, EventDecoder>>();

function decodersOf(contract: ContractName): Map<string, EventDecoder> {
  let byTopic = decoders.get(contract);
  if (byTopic) return byTopic;
  byTopic = new Map();
  for (const item of abis[contract] as readonly { type: string }[]) {
    if (item.type !== "event") continue;
    const event = item as AbiEvent;
    byTopic.set(toEventSelector(event), {
      name: event.name,
      inputs: event.inputs,
      indexed: event.inputs.filter((i) => i.indexed),
      data: event.inputs.filter((i) => !i.indexed),
    });
  }
  decoders.set(contract, byTopic);
  return byTopic;
}

function decodeArgs(
  decoder: EventDecoder,
  topics: readonly Hex[],
  data: Hex,
): Record<string, unknown> {
  if (topics.length - 1 !== decoder.indexed.length) throw new Error("wrong number of topics");
  const values = new Map<AbiParameter, unknown>();
  decoder.indexed.forEach((input, i) => {
    const topic = topics[i + 1];
    values.set(input, isHashedInTopic(input.type) ? topic : decodeAbiParameters([input], topic)[0]);
  });
  const decoded = decoder.data.length > 0 ? decodeAbiParameters(decoder.data, data) : [];
  decoder.data.forEach((input, i) => values.set(input, decoded[i]));
  return Object.fromEntries(
    decoder.inputs.map((input, i) => [input.name || String(i), values.get(input)]),
  );
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
  const decoder = log.topics[0] ? decodersOf(contract).get(log.topics[0]) : undefined;
  if (!decoder) throw new UndecodableLogError(`${contract} log not in its ABI (${where})`);
  let args: Record<string, unknown>;
  try {
    args = decodeArgs(decoder, log.topics as Hex[], log.data);
  } catch (cause) {
    throw new UndecodableLogError(`${contract}.${decoder.name} log does not decode (${where})`, {
      cause,
    });
  }
  return {
    contract,
    address: log.address.toLowerCase() as `0x${string}`,
    eventName: decoder.name,
    args: normalise(args) as Record<string, unknown>,
    blockNumber: Number(log.blockNumber),
    blockHash: log.blockHash,
    logIndex: log.logIndex,
    transactionHash: log.transactionHash,
    ...(typeof log.blockTimestamp === "bigint"
      ? { blockTimestamp: Number(log.blockTimestamp) }
      : {}),
  };
}

const bigintAsString = (_key: string, value: unknown) =>
  typeof value === "bigint" ? value.toString() : value;

/** JSON-safe arguments: bigints become decimal strings. */
export function jsonArgs(args: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(argsJson(args)) as Record<string, unknown>;
}

/** The arguments as JSON text, bigints as decimal strings. */
export function argsJson(args: Record<string, unknown>): string {
  return JSON.stringify(args, bigintAsString);
}
