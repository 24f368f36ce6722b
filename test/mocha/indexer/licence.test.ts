/**
 * The licence check against the contract's own answer, field by field (allowed, reason, licence
 * id, record id, valid until), for every reason Licensing.licenceStatus gives and every kind of
 * record (a paid term active, expired, revoked, bought again; commons use, revoked; commons use
 * of an open work by an enterprise, revoked), by work id and by content hash, on both stores,
 * asked one by one through the API and all at once (one batched read), kept and brought up to
 * date by each commit's records, and through a reorg.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { Wallet } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import { Kysely } from "kysely";
import { Migrator } from "kysely/migration";
import type { Indexer } from "../../../indexer/src/index.ts";
import { PGlite } from "@electric-sql/pglite";
import { pgliteParsers } from "../../../indexer/src/database/connect.ts";
import { InlineMigrations, migrateToLatest } from "../../../indexer/src/database/migrations.ts";
import { PGliteDialect } from "../../../indexer/src/database/pglite-dialect.ts";
import type { Database } from "../../../indexer/src/database/schema.ts";
import {
  createFactsReader,
  createLicenceChecker,
  readFacts,
  type WorkRef,
} from "../../../indexer/src/server/licence-check.ts";
import { licenceVersion } from "../../../indexer/src/sync/status.ts";
import { createLicenceChangeLog } from "../../../indexer/src/sync/licence-changes.ts";
import {
  boundsOf,
  buy,
  CC0,
  commitAndAddVersion,
  COPYFAIR,
  Kind,
  PPL,
  registerWork,
  shippedLicences,
  termsOf,
  deploySpin,
  type Spin,
} from "../works/fixture.ts";
import { serveSpin, startTestIndexer, waitForHead, type ChainLike } from "./helpers/indexer.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/store.ts";

const DAY = 24 * 3600;
const COMMONS_USE_EXPIRY = 2 ** 40 - 1;
const reasonNames = [
  "UnknownWork",
  "SuspendedWork",
  "NotMember",
  "Forbidden",
  "OpenLicence",
  "CommonsUse",
  "PaidLicence",
  "NoLicence",
  "Expired",
  "Revoked",
];

interface Answer {
  allowed: boolean;
  reason: string;
  reasonCode: number;
  licenceId: number;
  recordId: number;
  validUntil: number;
}

type Fields = [boolean, number, number, number, number];
const fieldsOf = (a: Answer): Fields => [
  a.allowed,
  a.reasonCode,
  a.licenceId,
  a.recordId,
  a.validUntil,
];

async function advance(connection: NetworkConnection, seconds: number) {
  await connection.provider.request({ method: "evm_increaseTime", params: [seconds] });
  await connection.provider.request({ method: "evm_mine" });
}

/** The records, works and accounts that make the contract give every reason it has. */
async function buildScenario(connection: NetworkConnection, spin: Spin) {
  const { ethers, works, licensing, commons, templates, admin } = spin;
  const { alice, bob, carol, coop, place, firm, firm2, stranger } = spin;
  const signers = await ethers.getSigners();
  const [expelled, rebuyer] = [signers[9], signers[10]];
  const profile = ethers.id("profile");
  await commons.admit(rebuyer.address, Kind.Enterprise, "ipfs://rebuyer", profile);
  await spin.coin.mint(rebuyer.address, 1_000_000n * 10n ** 18n);
  await commons.admit(expelled.address, Kind.Cooperative, "ipfs://expelled", profile);

  const ppl = await registerWork(spin, alice, { licenceId: PPL });
  const copyfair = await registerWork(spin, bob, { licenceId: COPYFAIR });
  const open = await registerWork(spin, carol, { licenceId: CC0 });
  const expiring = await registerWork(spin, alice, { licenceId: PPL });
  const suspended = await registerWork(spin, bob, { licenceId: PPL });
  const noCommercial = { ...termsOf(shippedLicences()[2]), commercialUse: 0 };
  await templates.addTemplate(
    "No commercial use",
    ethers.id("nc"),
    "ipfs://nc",
    noCommercial,
    boundsOf(shippedLicences()[2]),
  );
  const forbidden = await registerWork(spin, carol, {
    licenceId: Number(await templates.templateCount()),
  });
  await commitAndAddVersion(spin, alice, ppl, ethers.id("ppl v2"), "ipfs://v2");
  await works.connect(place).adopt(copyfair);

  // A paid term bought now expires before the terms bought after the clock moves.
  await buy(spin, firm2, expiring);
  await advance(connection, 200 * DAY);
  await buy(spin, firm, ppl);
  await buy(spin, firm2, copyfair);
  const latest = async (workId: bigint, who: string) =>
    (await licensing.licenceStatus(workId, who)).recordId;
  await licensing.revoke(await latest(copyfair, firm2.address), "unpaid");
  await buy(spin, rebuyer, copyfair);
  await licensing.revoke(await latest(copyfair, rebuyer.address), "fraud");
  // A revoked licensee buys again only once governance lifts the revocation.
  await licensing.liftRevocation(copyfair, rebuyer.address, "repaid");
  await buy(spin, rebuyer, copyfair); // the latest record, not revoked, decides
  await licensing.connect(bob).recordCommonsUse(ppl);
  await licensing.connect(alice).recordCommonsUse(ppl);
  await licensing.revoke(await latest(ppl, alice.address), "not a commoner's use");
  // Lifted and not used again: the account holds no record of the work.
  await licensing.connect(coop).recordCommonsUse(ppl);
  await licensing.revoke(await latest(ppl, coop.address), "not a member's use");
  await licensing.liftRevocation(ppl, coop.address, "it was");
  await licensing.connect(coop).recordCommonsUse(open);
  await licensing.connect(firm2).recordCommonsUse(open);
  await licensing.revoke(await latest(open, firm2.address), "misuse");
  await works.suspend(suspended, "disputed");
  await commons.suspend(carol.address, "inactive");
  await commons.expel(expelled.address, "left");
  await advance(connection, 200 * DAY);

  const accounts = [
    alice,
    bob,
    carol,
    coop,
    place,
    firm,
    firm2,
    stranger,
    admin,
    expelled,
    rebuyer,
  ].map((s) => s.address);
  // SPIN's own contracts are protocol accounts, allowed to hold coin but not participants.
  accounts.push(await licensing.getAddress());
  for (let i = 0; i < 8; i++) accounts.push(Wallet.createRandom().address);
  return {
    workIds: [ppl, copyfair, open, expiring, suspended, forbidden, 999n],
    accounts,
  };
}

