/**
 * The content store: flatfile bundles kept on disk by hash, recorded in the database. An upload
 * is staged under incoming/, checked (manifest hash, front matter, quotas), recorded in one
 * transaction, and only then moved into the store; a failure at any step leaves nothing behind,
 * and the janitor (sweep) repairs what a crash between two steps leaves.
 */
import { open, readdir, rename, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import {
  canonicalPath,
  InvalidBundleError,
  serialiseManifest,
  sha256,
  toCidV1Raw,
  toHex,
  type ManifestEntry,
} from "@spin/shared";
import { sql, type Kysely } from "kysely";
import type { ApiConfig } from "../config/api.ts";
import type { Database } from "../database/schema.ts";
import { ApiError } from "../server/http/errors.ts";
import { ContentCorruptedError, createDisk, type Disk } from "./disk.ts";
import {
  FrontMatterError,
  mainFilePath,
  parseFrontMatter,
  type FrontMatter,
} from "./front-matter.ts";
import { authoriseUpload, type SignatureRules, type UploadAuthority } from "./signature.ts";
import { stageUpload, type Staged } from "./staging.ts";
import { createInbox } from "../inbox/store.ts";
import type { ApiTables } from "./tables.ts";

export { ContentCorruptedError };

export interface StoredBundle {
  contentHash: `0x${string}`;
  cid: string;
  entries: ManifestEntry[];
  frontMatter: FrontMatter;
  uploader: string;
  expiresAt: string | null;
}

export interface ContentLimits {
  maxUploadBytes: number;
  content: ApiConfig["content"];
}

export interface SweepReport {
  expired: number;
  repairedRows: number;
  orphanManifests: number;
  orphanBlobs: number;
  staleUploads: number;
  expiredProfiles: number;
  /** Signed applications of the relay inbox past their deadline. */
  expiredApplications: number;
}

export interface ContentStore {
  disk: Disk;
  /** Receives a signed multipart upload and stores it; throws ApiError for what it refuses. */
  upload(body: Readable, contentType: string): Promise<{ stored: StoredBundle; created: boolean }>;
  /** The verified manifest bytes and entries, or null when the bundle is unknown. */
  manifest(
    contentHash: `0x${string}`,
  ): Promise<{ bytes: Uint8Array; entries: ManifestEntry[] } | null>;
  /** A verified file of a bundle, to stream, or null when unknown. */
  file(
    contentHash: `0x${string}`,
    filePath: string,
  ): Promise<{ entry: ManifestEntry; open(): ReadableStream<Uint8Array> } | null>;
  /** Removes expired unregistered bundles and repairs what crashes left. */
  sweep(now?: Date): Promise<SweepReport>;
}

/** SQL: a registered work or version names this bundle. */
export const referenced = (alias: string) =>
  sql<boolean>`(EXISTS (SELECT 1 FROM works w WHERE w.content_hash = ${sql.ref(`${alias}.content_hash`)})
    OR EXISTS (SELECT 1 FROM work_versions v WHERE v.content_hash = ${sql.ref(`${alias}.content_hash`)}))`;

function parseManifestBytes(bytes: Uint8Array): ManifestEntry[] {
  const lines = new TextDecoder().decode(bytes).split("\n").slice(1, -1);
  return lines.map((line) => {
    const [hash, size, ...rest] = line.split(" ");
    return { sha256: hash, size: Number(size), path: rest.join(" ") };
  });
}

const encoder = new TextEncoder();
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** The canonical manifest of staged files (as buildManifest, from hashes already taken). */
async function manifestOf(staged: Staged) {
  let entries: (ManifestEntry & { file: string })[];
  try {
    entries = staged.files.map((f) => ({
      path: canonicalPath(f.path),
      size: f.size,
      sha256: f.sha256,
      file: f.file,
    }));
  } catch (error) {
    if (error instanceof InvalidBundleError)
      throw new ApiError(400, "invalid_bundle", error.message, "body.paths");
    throw error;
  }
  entries.sort((a, b) => compareBytes(encoder.encode(a.path), encoder.encode(b.path)));
  for (let i = 1; i < entries.length; i++) {
    if (entries[i].path === entries[i - 1].path) {
      throw new ApiError(
        400,
        "invalid_bundle",
        `duplicate path: ${JSON.stringify(entries[i].path)}`,
        "body.paths",
      );
    }
  }
  const bytes = serialiseManifest(
    entries.map(({ path: p, size, sha256: h }) => ({ path: p, size, sha256: h })),
  );
  const digest = await sha256(bytes);
  return {
    entries,
    bytes,
    contentHash: `0x${toHex(digest)}` as `0x${string}`,
    cid: toCidV1Raw(digest),
  };
}

async function frontMatterOf(file: string): Promise<FrontMatter> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return parseFrontMatter(new TextDecoder().decode(buffer.subarray(0, bytesRead)));
  } finally {
    await handle.close();
  }
}

