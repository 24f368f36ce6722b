/**
 * CIDv1 for raw bytes hashed with sha2-256, written in base32 lower case (multibase prefix "b"),
 * the form IPFS gateways print (`bafkrei...`). Only this one shape is needed, so it is written
 * out instead of pulling in a multiformats library.
 */

const CID_VERSION_1 = 0x01;
/** Multicodec `raw`: the CID names the bytes themselves. */
const RAW_CODEC = 0x55;
/** Multihash code and digest length of sha2-256. */
const SHA2_256 = 0x12;
const SHA2_256_LENGTH = 32;

const BASE32_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

/** RFC 4648 base32, lower case, without padding. */
export function base32Lower(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32_ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** The CIDv1 (raw, sha2-256, base32 lower) of bytes whose sha-256 is `digest`. */
export function toCidV1Raw(digest: Uint8Array): string {
  if (digest.length !== SHA2_256_LENGTH) {
    throw new RangeError(`a sha2-256 digest has 32 bytes, got ${digest.length}`);
  }
  const cid = new Uint8Array(4 + SHA2_256_LENGTH);
  cid.set([CID_VERSION_1, RAW_CODEC, SHA2_256, SHA2_256_LENGTH]);
  cid.set(digest, 4);
  return `b${base32Lower(cid)}`;
}
