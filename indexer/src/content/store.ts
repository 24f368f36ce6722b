/**
 * The content store: flatfile bundles kept on disk by hash. Each file is stored once under the
 * sha-256 of its bytes; each manifest under its content hash. Every read is verified against
 * the hash it was asked for, so a corrupted or tampered file is never served.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import path from "node:path";
import {
  buildManifest,
  sha256,
  toCidV1Raw,
  toHex,
  type BundleFile,
  type ManifestEntry,
} from "@spin/shared";
import type { Kysely } from "kysely";
import type { Database } from "../database/schema.ts";
import {
  FrontMatterError,
  mainFilePath,
  parseFrontMatter,
  type FrontMatter,
} from "./front-matter.ts";

export class ContentHashMismatchError extends Error {
  override name = "ContentHashMismatchError";
}

export class ContentCorruptedError extends Error {
  override name = "ContentCorruptedError";
}

export interface StoredBundle {
  contentHash: `0x${string}`;
  cid: string;
  entries: ManifestEntry[];
  frontMatter: FrontMatter;
}

export interface ContentStore {
  /** Stores a bundle if its manifest hash is `claimedHash`; throws otherwise. */
  put(files: BundleFile[], claimedHash: `0x${string}`): Promise<StoredBundle>;
  /** The verified manifest bytes and entries, or null when the bundle is unknown. */
  manifest(
    contentHash: `0x${string}`,
  ): Promise<{ bytes: Uint8Array; entries: ManifestEntry[] } | null>;
  /** The verified bytes of one file of a bundle, or null when unknown. */
  file(contentHash: `0x${string}`, filePath: string): Promise<Uint8Array | null>;
}

async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${file}.${randomUUID()}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, file);
}

async function readIfExists(file: string): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

function parseManifestBytes(bytes: Uint8Array): ManifestEntry[] {
  const lines = new TextDecoder().decode(bytes).split("\n").slice(1, -1);
  return lines.map((line) => {
    const [hash, size, ...rest] = line.split(" ");
    return { sha256: hash, size: Number(size), path: rest.join(" ") };
  });
}

export function createContentStore(dir: string, db: Kysely<Database>): ContentStore {
  const blobs = path.join(dir, "blobs");
  const manifests = path.join(dir, "manifests");
  const ready = Promise.all([
    mkdir(blobs, { recursive: true }),
    mkdir(manifests, { recursive: true }),
  ]);

  async function manifest(contentHash: `0x${string}`) {
    await ready;
    const bytes = await readIfExists(path.join(manifests, contentHash.slice(2)));
    if (!bytes) return null;
    if (`0x${toHex(await sha256(bytes))}` !== contentHash) {
      throw new ContentCorruptedError(`manifest ${contentHash} does not match its hash`);
    }
    return { bytes, entries: parseManifestBytes(bytes) };
  }

  return {
    async put(files, claimedHash) {
      await ready;
      const built = await buildManifest(files);
      if (built.contentHash !== claimedHash) {
        throw new ContentHashMismatchError(
          `the bundle's manifest hash is ${built.contentHash}, not ${claimedHash}`,
        );
      }
      const main = mainFilePath(built.entries.map((e) => e.path));
      if (!main) throw new FrontMatterError("the bundle has no README.md or index.md");
      const mainFile = files.find((f) => f.path.normalize("NFC") === main)!;
      const frontMatter = parseFrontMatter(new TextDecoder().decode(mainFile.bytes));
      for (const file of files) {
        await writeAtomically(path.join(blobs, toHex(await sha256(file.bytes))), file.bytes);
      }
      await writeAtomically(path.join(manifests, built.contentHash.slice(2)), built.bytes);
      await db
        .insertInto("content_bundles")
        .values({
          content_hash: built.contentHash,
          cid: built.cid,
          total_size: built.entries.reduce((sum, e) => sum + e.size, 0),
          file_count: built.entries.length,
          title: frontMatter.title,
          summary: frontMatter.summary,
          tags: JSON.stringify(frontMatter.tags),
          machines: JSON.stringify(frontMatter.machines),
        })
        .onConflict((oc) => oc.column("content_hash").doNothing())
        .execute();
      return {
        contentHash: built.contentHash,
        cid: built.cid,
        entries: built.entries,
        frontMatter,
      };
    },
    manifest,
    async file(contentHash, filePath) {
      const found = await manifest(contentHash);
      const entry = found?.entries.find((e) => e.path === filePath.normalize("NFC"));
      if (!entry) return null;
      const bytes = await readIfExists(path.join(blobs, entry.sha256));
      if (!bytes) throw new ContentCorruptedError(`file ${filePath} of ${contentHash} is missing`);
      if (toHex(await sha256(bytes)) !== entry.sha256) {
        throw new ContentCorruptedError(
          `file ${filePath} of ${contentHash} does not match its hash`,
        );
      }
      return bytes;
    },
  };
}

/** The CID under which a file's own bytes are served (for IPFS mirrors). */
export async function fileCid(bytes: Uint8Array): Promise<string> {
  return toCidV1Raw(await sha256(bytes));
}
