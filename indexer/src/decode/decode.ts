/**
 * Turns raw logs into typed events, by the emitting contract's ABI from the shared module.
 * Values that fill one 32-byte word (addresses, integers, booleans, fixed bytes) are read from
 * their word directly, as viem's decoder reads them; anything else (strings, arrays, tuples)
 * goes through viem's decodeAbiParameters. Backfill decodes tens of thousands of transfers at
 * once, so the common case stays cheap.
 */
import { abis, type ContractName } from "@spin/shared";
import {
  decodeAbiParameters,
  toEventSelector,
  type AbiEvent,
  type AbiParameter,
  type Hex,
} from "viem";
import type { RpcLog } from "../rpc/client.ts";
import { wordDecoder, type WordDecoder } from "./words.ts";

export interface DecodedEvent {
  contract: ContractName;
  address: `0x${string}`;
  eventName: string;
  /** Named arguments; integers are bigints (numbers up to 48 bits, as viem), addresses lower case. */
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
  /** Argument names, in the event's order. */
  names: string[];
  /** Per input, in the event's order: its topic (1-based) or -1 for data. */
  topicOf: number[];
  /** Per indexed input, how its topic reads. */
  topics: WordDecoder[];
  data: readonly AbiParameter[];
  /** Per data input, how its word reads, when every data input fills one word; else null. */
  words: WordDecoder[] | null;
}

/** Indexed values of these types are stored as their keccak hash: the topic is kept as is. */
function isHashedInTopic(type: string): boolean {
  return type === "string" || type === "bytes" || type.endsWith("]") || type.startsWith("tuple");
}

const keepTopic: WordDecoder = (word) => word;

/** Per contract, its events by topic0, computed once (viem's decodeEventLog hashes every call). */
const decoders = new Map<ContractName, Map<string, EventDecoder>>();

function decoderOf(event: AbiEvent): EventDecoder {
  const data = event.inputs.filter((i) => !i.indexed);
  const words = data.map((input) => wordDecoder(input.type));
  let topic = 0;
  return {
    name: event.name,
    names: event.inputs.map((input, i) => input.name || String(i)),
    topicOf: event.inputs.map((input) => (input.indexed ? ++topic : -1)),
    topics: event.inputs
      .filter((input) => input.indexed)
      .map((input) => (isHashedInTopic(input.type) ? keepTopic : wordDecoder(input.type)!)),
    data,
    words: words.every((w) => w !== null) ? (words as WordDecoder[]) : null,
  };
}

function decodersOf(contract: ContractName): Map<string, EventDecoder> {
  let byTopic = decoders.get(contract);
  if (byTopic) return byTopic;
  byTopic = new Map();
  for (const item of abis[contract] as readonly { type: string }[]) {
    if (item.type !== "event") continue;
    byTopic.set(toEventSelector(item as AbiEvent), decoderOf(item as AbiEvent));
  }
  decoders.set(contract, byTopic);
  return byTopic;
}

function dataValues(decoder: EventDecoder, data: Hex): unknown[] {
  if (decoder.data.length === 0) return [];
  if (!decoder.words) return (decodeAbiParameters(decoder.data, data) as unknown[]).map(normalise);
  if (data.length < 2 + 64 * decoder.words.length) {
    throw new Error(`data has ${(data.length - 2) / 2} bytes, ${32 * decoder.words.length} needed`);
  }
  return decoder.words.map((read, i) => read(`0x${data.slice(2 + 64 * i, 66 + 64 * i)}`));
}

function decodeArgs(decoder: EventDecoder, topics: readonly Hex[], data: Hex) {
  if (topics.length - 1 !== decoder.topics.length) throw new Error("wrong number of topics");
  const values = dataValues(decoder, data);
  const args: Record<string, unknown> = {};
  let next = 0;
  for (let i = 0; i < decoder.names.length; i++) {
    const topic = decoder.topicOf[i];
    args[decoder.names[i]] =
      topic > 0 ? decoder.topics[topic - 1](topics[topic].toLowerCase() as Hex) : values[next++];
  }
  return args;
}

/** Decodes one log; throws UndecodableLogError when its topic is not in the contract's ABI. */
export function decodeLog(log: RpcLog, contracts: ContractsByAddress): DecodedEvent {
  const address = log.address.toLowerCase() as `0x${string}`;
  const contract = contracts.get(address);
  const where = () =>
    `block ${Number(log.blockNumber)} log ${Number(log.logIndex)} tx ${log.transactionHash}`;
  if (!contract)
    throw new UndecodableLogError(`log from unknown address ${log.address} (${where()})`);
  if (log.blockNumber === null || log.logIndex === null || !log.blockHash || !log.transactionHash) {
    throw new UndecodableLogError(`pending log from ${contract} (${where()})`);
  }
  const decoder = log.topics[0] ? decodersOf(contract).get(log.topics[0].toLowerCase()) : undefined;
  if (!decoder) throw new UndecodableLogError(`${contract} log not in its ABI (${where()})`);
  let args: Record<string, unknown>;
  try {
    args = decodeArgs(decoder, log.topics, log.data);
  } catch (cause) {
    throw new UndecodableLogError(`${contract}.${decoder.name} log does not decode (${where()})`, {
      cause,
    });
  }
  return {
    contract,
    address,
    eventName: decoder.name,
    args,
    blockNumber: Number(log.blockNumber),
    blockHash: log.blockHash,
    logIndex: Number(log.logIndex),
    transactionHash: log.transactionHash,
    ...(log.blockTimestamp ? { blockTimestamp: Number(log.blockTimestamp) } : {}),
  };
}

/** Decodes logs into events in chain order (nodes send them so; sorted only when they did not). */
export function decodeLogs(logs: readonly RpcLog[], contracts: ContractsByAddress): DecodedEvent[] {
  const events = logs.map((log) => decodeLog(log, contracts));
  const ordered = events.every(
    (e, i) =>
      i === 0 ||
      e.blockNumber > events[i - 1].blockNumber ||
      (e.blockNumber === events[i - 1].blockNumber && e.logIndex > events[i - 1].logIndex),
  );
  return ordered
    ? events
    : events.sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);
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
