/**
 * The demo identities of the local chain: the development node's well-known accounts (the
 * public test mnemonic every local Ethereum node uses) that the commons knows, with their
 * profile names. Offered only on the local chain, and only when the app was started next to a
 * local node (SPIN_LOCAL_NODE_URL), so no other deployment ever hands out a key.
 */
import "server-only";
import type { Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { LOCAL_CHAIN_ID } from "../config";
import type { ParticipantRow } from "../model";
import { decodeProfile } from "../profile";
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

/** The local accounts the commons knows (members and applicants), in account order. */
export function demoIdentities(participants: readonly ParticipantRow[]): DemoIdentity[] {
  const known = new Map(participants.map((p) => [p.account.toLowerCase(), p]));
  return localKeys().flatMap((k, index) => {
    const p = known.get(k.address);
    if (!p || p.status === 0) return [];
    const name = p.place?.name || decodeProfile(p.profile_uri)?.name || `Local account ${index}`;
    return [{ name, kind: p.kind, status: p.status, address: k.address, privateKey: k.privateKey }];
  });
}
