/**
 * Who acts in a request that sends or signs, as the registry's `transactionAllowed` is asked
 * about it: the transaction's sender, and every authority of an EIP-7702 authorization list
 * (each recovered from its own signature, since it sets code on that account).
 */
import {
  getAddress,
  hexToBigInt,
  hexToNumber,
  isAddress,
  isHex,
  parseTransaction,
  recoverTransactionAddress,
  zeroAddress,
  type Address,
  type Hex,
  type SignedAuthorization,
  type TransactionSerialized,
} from "viem";
import { recoverAuthorizationAddress } from "viem/utils";
import { describeError, invalidParams } from "./errors.ts";
import { isRecord } from "./json-rpc.ts";

/** One EIP-7702 authorization: `authority` lets its account run `delegate`'s code. */
export type AuthorityIntent = { authority: Address; delegate: Address };

/** What the registry's `transactionAllowed` is asked about one transaction. */
export type TransactionIntent = {
  sender: Address;
  /** The zero address for contract creation, as Besu passes it. */
  target: Address;
  value: bigint;
  gasPrice: bigint;
  gasLimit: bigint;
  payload: Hex;
  /** The authorization list's signers (type-4 transactions); empty otherwise. */
  authorities: AuthorityIntent[];
};

function param(params: unknown, index: number, method: string, what: string): unknown {
  if (!Array.isArray(params) || params.length <= index) {
    throw invalidParams(`${method} expects ${what} as parameter ${index + 1}`);
  }
  return params[index];
}

async function authoritiesOf(list: readonly SignedAuthorization[]): Promise<AuthorityIntent[]> {
  const authorities: AuthorityIntent[] = [];
  for (const [index, authorization] of list.entries()) {
    try {
      authorities.push({
        authority: await recoverAuthorizationAddress({ authorization }),
        delegate: getAddress(authorization.address),
      });
    } catch (error) {
      throw invalidParams(
        `cannot recover the signer of authorization ${index}: ${describeError(error)}`,
      );
    }
  }
  return authorities;
}

/** Decodes a signed raw transaction and recovers who signed it and every authority in it. */
export async function intentFromRawTransaction(
  params: unknown,
  method: string,
): Promise<TransactionIntent> {
  const raw = param(params, 0, method, "a signed transaction");
  if (typeof raw !== "string" || !isHex(raw, { strict: true }) || raw.length <= 2) {
    throw invalidParams(`${method} expects a 0x-prefixed hex string`);
  }
  let intent: Omit<TransactionIntent, "authorities">;
  let authorizations: readonly SignedAuthorization[] = [];
  try {
    const serialized = raw as TransactionSerialized;
    const tx = parseTransaction(serialized);
    if (tx.type === "eip7702") authorizations = tx.authorizationList ?? [];
    intent = {
      sender: await recoverTransactionAddress({ serializedTransaction: serialized }),
      target: tx.to ?? zeroAddress,
      value: tx.value ?? 0n,
      gasPrice: tx.gasPrice ?? tx.maxFeePerGas ?? 0n,
      gasLimit: tx.gas ?? 0n,
      payload: tx.data ?? "0x",
    };
  } catch (error) {
    throw invalidParams(`cannot decode a signed transaction: ${describeError(error)}`);
  }
  return { ...intent, authorities: await authoritiesOf(authorizations) };
}

function hexField(record: Record<string, unknown>, field: string, where: string): Hex {
  const value = record[field];
  if (typeof value !== "string" || !isHex(value, { strict: true }) || value.length <= 2) {
    throw invalidParams(`"${field}" of ${where} must be hex`);
  }
  return value;
}

function optionalQuantity(tx: Record<string, unknown>, field: string): bigint | undefined {
  if (tx[field] === undefined || tx[field] === null) return undefined;
  return hexToBigInt(hexField(tx, field, "the transaction"));
}

