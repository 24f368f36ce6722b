/**
 * Receiving an upload: the multipart body is parsed as it streams in. The signed fields come
 * first and are checked (by `authorise`) before any file is read; each file is then hashed while
 * it is written to a private folder under incoming/, so no upload is ever held in memory. Going
 * over the size or file-count limit stops writing and reads the rest of the body away (up to a
 * bound), so the client gets its 413 instead of a reset connection.
 */
import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CONTENT_UPLOAD_FIELDS as FIELDS } from "@spin/shared";
import busboy from "busboy";
import { ApiError } from "../server/http/errors.ts";
import type { Disk } from "./disk.ts";

export interface StagedFile {
  /** The path as the client gave it (validated when the manifest is built). */
  path: string;
  size: number;
  sha256: string;
  /** Where its bytes wait, under incoming/. */
  file: string;
}

export interface Staged {
  dir: string;
  fields: Record<string, string>;
  files: StagedFile[];
}

export interface StagingLimits {
  maxBytes: number;
  maxFiles: number;
  /** Bytes read away after a refusal before the connection is closed instead. */
  drainBytes: number;
}

const FIELD_NAMES = new Set<string>([
  FIELDS.contentHash,
  FIELDS.uploader,
  FIELDS.deadline,
  FIELDS.signature,
  FIELDS.paths,
]);

/** Reads and discards what is left of a request body, up to `max` bytes; false if it gave up. */
export async function drain(body: Readable, max: number): Promise<boolean> {
  let seen = 0;
  body.resume();
  for await (const chunk of body) {
    seen += (chunk as Buffer).length;
    if (seen > max) return false;
  }
  return true;
}

function tooLarge(limit: number, used: number): ApiError {
  return new ApiError(413, "too_large", `uploads are limited to ${limit} bytes`, "body", {
    limit,
    used,
  });
}

/**
 * Streams `body` (multipart/form-data) into a new folder under incoming/. `authorise` runs once,
 * on the fields, before the first file. Throws ApiError (400/401/403/413); the caller removes
 * the folder whatever happens.
 */
export async function stageUpload(
  disk: Disk,
  body: Readable,
  contentType: string,
  limits: StagingLimits,
  authorise: (fields: Record<string, string>) => Promise<void>,
): Promise<Staged> {
  await disk.ready;
  const dir = path.join(disk.incoming, randomUUID());
  await mkdir(dir);
  try {
    return await receive(dir, body, contentType, limits, authorise);
  } catch (error) {
    await disk.remove(dir);
    throw error;
  }
}