for (const kind of ["pglite", "postgres"] as const) {
  describe(`indexer licence check agrees with Licensing.licenceStatus (${kind})`, function () {
    this.timeout(300_000);
    let connection: NetworkConnection;
    let spin: Spin;
    let chain: ChainLike;
    let database: TestDatabase;
    let indexer: Indexer;
    let workIds: bigint[];
    let accounts: string[];

    before(async () => {
      connection = await network.create();
      const startBlock = (await connection.ethers.provider.getBlockNumber()) + 1;
      spin = await deploySpin(connection);
      ({ workIds, accounts } = await buildScenario(connection, spin));
      chain = await serveSpin(connection, spin, startBlock);
      database = await createTestDatabase(kind);
      indexer = await startTestIndexer(chain, database, {
        server: { host: "127.0.0.1", port: 0 },
        licenceCheckCacheEntries: 0,
      });
      await waitForHead(chain, indexer.db);
    });

    after(async () => {
      await indexer?.stop();
      await database?.drop();
      await chain?.rpc.close();
      await connection?.close();
    });

    /** Every (work, account) question by id, and by each version's content hash. */
    async function questions(): Promise<{ ref: WorkRef; account: string; route: string }[]> {
      const versions = await indexer.db
        .selectFrom("work_versions")
        .select(["work_id", "content_hash"])
        .execute();
      const refs: { ref: WorkRef; query: string }[] = [
        ...workIds.map((id) => ({ ref: { workId: Number(id) }, query: `workId=${id}` })),
        ...versions.map((v) => ({
          ref: { contentHash: v.content_hash },
          query: `contentHash=${v.content_hash}`,
        })),
        {
          ref: { contentHash: `0x${"5a".repeat(32)}` },
          query: `contentHash=0x${"5a".repeat(32)}`,
        },
      ];
      return refs.flatMap(({ ref, query }) =>
        accounts.map((account) => ({
          ref,
          account: account.toLowerCase(),
          route: `/licences/check?account=${account}&${query}`,
        })),
      );
    }

    async function onChain(ref: WorkRef, account: string): Promise<Fields> {
      const status =
        "workId" in ref
          ? await spin.licensing.licenceStatus(ref.workId, account)
          : await spin.licensing.licenceStatusByHash(ref.contentHash, account);
      return [
        status.allowed,
        Number(status.reason),
        Number(status.licenceId),
        Number(status.recordId),
        Number(status.validUntil),
      ];
    }

    it("gives every reason, with the contract's fields, for every account and work", async () => {
      const seen = new Map<string, Fields[]>();
      for (const { ref, account, route } of await questions()) {
        const response = await fetch(`${indexer.url}${route}`);
        expect(response.status, route).to.equal(200);
        const answer = (await response.json()) as Answer;
        expect(fieldsOf(answer), route).to.deep.equal(await onChain(ref, account));
        seen.set(answer.reason, [...(seen.get(answer.reason) ?? []), fieldsOf(answer)]);
      }
      expect([...seen.keys()]).to.have.members(reasonNames);
      // A revocation voids the term: the answer names the record, with no term left.
      const revoked = seen.get("Revoked")!;
      expect(revoked.every((f) => f[3] > 0 && f[4] === 0)).to.equal(true);
      // Lifted: the account holds no record (commons use), or the record bought after it.
      const lifted = await fetch(
        `${indexer.url}/licences/check?account=${spin.coop.address}&workId=${workIds[0]}`,
      );
      expect(fieldsOf((await lifted.json()) as Answer)).to.deep.equal([
        true,
        reasonNames.indexOf("CommonsUse"),
        Number((await spin.works.workOf(workIds[0])).licenceId),
        0,
        0,
      ]);
      const rebought = await fetch(
        `${indexer.url}/licences/check?account=${accounts[10]}&workId=${workIds[1]}`,
      );
      const answer = (await rebought.json()) as Answer;
      expect(answer.reason).to.be.oneOf(["PaidLicence", "Expired"]);
      expect(answer.recordId).to.be.greaterThan(0);
      expect(answer.validUntil).to.be.greaterThan(0);
    });

    it("answers plain questions directly, each exactly as the router answers it", async () => {
      const direct = async () => {
        const metrics = await (await fetch(`${indexer.url}/metrics`)).text();
        return Number(/^spin_api_direct_answers_total (\d+)$/m.exec(metrics)![1]);
      };
      const all = await questions();
      const before = await direct();
      for (const { route } of all) {
        // The same question with a digit percent-encoded: the router decodes it, direct does not.
        const routed = route.replace("account=0x", "account=%30x");
        const [a, b] = await Promise.all([
          fetch(`${indexer.url}${route}`),
          fetch(`${indexer.url}${routed}`),
        ]);
        expect([a.status, b.status], route).to.deep.equal([200, 200]);
        expect(await a.json(), route).to.deep.equal(await b.json());
        const names = (r: Response) => {
          const all: string[] = [];
          r.headers.forEach((_, name) => all.push(name));
          return all.sort();
        };
        expect(names(a), route).to.deep.equal(names(b));
        for (const name of ["content-type", "x-content-type-options", "content-length"]) {
          expect(a.headers.get(name), `${route} ${name}`).to.equal(b.headers.get(name));
        }
        expect(a.headers.get("x-request-id")).to.match(/^[0-9a-f-]{36}$/);
      }
      expect((await direct()) - before).to.equal(all.length);
    });

    it("answers many questions asked at once from one batched read, each its own answer", async () => {
      const all = await questions();
      expect(all.length).to.be.greaterThan(256); // more than one batch
      const noChanges = createLicenceChangeLog();
      for (const entries of [0, 1_000]) {
        const checker = createLicenceChecker(indexer.db, {
          entries,
          version: () => "1",
          changes: () => noChanges,
          clock: () => null,
        });
        const answers = await Promise.all(all.map((q) => checker.check(q.ref, q.account)));
        for (const [i, { ref, account, route }] of all.entries()) {
          expect(fieldsOf(answers[i]), route).to.deep.equal(await onChain(ref, account));
          expect(answers[i].account).to.equal(account);
        }
      }
    });

    it("keeps answers that agree through purchases, revocations, lifts and commons use, each read once", async () => {
      const all = await questions();
      let read = 0;
      const { status } = indexer.sync;
      const checker = createLicenceChecker(
        createFactsReader((asked) => {
          read += asked.length;
          return readFacts(indexer.db, asked);
        }),
        {
          entries: 10_000,
          version: () => licenceVersion(status),
          changes: () => status.licenceChanges,
          clock: () => status.indexedTimestamp,
        },
      );
      const agree = async (step: string) => {
        const answers = await Promise.all(all.map((q) => checker.check(q.ref, q.account)));
        for (const [i, { ref, account, route }] of all.entries()) {
          expect(fieldsOf(answers[i]), `${step}: ${route}`).to.deep.equal(
            await onChain(ref, account),
          );
        }
      };
      await agree("kept");
      expect(read).to.equal(all.length);
      const [ppl, copyfair] = workIds;
      const { firm2, coop } = spin;
      const latest = async () => (await spin.licensing.licenceStatus(ppl, firm2.address)).recordId;
      const steps: [string, () => Promise<unknown>][] = [
        ["bought", () => buy(spin, firm2, ppl)],
        ["revoked", async () => spin.licensing.revoke(await latest(), "test")],
        ["lifted", () => spin.licensing.liftRevocation(ppl, firm2.address, "test")],
        ["bought again", () => buy(spin, firm2, ppl)],
        ["commons use", () => spin.licensing.connect(coop).recordCommonsUse(copyfair)],
      ];
      const snapshot = await connection.provider.request({ method: "evm_snapshot" });
      try {
        for (const [step, act] of steps) {
          await act();
          await waitForHead(chain, indexer.db);
          await agree(step);
        }
      } finally {
        await connection.provider.request({ method: "evm_revert", params: [snapshot] });
        await connection.provider.request({ method: "evm_mine" });
        await connection.provider.request({ method: "evm_mine" });
        await waitForHead(chain, indexer.db);
      }
      // Each commit carried the records it changed: no question went back to the store.
      expect(read).to.equal(all.length);
    });

    it("undoes a revocation that a reorg removes, and agrees again", async () => {
      const [ppl] = workIds;
      const { firm } = spin;
      const snapshot = await connection.provider.request({ method: "evm_snapshot" });
      const route = `${indexer.url}/licences/check?account=${firm.address}&workId=${ppl}`;
      const record = (await spin.licensing.licenceStatus(ppl, firm.address)).recordId;
      await spin.licensing.revoke(record, "reorged away");
      await waitForHead(chain, indexer.db);
      expect(((await (await fetch(route)).json()) as Answer).reason).to.equal("Revoked");
      await connection.provider.request({ method: "evm_revert", params: [snapshot] });
      await connection.provider.request({ method: "evm_mine" });
      await connection.provider.request({ method: "evm_mine" });
      await waitForHead(chain, indexer.db);
      expect(indexer.sync.status.reorgsTotal).to.be.greaterThan(0);
      const answer = (await (await fetch(route)).json()) as Answer;
      expect(answer.reason).to.equal("PaidLicence");
      expect(fieldsOf(answer)).to.deep.equal(await onChain({ workId: Number(ppl) }, firm.address));
    });
  });
}