export function createContentStore(
  dir: string,
  db: Kysely<Database>,
  limits: ContentLimits,
  rules: SignatureRules,
): ContentStore {
  const disk = createDisk(dir);
  const store = db.withTables<ApiTables>();
  const { content } = limits;

  async function manifest(contentHash: `0x${string}`) {
    await disk.ready;
    const bytes = await disk.readIfExists(disk.manifestPath(contentHash));
    if (!bytes) return null;
    if (`0x${toHex(await sha256(bytes))}` !== contentHash) {
      throw new ContentCorruptedError(`manifest ${contentHash} does not match its hash`);
    }
    return { bytes, entries: parseManifestBytes(bytes) };
  }

  async function checkQuotas(trx: Kysely<Database>, uploader: string, size: number) {
    const t = trx.withTables<ApiTables>();
    const [mine, all] = await Promise.all([
      t
        .selectFrom("content_bundles as b")
        .select([
          sql<string>`coalesce(sum(b.total_size), 0)::text`.as("bytes"),
          sql<number>`count(*)::int`.as("count"),
        ])
        .where("b.uploader", "=", uploader)
        .where(sql<boolean>`NOT ${referenced("b")}`)
        .executeTakeFirstOrThrow(),
      t
        .selectFrom("content_bundles")
        .select(sql<string>`coalesce(sum(total_size), 0)::text`.as("bytes"))
        .executeTakeFirstOrThrow(),
    ]);
    const pending = Number(mine.bytes);
    if (mine.count + 1 > content.accountPendingBundles) {
      throw new ApiError(
        429,
        "quota_exceeded",
        `${uploader} already has ${mine.count} bundles no registered work names; the limit is ${content.accountPendingBundles}`,
        "body.uploader",
        { limit: content.accountPendingBundles, used: mine.count },
      );
    }
    if (pending + size > content.accountPendingBytes) {
      throw new ApiError(
        429,
        "quota_exceeded",
        `${uploader} has ${pending} bytes in bundles no registered work names; with this upload that would pass the limit of ${content.accountPendingBytes}`,
        "body.uploader",
        { limit: content.accountPendingBytes, used: pending },
      );
    }
    if (Number(all.bytes) + size > content.totalBytes) {
      throw new ApiError(
        429,
        "store_full",
        `the content store holds ${all.bytes} bytes; with this upload it would pass its limit of ${content.totalBytes}`,
        null,
        { limit: content.totalBytes, used: Number(all.bytes) },
      );
    }
  }

  /** Moves staged blobs into the store, then writes the manifest (last: it makes the bundle readable). */
  async function publish(built: Awaited<ReturnType<typeof manifestOf>>) {
    for (const entry of built.entries) {
      try {
        await rename(entry.file, disk.blobPath(entry.sha256));
      } catch (error) {
        // Two files with the same bytes: the first move already put the blob in place.
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
    await disk.writeAtomically(disk.manifestPath(built.contentHash), built.bytes);
  }

  return {
    disk,
    async upload(body, contentType) {
      let authority: UploadAuthority | null = null;
      let staged: Staged | null = null;
      disk.busy += 1;
      try {
        staged = await stageUpload(
          disk,
          body,
          contentType,
          {
            maxBytes: limits.maxUploadBytes,
            maxFiles: content.maxFiles,
            drainBytes: Math.max(limits.maxUploadBytes, 64 * 1024 * 1024),
          },
          async (fields) => {
            authority = await authoriseUpload(db, rules, fields);
          },
        );
        const { contentHash, uploader } = authority!;
        const built = await manifestOf(staged);
        if (built.contentHash !== contentHash) {
          throw new ApiError(
            400,
            "hash_mismatch",
            `the bundle's manifest hash is ${built.contentHash}, not ${contentHash}`,
            "body.contentHash",
          );
        }
        const main = mainFilePath(built.entries.map((e) => e.path));
        if (!main)
          throw new ApiError(
            400,
            "invalid_bundle",
            "the bundle has no README.md or index.md",
            "body.paths",
          );
        let frontMatter: FrontMatter;
        try {
          frontMatter = await frontMatterOf(built.entries.find((e) => e.path === main)!.file);
        } catch (error) {
          if (error instanceof FrontMatterError)
            throw new ApiError(400, "invalid_front_matter", error.message, "body.files");
          throw error;
        }
        const totalSize = built.entries.reduce((sum, e) => sum + e.size, 0);
        const expiresAt = new Date(Date.now() + content.graceSeconds * 1000);
        const created = await db.transaction().execute(async (trx) => {
          await sql`SELECT pg_advisory_xact_lock(hashtext(${uploader}))`.execute(trx);
          const existing = await trx
            .selectFrom("content_bundles")
            .select("content_hash")
            .where("content_hash", "=", contentHash)
            .executeTakeFirst();
          if (existing) return false;
          await checkQuotas(trx, uploader, totalSize);
          await trx
            .withTables<ApiTables>()
            .insertInto("content_bundles")
            .values({
              content_hash: contentHash,
              cid: built.cid,
              total_size: totalSize,
              file_count: built.entries.length,
              title: frontMatter.title,
              summary: frontMatter.summary,
              tags: JSON.stringify(frontMatter.tags),
              machines: JSON.stringify(frontMatter.machines),
              uploader,
              expires_at: expiresAt,
            })
            .execute();
          return true;
        });
        try {
          await publish(built);
        } catch (error) {
          if (created)
            await store
              .deleteFrom("content_bundles")
              .where("content_hash", "=", contentHash)
              .execute();
          throw error;
        }
        const row = await store
          .selectFrom("content_bundles")
          .select(["uploader", "expires_at"])
          .where("content_hash", "=", contentHash)
          .executeTakeFirst();
        return {
          created,
          stored: {
            contentHash,
            cid: built.cid,
            entries: built.entries.map(({ path: p, size, sha256: h }) => ({
              path: p,
              size,
              sha256: h,
            })),
            frontMatter,
            uploader: row?.uploader ?? uploader,
            expiresAt: row?.expires_at ? new Date(row.expires_at).toISOString() : null,
          },
        };
      } finally {
        if (staged) await disk.remove(staged.dir);
        disk.busy -= 1;
      }
    },
    manifest,
    async file(contentHash, filePath) {
      const found = await manifest(contentHash);
      const entry = found?.entries.find((e) => e.path === filePath.normalize("NFC"));
      if (!entry) return null;
      const blob = disk.blobPath(entry.sha256);
      const size = await disk.verified(blob, entry.sha256);
      if (size === null)
        throw new ContentCorruptedError(`file ${filePath} of ${contentHash} is missing`);
      return { entry, open: () => disk.stream(blob) };
    },
    async sweep(now = new Date()) {
      return sweep(disk, db, now, content.staleAfterMs);
    },
  };
}

async function olderThan(file: string, ms: number, now: Date): Promise<boolean> {
  try {
    return now.getTime() - (await stat(file)).mtimeMs > ms;
  } catch {
    return false;
  }
}

async function sweep(
  disk: Disk,
  db: Kysely<Database>,
  now: Date,
  staleAfterMs: number,
): Promise<SweepReport> {
  await disk.ready;
  const store = db.withTables<ApiTables>();
  const report: SweepReport = {
    expired: 0,
    repairedRows: 0,
    orphanManifests: 0,
    orphanBlobs: 0,
    staleUploads: 0,
    expiredProfiles: 0,
    expiredApplications: 0,
  };
  report.expiredApplications = await createInbox(db).sweep(now);
  const expired = await store
    .deleteFrom("content_bundles as b")
    .where("b.expires_at", "<", now)
    .where(sql<boolean>`NOT ${referenced("b")}`)
    .returning("b.content_hash")
    .execute();
  for (const row of expired) await disk.remove(disk.manifestPath(row.content_hash));
  report.expired = expired.length;
  if (disk.busy > 0) return report;
  // A row whose manifest never arrived (a crash between commit and publish): the upload is lost.
  const rows = await store
    .selectFrom("content_bundles")
    .select(["content_hash", "stored_at"])
    .execute();
  const known = new Set(rows.map((r) => r.content_hash.slice(2)));
  for (const row of rows) {
    const missing = (await disk.readIfExists(disk.manifestPath(row.content_hash))) === null;
    if (missing && now.getTime() - new Date(row.stored_at).getTime() > staleAfterMs) {
      await store
        .deleteFrom("content_bundles")
        .where("content_hash", "=", row.content_hash)
        .execute();
      known.delete(row.content_hash.slice(2));
      report.repairedRows += 1;
    }
  }
  const referencedBlobs = new Set<string>();
  for (const name of await readdir(disk.manifests)) {
    const file = path.join(disk.manifests, name);
    if (!known.has(name)) {
      if (await olderThan(file, staleAfterMs, now)) {
        await disk.remove(file);
        report.orphanManifests += 1;
      }
      continue;
    }
    const bytes = await disk.readIfExists(file);
    if (bytes) for (const entry of parseManifestBytes(bytes)) referencedBlobs.add(entry.sha256);
  }
  for (const name of await readdir(disk.blobs)) {
    const file = path.join(disk.blobs, name);
    if (!referencedBlobs.has(name) && (await olderThan(file, staleAfterMs, now))) {
      await disk.remove(file);
      report.orphanBlobs += 1;
    }
  }
  for (const name of await readdir(disk.incoming)) {
    const folder = path.join(disk.incoming, name);
    if (await olderThan(folder, staleAfterMs, now)) {
      await disk.remove(folder);
      report.staleUploads += 1;
    }
  }
  const profiles = await store
    .deleteFrom("profile_documents as p")
    .where("p.expires_at", "<", now)
    .where(
      sql<boolean>`NOT EXISTS (SELECT 1 FROM participants x WHERE x.profile_hash = p.profile_hash)`,
    )
    .returning("p.profile_hash")
    .execute();
  report.expiredProfiles = profiles.length;
  return report;
}
