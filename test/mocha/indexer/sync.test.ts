import { expect } from "chai";
import { dumpChainData, createTestDatabase, type TestDatabase } from "./helpers/store.ts";
import { deployChain, deposit, headBlock, type Chain } from "./helpers/chain.ts";
import { startTestIndexer, waitForHead } from "./helpers/indexer.ts";
import type { Indexer } from "../../../indexer/src/index.ts";

/** Indexes the chain as it is now into a fresh store and returns its dump. */
async function freshDump(chain: Chain, kind: "postgres" | "pglite") {
  const database = await createTestDatabase(kind);
  const indexer = await startTestIndexer(chain, database, {
    backfill: { initialRange: 1000, maxRange: 1000 },
  });
  try {
    await waitForHead(chain, indexer.db);
    return await dumpChainData(indexer.db);
  } finally {
    await indexer.stop();
    await database.drop();
  }
}

for (const kind of ["pglite", "postgres"] as const) {
  describe(`indexer sync (${kind})`, function () {
    this.timeout(120_000);
    let chain: Chain;
    let database: TestDatabase;
    let indexer: Indexer | null = null;

    beforeEach(async () => {
      chain = await deployChain();
      database = await createTestDatabase(kind);
    });

    afterEach(async () => {
      await indexer?.stop();
      indexer = null;
      await database.drop();
      await chain.close();
    });

    it("backfills, follows the head, and holds the fund's balances as the contract does", async () => {
      await deposit(chain, 6);
      indexer = await startTestIndexer(chain, database);
      await waitForHead(chain, indexer.db);
      expect(indexer.sync.status.phase).to.equal("live");
      await deposit(chain, 4, 2);
      await waitForHead(chain, indexer.db);
      const rows = await indexer.db
        .selectFrom("sub_funds")
        .selectAll()
        .orderBy("sub_fund")
        .execute();
      expect(rows.map((r) => r.name)).to.deep.equal([
        "Pooled",
        "Global South",
        "Commons",
        "Technology Infrastructure",
      ]);
      for (const row of rows) {
        const onChain = await chain.fund.subFund(row.sub_fund);
        expect(row.balance).to.equal(onChain.balance.toString());
      }
      for (const account of [
        ...chain.members.map((m) => m.address),
        await chain.fund.getAddress(),
      ]) {
        const row = await indexer.db
          .selectFrom("coin_balances")
          .select("balance")
          .where("account", "=", account.toLowerCase())
          .executeTakeFirst();
        expect(row?.balance).to.equal((await chain.coin.balanceOf(account)).toString());
      }
      const deposits = await indexer.db.selectFrom("fund_movements").selectAll().execute();
      expect(deposits).to.have.length(10);
      const events = await indexer.db.selectFrom("events").select("event_name").execute();
      expect(events.filter((e) => e.event_name === "Deposited")).to.have.length(10);
    });

    it("rolls a reorg back to the common ancestor and equals a fresh index of the final chain", async () => {
      indexer = await startTestIndexer(chain, database);
      await deposit(chain, 3);
      await waitForHead(chain, indexer.db);
      const snapshot = await chain.provider.request({ method: "evm_snapshot" });
      const ancestor = await headBlock(chain);
      await deposit(chain, 5, 3);
      await waitForHead(chain, indexer.db);
      await chain.provider.request({ method: "evm_revert", params: [snapshot] });
      await chain.provider.request({ method: "evm_mine" });
      await deposit(chain, 2, 7);
      await waitForHead(chain, indexer.db);
      expect(indexer.sync.status.reorgsTotal).to.be.greaterThan(0);
      expect(indexer.sync.status.resetsTotal).to.equal(1); // only the first, empty-store start
      const after = await indexer.db
        .selectFrom("events")
        .select("block_number")
        .where("block_number", ">", ancestor.number)
        .execute();
      expect(after.length).to.be.greaterThan(0);
      expect(await dumpChainData(indexer.db)).to.deep.equal(await freshDump(chain, kind));
    });

    it("stays exact through dropped, delayed and failed requests and refused ranges", async () => {
      await deposit(chain, 8);
      chain.rpc.faults = { dropRate: 0.1, errorRate: 0.15, delayMs: 20, maxLogRange: 5 };
      indexer = await startTestIndexer(chain, database, {
        backfill: { initialRange: 64, maxRange: 64 },
      });
      await deposit(chain, 4, 5);
      await waitForHead(chain, indexer.db, 90_000);
      expect(indexer.sync.status.rpcErrorsTotal).to.be.greaterThan(0);
      chain.rpc.faults = { dropRate: 0, errorRate: 0, delayMs: 0, maxLogRange: null };
      expect(await dumpChainData(indexer.db)).to.deep.equal(await freshDump(chain, kind));
    });

    it("re-indexes cleanly when the chain is replaced by a new one", async () => {
      await deposit(chain, 4);
      indexer = await startTestIndexer(chain, database, { finalityDepth: 0 });
      await waitForHead(chain, indexer.db);
      await indexer.stop();
      indexer = null;
      await chain.close();
      chain = await deployChain();
      await deposit(chain, 2, 9);
      indexer = await startTestIndexer(chain, database, { finalityDepth: 0 });
      await waitForHead(chain, indexer.db);
      expect(await dumpChainData(indexer.db)).to.deep.equal(await freshDump(chain, kind));
    });
  });
}
