/**
 * The canonical manifest of a flatfile bundle and the content hash a work is registered under.
 * The format is defined in docs/content-manifest.md. This file runs unchanged in Node and in the
 * browser: it uses only WebCrypto (`crypto.subtle`) and TextEncoder.
 */
import { toCidV1Raw } from "./cid.ts";

/** The first line of every manifest; a new format gets a new tag. */
export const MANIFEST_VERSION_TAG = "spin-manifest/1";

/** One file of a bundle: its path relative to the bundle root (POSIX separators) and its bytes. */
export interface BundleFile {
  path: string;
  bytes: Uint8Array;
}

/** One manifest entry: the NFC path, the size in bytes and the lowercase hex sha-256. */
export interface ManifestEntry {
  path: string;
  size: number;
  sha256: string;
}

/** A bundle's manifest: its entries in canonical order, its bytes, hash and CID. */
export interface Manifest {
  entries: ManifestEntry[];
  /** The serialised manifest (UTF-8). */
  bytes: Uint8Array;
  /** sha-256 of `bytes`, 0x-prefixed: the `bytes32` a work is registered under. */
  contentHash: `0x${string}`;
  /** CIDv1 (raw codec, sha2-256) of `bytes`, base32 lower case: how the content store serves it. */
  cid: string;
}

/** Why a bundle was refused. */
export class InvalidBundleError extends Error {
  override name = "InvalidBundleError";
  /** The offending path as given. */
  readonly path: string;
  constructor(message: string, path: string) {
    super(`${message}: ${JSON.stringify(path)}`);
    this.path = path;
  }
}

const encoder = new TextEncoder();

/** Control characters (C0 and DEL) would break the line format, so paths may not contain them. */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/u;

/** Returns the canonical (NFC) form of `path` or throws InvalidBundleError. */
export function canonicalPath(path: string): string {
  const nfc = path.normalize("NFC");
  if (nfc.length === 0) throw new InvalidBundleError("empty path", path);
  if (nfc.startsWith("/")) throw new InvalidBundleError("absolute path", path);
  if (nfc.includes("\\")) throw new InvalidBundleError("backslash in path", path);
  if (CONTROL_CHARACTER.test(nfc)) throw new InvalidBundleError("control character in path", path);
  for (const segment of nfc.split("/")) {
    if (segment === "") throw new InvalidBundleError("empty path segment", path);
    if (segment === "." || segment === "..") throw new InvalidBundleError("dot segment", path);
  }
  return nfc;
}

/** Orders byte strings as unsigned bytes, shorter prefix first. */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}

/** sha-256 through WebCrypto (Node >= 19 and every current browser expose `crypto.subtle`). */
export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return new Uint8Array(digest);
}

export function toHex(bytes: Uint8Array): string {
  let hex = "";
  for (const byte of bytes) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/** Serialises entries already in canonical order: the tag line, then one line per file. */
export function serialiseManifest(entries: readonly ManifestEntry[]): Uint8Array {
  const lines = [MANIFEST_VERSION_TAG, ...entries.map((e) => `${e.sha256} ${e.size} ${e.path}`)];
  return encoder.encode(`${lines.join("\n")}\n`);
}

/**
 * Builds the canonical manifest of `files`: paths NFC-normalised and validated, sorted by their
 * UTF-8 bytes, each with its size and sha-256. Throws InvalidBundleError on an invalid or
 * duplicate path or an empty bundle.
 */
export async function buildManifest(files: readonly BundleFile[]): Promise<Manifest> {
  if (files.length === 0) throw new InvalidBundleError("empty bundle", "");
  const keyed = files.map((file) => {
    const path = canonicalPath(file.path);
    return { path, key: encoder.encode(path), bytes: file.bytes };
  });
  keyed.sort((a, b) => compareBytes(a.key, b.key));
  for (let i = 1; i < keyed.length; i++) {
    if (keyed[i].path === keyed[i - 1].path) {
      throw new InvalidBundleError("duplicate path", keyed[i].path);
    }
  }
  const entries = await Promise.all(
    keyed.map(async (file) => ({
      path: file.path,
      size: file.bytes.length,
      sha256: toHex(await sha256(file.bytes)),
    })),
  );
  const bytes = serialiseManifest(entries);
  const digest = await sha256(bytes);
  return { entries, bytes, contentHash: `0x${toHex(digest)}`, cid: toCidV1Raw(digest) };
}

/** The content hash (`bytes32`, 0x-prefixed) a bundle is registered under. */
export async function contentHashOf(files: readonly BundleFile[]): Promise<`0x${string}`> {
  return (await buildManifest(files)).contentHash;
}
