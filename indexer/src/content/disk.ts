/**
 * The content store's files. Blobs live under their sha-256, manifests under their content
 * hash, uploads in progress under incoming/. A file is verified against its hash the first time
 * this process serves it and again only when its size or modification time changes, so a
 * tampered file is refused without re-hashing every request.
 */
import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";

export class ContentCorruptedError extends Error {
  override name = "ContentCorruptedError";
}

export interface Disk {
  blobs: string;
  manifests: string;
  incoming: string;
  ready: Promise<unknown>;
  blobPath(sha256: string): string;
  manifestPath(contentHash: string): string;
  /** Writes through a temporary file and a rename, so a reader never sees half a file. */
  writeAtomically(file: string, bytes: Uint8Array): Promise<void>;
  readIfExists(file: string): Promise<Uint8Array | null>;
  /** Size of a verified file, or null when it is missing; throws ContentCorruptedError. */
  verified(file: string, sha256: string): Promise<number | null>;
  stream(file: string): ReadableStream<Uint8Array>;
  remove(file: string): Promise<void>;
  /** Uploads under way in this process: the sweep leaves files alone while any is. */
  busy: number;
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export function createDisk(dir: string): Disk {
  const blobs = path.join(dir, "blobs");
  const manifests = path.join(dir, "manifests");
  const incoming = path.join(dir, "incoming");
  const ready = Promise.all([blobs, manifests, incoming].map((d) => mkdir(d, { recursive: true })));
  /** file -> "size:mtime" of its last successful verification (bounded). */
  const checked = new Map<string, string>();
  const MAX_CHECKED = 100_000;

  return {
    blobs,
    manifests,
    incoming,
    ready,
    blobPath: (sha256) => path.join(blobs, sha256),
    manifestPath: (contentHash) => path.join(manifests, contentHash.replace(/^0x/, "")),
    async writeAtomically(file, bytes) {
      const temporary = `${file}.${randomUUID()}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, file);
    },
    async readIfExists(file) {
      try {
        return new Uint8Array(await readFile(file));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async verified(file, sha256) {
      let info;
      try {
        info = await stat(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
      const stamp = `${info.size}:${info.mtimeMs}`;
      if (checked.get(file) === stamp) return info.size;
      if ((await hashFile(file)) !== sha256) {
        checked.delete(file);
        throw new ContentCorruptedError(`${path.basename(file)} does not match its hash`);
      }
      if (checked.size >= MAX_CHECKED) checked.delete(checked.keys().next().value!);
      checked.set(file, stamp);
      return info.size;
    },
    stream(file) {
      return Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
    },
    remove: (file) => rm(file, { force: true, recursive: true }),
    busy: 0,
  };
}
