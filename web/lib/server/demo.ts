/**
 * The demo identities of the local chain: the development node's well-known accounts (the
 * public test mnemonic every local Ethereum node uses) that the commons knows, with their
 * profile names. Offered only on the local chain, and only when the app was started next to a
 * local node (SPIN_LOCAL_NODE_URL), so no other deployment ever hands out a key.
 */
import "./only";
import type { Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import type { Schema } from "../api/client";
import { LOCAL_CHAIN_ID } from "../config";
import { Kind, Status } from "../guards";
import { localNodeUrl, serverConfig } from "../server-config";

/** Public test mnemonic of anvil and Hardhat: its keys hold nothing anywhere but a local node. */
const LOCAL_TEST_MNEMONIC = "test test test test test test test test test test test junk";
/** How many of its accounts the local node funds. */
const LOCAL_ACCOUNTS = 20;

export interface DemoIdentity {
  name: string;
  kind: number;
  status: number;
  address: string;
  privateKey: Hex;
}

export function demoAvailable(): boolean {
  return serverConfig().chainId === LOCAL_CHAIN_ID && Boolean(localNodeUrl());
}

let keys: { address: string; privateKey: Hex }[] | undefined;

function localKeys() {
  keys ??= Array.from({ length: LOCAL_ACCOUNTS }, (_, index) => {
    const account = mnemonicToAccount(LOCAL_TEST_MNEMONIC, { addressIndex: index });
    const key = account.getHdKey().privateKey;
    if (!key) throw new Error(`no key for local account ${index}`);
    return {
      address: account.address.toLowerCase(),
      privateKey: `0x${Buffer.from(key).toString("hex")}` as Hex,
    };
  });
  return keys;
}

/** The local accounts' addresses, to ask the API who they are. */
export function demoAddresses(): string[] {
  return localKeys().map((k) => k.address);
}

/**
 * The local accounts the commons knows (members and applicants), in account order, named as
 * the API names them (GET /names for demoAddresses()).
 */
export function demoIdentities(named: readonly Schema<"Name">[]): DemoIdentity[] {
  const known = new Map(named.map((n) => [n.address.toLowerCase(), n]));
  return localKeys().flatMap((k, index) => {
    const n = known.get(k.address);
    if (!n?.statusName || n.statusName === "None" || !n.kindName) return [];
    return [
      {
        name: n.name ?? `Local account ${index}`,
        kind: Kind[n.kindName],
        status: Status[n.statusName],
        address: k.address,
        privateKey: k.privateKey,
      },
    ];
  });
}