async function receive(
  dir: string,
  body: Readable,
  contentType: string,
  limits: StagingLimits,
  authorise: (fields: Record<string, string>) => Promise<void>,
): Promise<Staged> {
  const staged: Staged = { dir, fields: {}, files: [] };
  let total = 0;
  let authorised: Promise<void> | null = null;
  let paths: string[] | null = null;
  let failure: unknown = null;
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      limits: {
        fieldSize: 64 * 1024,
        fields: 16,
        files: limits.maxFiles,
        parts: limits.maxFiles + 16,
        headerPairs: 16,
      },
    });
  } catch (error) {
    throw new ApiError(
      400,
      "invalid_request",
      `the body is not multipart/form-data: ${(error as Error).message}`,
      "body",
    );
  }
  const fail = (error: unknown) => {
    failure ??= error;
  };
  let work = Promise.resolve();
  parser.on("field", (name, value, info) => {
    if (failure) return;
    if (!FIELD_NAMES.has(name))
      return fail(
        new ApiError(
          400,
          "invalid_request",
          `body.${name} is not a field of an upload`,
          `body.${name}`,
        ),
      );
    if (info.valueTruncated)
      return fail(new ApiError(400, "invalid_request", `body.${name} is too long`, `body.${name}`));
    if (staged.files.length > 0 || authorised)
      return fail(
        new ApiError(
          400,
          "invalid_request",
          `body.${name} must come before the files`,
          `body.${name}`,
        ),
      );
    staged.fields[name] = value;
  });
  parser.on("file", (name, stream) => {
    if (failure || name !== FIELDS.file) {
      if (!failure)
        fail(
          new ApiError(
            400,
            "invalid_request",
            `body.${name} is not a file field of an upload (use "${FIELDS.file}")`,
            `body.${name}`,
          ),
        );
      stream.resume();
      return;
    }
    const index = staged.files.length;
    const target = path.join(dir, String(index));
    staged.files.push({ path: "", size: 0, sha256: "", file: target });
    work = work.then(async () => {
      if (failure) {
        stream.resume();
        return;
      }
      try {
        authorised ??= (async () => {
          const listed = staged.fields[FIELDS.paths];
          let parsed: unknown;
          try {
            parsed = listed === undefined ? undefined : JSON.parse(listed);
          } catch {
            parsed = undefined;
          }
          if (
            !Array.isArray(parsed) ||
            !parsed.every((p) => typeof p === "string" && p.length <= 1024)
          ) {
            throw new ApiError(
              400,
              "invalid_request",
              "body.paths must be a JSON list of the files' paths, before the files",
              "body.paths",
            );
          }
          paths = parsed as string[];
          await authorise(staged.fields);
        })();
        await authorised;
        if (index >= paths!.length) {
          throw new ApiError(
            400,
            "invalid_request",
            `body.paths lists ${paths!.length} files but more were sent`,
            "body.paths",
          );
        }
        const hash = createHash("sha256");
        let size = 0;
        const meter = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            size += chunk.length;
            total += chunk.length;
            if (total > limits.maxBytes) return done(tooLarge(limits.maxBytes, total));
            hash.update(chunk);
            done(null, chunk);
          },
        });
        await pipeline(stream, meter, createWriteStream(target, { flags: "wx" }));
        staged.files[index] = {
          path: paths![index],
          size,
          sha256: hash.digest("hex"),
          file: target,
        };
      } catch (error) {
        fail(error);
        stream.resume();
      }
    });
  });
  parser.on("filesLimit", () =>
    fail(
      new ApiError(
        413,
        "too_many_files",
        `a bundle has at most ${limits.maxFiles} files`,
        "body.files",
        { limit: limits.maxFiles },
      ),
    ),
  );
  parser.on("fieldsLimit", () =>
    fail(new ApiError(400, "invalid_request", "too many fields", "body")),
  );
  parser.on("partsLimit", () =>
    fail(
      new ApiError(
        413,
        "too_many_files",
        `a bundle has at most ${limits.maxFiles} files`,
        "body.files",
        { limit: limits.maxFiles },
      ),
    ),
  );

  let seen = 0;
  const parsed = new Promise<void>((resolve) => {
    parser.on("close", resolve);
    parser.on("error", (error) => {
      fail(
        new ApiError(
          400,
          "invalid_request",
          `the multipart body is malformed: ${(error as Error).message}`,
          "body",
        ),
      );
      resolve();
    });
    body.on("error", (error) => {
      fail(
        new ApiError(
          400,
          "invalid_request",
          `the body could not be read: ${error.message}`,
          "body",
        ),
      );
      resolve();
    });
    // Past the limit the parser only reads the body away; past the drain bound it stops.
    body.on("data", (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limits.maxBytes + limits.drainBytes) {
        fail(tooLarge(limits.maxBytes, seen));
        body.unpipe(parser);
        body.destroy();
        resolve();
      }
    });
  });
  body.pipe(parser);
  await parsed;
  if (!failure) await work;
  if (failure) throw failure;
  if (staged.files.length === 0)
    throw new ApiError(
      400,
      "invalid_request",
      "body.files: an upload has at least one file",
      "body.files",
    );
  if (paths !== null && (paths as string[]).length !== staged.files.length) {
    throw new ApiError(
      400,
      "invalid_request",
      `body.paths lists ${(paths as string[]).length} files but ${staged.files.length} were sent`,
      "body.paths",
    );
  }
  return staged;
}