describe("indexer licence holdings migration", function () {
  this.timeout(120_000);

  it("fills each pair's latest record from the records indexed before it", async () => {
    // A store as it was before licence_holdings, with records indexed then.
    const db = new Kysely<Database>({
      dialect: new PGliteDialect(await PGlite.create({ parsers: pgliteParsers })),
    });
    const migrator = new Migrator({
      db: db as Kysely<unknown>,
      provider: new InlineMigrations(),
    });
    const { error } = await migrator.migrateTo("0007_timelock_operations");
    expect(error).to.equal(undefined);
    const record = (id: number, licensee: string, fields: Record<string, unknown>) => ({
      record_id: id,
      work_id: 1,
      licensee,
      licence_id: 1,
      version: 1,
      start_time: null,
      expiry: null,
      price: "0",
      commons_use: false,
      revoked: false,
      revoke_reason: null,
      block_number: id,
      ...fields,
    });
    await db
      .insertInto("licence_records")
      .values([
        record(1, "0xaa", { expiry: 500, price: "10" }),
        record(2, "0xaa", { expiry: 900, price: "10", revoked: true }),
        record(3, "0xbb", { commons_use: true }),
        record(4, "0xcc", { commons_use: true, revoked: true }),
        record(5, "0xcc", { expiry: 700, price: "10" }),
      ])
      .execute();
    await migrateToLatest(db as Kysely<unknown>);
    const holdings = await db
      .selectFrom("licence_holdings")
      .select(["licensee", "record_id", "commons_use", "revoked", "valid_until"])
      .orderBy("licensee")
      .execute();
    expect(holdings).to.deep.equal([
      { licensee: "0xaa", record_id: 2, commons_use: false, revoked: true, valid_until: 900 },
      {
        licensee: "0xbb",
        record_id: 3,
        commons_use: true,
        revoked: false,
        valid_until: COMMONS_USE_EXPIRY,
      },
      { licensee: "0xcc", record_id: 5, commons_use: false, revoked: false, valid_until: 700 },
    ]);
    await db.destroy();
  });
});
