/**
 * New PGlite stores start as copies of a template holding every schema the store is opened
 * with; what a store makes for itself once open (its secrets) never comes from the template.
 */
import { cp, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { sql, type Kysely } from "kysely";
import { apiTablesSchema, sharedSecret } from "../../../indexer/src/content/tables.ts";
import { openStore, type Store } from "../../../indexer/src/database/connect.ts";
import { chainSchema, type StoreSchema } from "../../../indexer/src/database/migrations.ts";
import { templatePath } from "../../../indexer/src/database/pglite-template.ts";
import { storeSchemas } from "../../../indexer/src/index.ts";

const schemas = storeSchemas;

/**
 * The migrations a store records as run, with when they ran, per migration table: two stores
 * copied from one template record the same times (the template's build), where a migration run
 * after the copy records its own.
 */
async function migrationsRun(db: Kysely<unknown>) {
  const runs = async (table: string) =>
    (
      await sql<{ name: string; timestamp: string }>`
        SELECT name, timestamp FROM ${sql.table(table)} ORDER BY name`.execute(db)
    ).rows.map((r) => `${r.name} ${r.timestamp}`);
  return { chain: await runs("kysely_migration"), api: await runs("api_migration") };
}

describe("indexer PGlite store templates", function () {
  this.timeout(120_000);
  let scratch: string;
  /** Built once, by the first store opened in it. */
  let templateDir: string;
  const open: Store[] = [];

  async function openNew(name: string, templates = templateDir) {
    const store = await openStore(
      { kind: "pglite", dataDir: path.join(scratch, name), templateDir: templates },
      schemas,
    );
    open.push(store);
    return store;
  }

  async function closeAll() {
    for (const store of open.splice(0)) await store.close();
  }

  before(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "spin-template-test-"));
    templateDir = path.join(scratch, "templates");
  });

  afterEach(closeAll);

  after(async () => {
    await closeAll();
    await rm(scratch, { recursive: true, force: true });
  });

  it("builds the template once, with every schema, and gives each copy secrets of its own", async () => {
    const first = await openNew("first");
    const templates = await readdir(templateDir);
    expect(templates).to.deep.equal([path.basename(templatePath(templateDir, schemas))]);
    const second = await openNew("second");
    expect(await readdir(templateDir)).to.deep.equal(templates);

    const expected = await migrationsRun(first.db as Kysely<unknown>);
    expect(expected.chain).to.not.be.empty;
    expect(expected.api).to.not.be.empty;
    expect(await migrationsRun(second.db as Kysely<unknown>)).to.deep.equal(expected);

    const secrets = [
      await sharedSecret(first.db, "cursor"),
      await sharedSecret(second.db, "cursor"),
    ].map((s) => Buffer.from(s).toString("hex"));
    expect(secrets[0]).to.match(/^[0-9a-f]{64}$/);
    expect(secrets[1]).to.match(/^[0-9a-f]{64}$/);
    expect(secrets[0]).to.not.equal(secrets[1]);
  });

  it("names a template after the PGlite version and every schema in it, in order", () => {
    const both = templatePath(templateDir, schemas);
    expect(path.basename(both)).to.match(/^pglite-\d+\.\d+\.\d+[^/]*-[0-9a-f]{16}$/);
    expect(templatePath(templateDir, [chainSchema, apiTablesSchema])).to.equal(both);
    expect(templatePath(templateDir, [chainSchema])).to.not.equal(both);
    expect(templatePath(templateDir, [apiTablesSchema, chainSchema])).to.not.equal(both);
    const changed: StoreSchema = { ...apiTablesSchema, fingerprint: "0".repeat(16) };
    expect(templatePath(templateDir, [chainSchema, changed])).to.not.equal(both);
  });

  it("opens a new store from scratch when its template is damaged, and forgets the template", async () => {
    const damagedDir = path.join(scratch, "damaged");
    await cp(templateDir, damagedDir, { recursive: true });
    const [template] = await readdir(damagedDir);
    await writeFile(path.join(damagedDir, template, "PG_VERSION"), "not a version\n");

    const store = await openNew("from-scratch", damagedDir);
    expect(await readdir(damagedDir)).to.deep.equal([]);
    const names = async (db: Kysely<unknown>) => {
      const { chain, api } = await migrationsRun(db);
      return [...chain, ...api].map((run) => run.split(" ")[0]);
    };
    const copied = await openNew("copied");
    expect(await names(store.db as Kysely<unknown>)).to.deep.equal(
      await names(copied.db as Kysely<unknown>),
    );
  });
});
