/**
 * Claiming a content hash by commit and reveal (docs/works-and-licensing.md): the registrant
 * first records keccak256(abi.encode(hash, registrant, salt)), uploads the bundle only then (the
 * upload makes the hash public), and registers with the salt at least a block later. The salt is
 * kept in the browser until the reveal so a reload resumes instead of committing again.
 */
import { encodeAbiParameters, keccak256, toHex, type Address, type Hex } from "viem";

/** The commitment `WorksRegistry.commitmentFor(contentHash, registrant, salt)` answers. */
export function commitmentOf(contentHash: Hex, registrant: Address, salt: Hex): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: "bytes32" }, { type: "address" }, { type: "bytes32" }],
      [contentHash, registrant, salt],
    ),
  );
}

/** The few methods of `localStorage` the salts need (a Map in tests). */
export interface SaltStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function saltKey(chainId: number, registrant: Address, contentHash: Hex): string {
  return `spin:salt:${chainId}:${registrant.toLowerCase()}:${contentHash.toLowerCase()}`;
}

const SALT = /^0x[0-9a-f]{64}$/;

/**
 * The salt for registering `contentHash` as `registrant`: the one kept from an earlier attempt,
 * or a new random one, kept before it is used so that a reload finds it.
 */
export function saltFor(
  store: SaltStore,
  chainId: number,
  registrant: Address,
  contentHash: Hex,
): Hex {
  const key = saltKey(chainId, registrant, contentHash);
  const kept = store.getItem(key);
  if (kept && SALT.test(kept)) return kept as Hex;
  const salt = toHex(crypto.getRandomValues(new Uint8Array(32)));
  store.setItem(key, salt);
  return salt;
}

/** Forgets the salt once the reveal is on chain (the commitment is used up). */
export function forgetSalt(
  store: SaltStore,
  chainId: number,
  registrant: Address,
  contentHash: Hex,
): void {
  store.removeItem(saltKey(chainId, registrant, contentHash));
}
