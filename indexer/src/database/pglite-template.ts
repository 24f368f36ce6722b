/**
 * A new PGlite store starts as a copy of a template: a data directory that PGlite initialised
 * (initdb, several seconds of WASM) and the store's schemas' migrations brought up to date, closed
 * cleanly and kept in a cache directory. Copying it is a file copy, and opening the copy costs
 * what reopening an existing store costs. The first store opened with a given PGlite version and
 * schemas builds the template; a template that no longer opens is rebuilt. Nothing a store makes
 * for itself once open (the API's secrets) is in a template.
 *
 * The copy starts in the same tick as the store's opening: the checks before it are synchronous,
 * because asynchronous ones would wait in libuv's thread pool behind the module loader's file
 * reads, which the indexer starts beside the opening (a cold start measured the copy beginning
 * 400 ms late, after every module had loaded). The copy itself runs in a process of its own.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { cp, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely } from "kysely";
import type { StoreSchema } from "./migrations.ts";
import { PGliteDialect } from "./pglite-dialect.ts";

let version: string | undefined;

function pgliteVersion(): string {
  if (version) return version;
  const require = createRequire(import.meta.url);
  let dir = path.dirname(require.resolve("@electric-sql/pglite"));
  while (path.basename(dir) !== "pglite") dir = path.dirname(dir);
  const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
    version: string;
  };
  return (version = manifest.version);
}

/** True when `dir` holds no PostgreSQL data directory (absent or empty). */
export function isEmptyDir(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
}

/**
 * Copies the directory `from` into `to`. The system's cp does it natively, beside the event
 * loop (a data directory is some 1,200 files); Node's own copy is the fallback where there is
 * no cp.
 */
async function copyDir(from: string, to: string): Promise<void> {
  mkdirSync(to, { recursive: true });
  try {
    await promisify(execFile)("cp", ["-R", `${from}${path.sep}.`, to]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    await cp(from, to, { recursive: true });
  }
}

/** Where the template for this PGlite and these schemas is kept under `templateDir`. */
export function templatePath(templateDir: string, schemas: readonly StoreSchema[]): string {
  const hash = createHash("sha256");
  for (const schema of schemas) hash.update(`${schema.fingerprint}\u0000`);
  return path.join(templateDir, `pglite-${pgliteVersion()}-${hash.digest("hex").slice(0, 16)}`);
}

/** Builds a migrated data directory in a scratch place, then moves it to `target` at once. */
async function buildTemplate(target: string, schemas: readonly StoreSchema[]): Promise<void> {
  const scratch = `${target}.building-${process.pid}-${Date.now()}`;
  try {
    const pglite = await PGlite.create({ dataDir: scratch });
    const db = new Kysely<unknown>({ dialect: new PGliteDialect(pglite) });
    try {
      for (const schema of schemas) await schema.migrate(db);
    } finally {
      await db.destroy();
    }
    try {
      await rename(scratch, target);
    } catch (error) {
      // Another process built the same template meanwhile: keep theirs.
      if (!isEmptyDir(target)) return;
      throw error;
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Fills the empty directory `dataDir` with a store migrated to `schemas`, copied from the
 * template kept in `templateDir`, building the template first when there is none for this
 * PGlite and these schemas.
 */
export function copyTemplate(
  templateDir: string,
  dataDir: string,
  schemas: readonly StoreSchema[],
): Promise<void> {
  const template = templatePath(templateDir, schemas);
  mkdirSync(templateDir, { recursive: true });
  if (isEmptyDir(template)) {
    return buildTemplate(template, schemas).then(() => copyDir(template, dataDir));
  }
  return copyDir(template, dataDir);
}

/** Forgets a template that did not open, so that the next store builds it again. */
export async function dropTemplate(
  templateDir: string,
  schemas: readonly StoreSchema[],
): Promise<void> {
  await rm(templatePath(templateDir, schemas), { recursive: true, force: true });
}