function optionalData(tx: Record<string, unknown>): Hex {
  const value = tx.input ?? tx.data;
  if (value === undefined || value === null) return "0x";
  if (typeof value !== "string" || !isHex(value, { strict: true })) {
    throw invalidParams('"input"/"data" must be hex bytes');
  }
  return value;
}

function addressValue(value: unknown, what: string): Address {
  if (typeof value !== "string" || !isAddress(value, { strict: false })) {
    throw invalidParams(`${what} must be an address`);
  }
  return getAddress(value);
}

/** An authorization list in JSON-RPC form (hex quantities), as a signed list. */
function authorizationsFromJson(value: unknown): SignedAuthorization[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidParams('"authorizationList" must be an array');
  return value.map((item: unknown, index) => {
    const where = `authorization ${index}`;
    if (!isRecord(item)) throw invalidParams(`${where} must be an object`);
    const parity = item.yParity ?? item.v;
    if (typeof parity !== "string" || !isHex(parity, { strict: true })) {
      throw invalidParams(`"yParity" of ${where} must be hex`);
    }
    return {
      address: addressValue(item.address, `"address" of ${where}`),
      chainId: hexToNumber(hexField(item, "chainId", where)),
      nonce: hexToNumber(hexField(item, "nonce", where)),
      r: hexField(item, "r", where),
      s: hexField(item, "s", where),
      yParity: hexToNumber(parity) % 2 === 0 ? 0 : 1,
    };
  });
}

/** Reads an unsigned transaction object (eth_sendTransaction): the node signs for `from`. */
export async function intentFromTransactionObject(
  params: unknown,
  method: string,
): Promise<TransactionIntent> {
  const tx = param(params, 0, method, "a transaction object");
  if (!isRecord(tx)) throw invalidParams(`${method} expects a transaction object`);
  const hasTarget = tx.to !== undefined && tx.to !== null;
  return {
    sender: addressValue(tx.from, '"from"'),
    target: hasTarget ? addressValue(tx.to, '"to"') : zeroAddress,
    value: optionalQuantity(tx, "value") ?? 0n,
    gasPrice: optionalQuantity(tx, "gasPrice") ?? optionalQuantity(tx, "maxFeePerGas") ?? 0n,
    gasLimit: optionalQuantity(tx, "gas") ?? 0n,
    payload: optionalData(tx),
    authorities: await authoritiesOf(authorizationsFromJson(tx.authorizationList)),
  };
}

/**
 * A node-held key signing a message or typed data: the signer must be one the registry lets
 * send, as if it sent a transaction to itself. eth_sign and eth_signTypedData_v3/v4 name the
 * account first; the legacy eth_signTypedData (v1) names it second.
 */
export function intentFromSigner(params: unknown, method: string): TransactionIntent {
  const first = param(params, 0, method, "the signing account");
  const account =
    typeof first === "string" && isAddress(first, { strict: false })
      ? first
      : param(params, 1, method, "the signing account");
  const sender = addressValue(account, `the account ${method} signs with`);
  return {
    sender,
    target: sender,
    value: 0n,
    gasPrice: 0n,
    gasLimit: 0n,
    payload: "0x",
    authorities: [],
  };
}

type IntentReader = (
  params: unknown,
  method: string,
) => TransactionIntent | Promise<TransactionIntent>;

/** The methods that send or sign, and how to read who acts in them. */
export const SIGNING_METHODS: ReadonlyMap<string, IntentReader> = new Map<string, IntentReader>([
  ["eth_sendRawTransaction", intentFromRawTransaction],
  ["eth_sendRawTransactionSync", intentFromRawTransaction],
  ["eth_sendTransaction", intentFromTransactionObject],
  ["eth_signTransaction", intentFromTransactionObject],
  ["eth_sign", intentFromSigner],
  ["eth_signTypedData", intentFromSigner],
  ["eth_signTypedData_v1", intentFromSigner],
  ["eth_signTypedData_v3", intentFromSigner],
  ["eth_signTypedData_v4", intentFromSigner],
]);
