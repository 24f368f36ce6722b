import { getAddress, keccak256, type Address, type Hex } from "viem";

/** A chain node as the registry lists it. */
export type EnodeRecord = {
  enodeId: string;
  host: string;
  port: number;
  owner: Address;
};

/** The enode id in the canonical form Besu prints: 128 lowercase hex digits, no 0x. */
export function normalizeEnodeId(enodeId: string): string {
  const hex = enodeId.toLowerCase().replace(/^0x/, "");
  if (!/^[0-9a-f]{128}$/.test(hex)) {
    throw new Error(`an enode id is a 64-byte public key in hex, got "${enodeId}"`);
  }
  return hex;
}

/** The address a node signs blocks with: the last 20 bytes of keccak256 of its public key. */
export function validatorAddressOf(enodeId: string): Address {
  const hash = keccak256(`0x${normalizeEnodeId(enodeId)}` as Hex);
  return getAddress(`0x${hash.slice(-40)}`);
}

/** enode://<id>@<host>:<port>, the form Besu's allowlists and static-nodes.json use. */
export function enodeUrl(enode: Pick<EnodeRecord, "enodeId" | "host" | "port">): string {
  const host = enode.host.includes(":") ? `[${enode.host}]` : enode.host;
  return `enode://${normalizeEnodeId(enode.enodeId)}@${host}:${enode.port}`;
}

/**
 * The key two spellings of one node share (Besu may add `?discport=` or change the id's case),
 * so a sync compares nodes, not strings.
 */
export function enodeUrlKey(url: string): string {
  const match = /^enode:\/\/(?:0x)?([0-9a-fA-F]{128})@(\[[^\]]+\]|[^:/?]+):(\d+)/.exec(url.trim());
  if (match === null) throw new Error(`not an enode URL: "${url}"`);
  const [, id, host, port] = match;
  return `enode://${id.toLowerCase()}@${host.toLowerCase()}:${Number(port)}`;
}
