/**
 * A new PGlite store starts as a copy of a template: a data directory that PGlite initialised
 * (initdb, several seconds of WASM) and the migrations brought up to date, closed cleanly and
 * kept in a cache directory. Copying it is a file copy, and opening the copy costs what
 * reopening an existing store costs. The first store opened with a given PGlite version and
 * schema builds the template; a template that no longer opens is rebuilt.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, readdir, readFile, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely } from "kysely";
import { migrateToLatest, migrationsFingerprint } from "./migrations.ts";
import { PGliteDialect } from "./pglite-dialect.ts";

async function pgliteVersion(): Promise<string> {
  const require = createRequire(import.meta.url);
  const entry = require.resolve("@electric-sql/pglite");
  let dir = path.dirname(entry);
  while (path.basename(dir) !== "pglite") dir = path.dirname(dir);
  const manifest = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as {
    version: string;
  };
  return manifest.version;
}

/** True when `dir` holds no PostgreSQL data directory (absent or empty). */
export async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
}

/**
 * Copies the directory `from` into `to`. The system's cp does it natively, beside the event
 * loop (a data directory is some 2,000 files); Node's own copy is the fallback where there is
 * no cp.
 */
async function copyDir(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  try {
    await promisify(execFile)("cp", ["-R", `${from}${path.sep}.`, to]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    await cp(from, to, { recursive: true });
  }
}

/** Builds a migrated data directory in a scratch place, then moves it to `target` at once. */
async function buildTemplate(target: string): Promise<void> {
  const scratch = `${target}.building-${process.pid}-${Date.now()}`;
  try {
    const pglite = await PGlite.create({ dataDir: scratch });
    const db = new Kysely<unknown>({ dialect: new PGliteDialect(pglite) });
    try {
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }
    try {
      await rename(scratch, target);
    } catch (error) {
      // Another process built the same template meanwhile: keep theirs.
      if (!(await isEmptyDir(target))) return;
      throw error;
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Fills the empty directory `dataDir` with a migrated store copied from the template kept in
 * `templateDir`, building the template first when there is none for this PGlite and schema.
 */
export async function copyTemplate(templateDir: string, dataDir: string): Promise<void> {
  const name = `pglite-${await pgliteVersion()}-${migrationsFingerprint()}`;
  const template = path.join(templateDir, name);
  await mkdir(templateDir, { recursive: true });
  if (await isEmptyDir(template)) await buildTemplate(template);
  await copyDir(template, dataDir);
}

/** Forgets a template that did not open, so that the next store builds it again. */
export async function dropTemplate(templateDir: string): Promise<void> {
  const name = `pglite-${await pgliteVersion()}-${migrationsFingerprint()}`;
  await rm(path.join(templateDir, name), { recursive: true, force: true });
}
