import {
  isAddress,
  isHex,
  getAddress,
  hexToBigInt,
  parseTransaction,
  recoverTransactionAddress,
  zeroAddress,
  type Address,
  type Hex,
  type TransactionSerialized,
} from "viem";
import { describeError, invalidParams } from "./errors.ts";
import { isRecord } from "./json-rpc.ts";

/** What the registry's `transactionAllowed` is asked about one transaction. */
export type TransactionIntent = {
  sender: Address;
  /** The zero address for contract creation, as Besu passes it. */
  target: Address;
  value: bigint;
  gasPrice: bigint;
  gasLimit: bigint;
  payload: Hex;
};

function firstParam(params: unknown, method: string): unknown {
  if (!Array.isArray(params) || params.length === 0) {
    throw invalidParams(`${method} expects its transaction as the first positional parameter`);
  }
  return params[0];
}

/** Decodes a signed raw transaction and recovers who signed it. */
export async function intentFromRawTransaction(
  params: unknown,
  method: string,
): Promise<TransactionIntent> {
  const raw = firstParam(params, method);
  if (typeof raw !== "string" || !isHex(raw, { strict: true }) || raw.length <= 2) {
    throw invalidParams(`${method} expects a 0x-prefixed hex string`);
  }
  try {
    const serialized = raw as TransactionSerialized;
    const tx = parseTransaction(serialized);
    const sender = await recoverTransactionAddress({ serializedTransaction: serialized });
    return {
      sender,
      target: tx.to ?? zeroAddress,
      value: tx.value ?? 0n,
      gasPrice: tx.gasPrice ?? tx.maxFeePerGas ?? 0n,
      gasLimit: tx.gas ?? 0n,
      payload: tx.data ?? "0x",
    };
  } catch (error) {
    throw invalidParams(`cannot decode a signed transaction: ${describeError(error)}`);
  }
}

function optionalQuantity(tx: Record<string, unknown>, field: string): bigint | undefined {
  const value = tx[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || !isHex(value, { strict: true }) || value.length <= 2) {
    throw invalidParams(`"${field}" must be a hex quantity`);
  }
  return hexToBigInt(value);
}

function optionalData(tx: Record<string, unknown>): Hex {
  const value = tx.input ?? tx.data;
  if (value === undefined || value === null) return "0x";
  if (typeof value !== "string" || !isHex(value, { strict: true })) {
    throw invalidParams('"input"/"data" must be hex bytes');
  }
  return value;
}

function requiredAddress(tx: Record<string, unknown>, field: string): Address {
  const value = tx[field];
  if (typeof value !== "string" || !isAddress(value, { strict: false })) {
    throw invalidParams(`"${field}" must be an address`);
  }
  return getAddress(value);
}

/** Reads an unsigned transaction object (eth_sendTransaction): the node signs for `from`. */
export function intentFromTransactionObject(params: unknown, method: string): TransactionIntent {
  const tx = firstParam(params, method);
  if (!isRecord(tx)) throw invalidParams(`${method} expects a transaction object`);
  const hasTarget = tx.to !== undefined && tx.to !== null;
  return {
    sender: requiredAddress(tx, "from"),
    target: hasTarget ? requiredAddress(tx, "to") : zeroAddress,
    value: optionalQuantity(tx, "value") ?? 0n,
    gasPrice: optionalQuantity(tx, "gasPrice") ?? optionalQuantity(tx, "maxFeePerGas") ?? 0n,
    gasLimit: optionalQuantity(tx, "gas") ?? 0n,
    payload: optionalData(tx),
  };
}

type IntentReader = (
  params: unknown,
  method: string,
) => TransactionIntent | Promise<TransactionIntent>;

/** The methods that put a transaction on the chain, and how to read who sends it. */
export const SENDING_METHODS: ReadonlyMap<string, IntentReader> = new Map<string, IntentReader>([
  ["eth_sendRawTransaction", intentFromRawTransaction],
  ["eth_sendRawTransactionSync", intentFromRawTransaction],
  ["eth_sendTransaction", intentFromTransactionObject],
  ["personal_sendTransaction", intentFromTransactionObject],
]);
