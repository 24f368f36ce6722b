import { expect } from "chai";
import { dumpChainData, createTestDatabase, type TestDatabase } from "./helpers/store.ts";
import { deployChain, deposit, headBlock, type Chain } from "./helpers/chain.ts";
import { startTestIndexer, waitForHead } from "./helpers/indexer.ts";
import type { Indexer } from "../../../indexer/src/index.ts";
import { CompiledQuery, type Kysely } from "kysely";
import { ResponseBodyTooLargeError } from "viem";
import { deleteKeys, insertRows, readColumnTypes } from "../../../indexer/src/database/bulk.ts";
import { openStore, type Store } from "../../../indexer/src/database/connect.ts";
import { preparedSql } from "../../../indexer/src/database/parameters.ts";
import type { BlockHeader, ChainReader, RpcLog } from "../../../indexer/src/rpc/client.ts";
import { createRangeSizer } from "../../../indexer/src/rpc/ranges.ts";
import {
  backfill,
  createRangeFetcher,
  type FetchedRange,
} from "../../../indexer/src/sync/backfill.ts";

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
    this.timeout(300_000);
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
      await database?.drop();
      await chain?.close();
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

/**
 * The backfill's ranges against a node that answers from memory: refusals, sizing, the range
 * fetched ahead while the previous one is written, and the chain changing between two ranges.
 */
describe("indexer backfill ranges", () => {
  const LOGS_PER_BLOCK = 200;
  const ADDRESS = `0x${"33".repeat(20)}` as const;
  const hash = (n: number, fork = 0) =>
    `0x${(n + fork * 1_000_000).toString(16).padStart(64, "0")}` as `0x${string}`;

  /**
   * A chain of `head + 1` blocks whose blocks from `busyFrom` on hold LOGS_PER_BLOCK logs each,
   * refusing (as viem does with answers over 10 MiB) any range of more than `maxLogs` logs.
   */
  function fakeNode(head: number, busyFrom: number, maxLogs: number) {
    const asked: [number, number][] = [];
    let fork = 0;
    const header = (n: number): BlockHeader | null =>
      n > head
        ? null
        : { number: n, hash: hash(n, fork), parentHash: hash(n - 1, fork), timestamp: n };
    const reader: ChainReader = {
      chainId: async () => 1,
      headNumber: async () => head,
      header: async (n) => header(n),
      async logsInRange(_addresses, from, to) {
        asked.push([from, to]);
        const busy = Math.max(0, to - Math.max(from, busyFrom) + 1);
        if (busy * LOGS_PER_BLOCK > maxLogs) {
          const size = busy * LOGS_PER_BLOCK * 630;
          throw new ResponseBodyTooLargeError({ maxSize: maxLogs * 630, size });
        }
        const logs: RpcLog[] = [];
        for (let n = Math.max(from, busyFrom); n <= to; n++) {
          for (let i = 0; i < LOGS_PER_BLOCK; i++) {
            logs.push({
              address: ADDRESS,
              topics: [],
              data: "0x",
              blockHash: hash(n, fork),
              blockNumber: `0x${n.toString(16)}`,
              transactionHash: hash(n),
              logIndex: `0x${i.toString(16)}`,
            });
          }
        }
        return logs;
      },
      logsInBlock: async () => [],
    };
    return { reader, asked, reorg: () => (fork += 1) };
  }

  function run(
    node: ReturnType<typeof fakeNode>,
    last: number,
    options: { initial: number; onCommit?: (range: FetchedRange) => Promise<void> },
  ) {
    const sizer = createRangeSizer({ initial: options.initial, max: 100_000, targetLogs: 5_000 });
    const fetcher = createRangeFetcher(node.reader, [ADDRESS], sizer, (call) => call());
    const committed: FetchedRange[] = [];
    let refusals = 0;
    let cursor: { hash: string } | null = null;
    const end = backfill(
      fetcher,
      {
        cursor: () => cursor,
        async commit(range) {
          await options.onCommit?.(range);
          committed.push(range);
          cursor = range.block;
        },
        refused: () => (refusals += 1),
        aborted: () => false,
      },
      0,
      last,
    );
    return { end, committed, refusals: () => refusals };
  }

  it("splits a refused range from the range actually asked, never asking for the same range twice", async () => {
    const node = fakeNode(285, 35, 10_000);
    // The first range is nominally 1,000 blocks but the chain ends at 285: a refusal must halve
    // what was asked (286 blocks), not the nominal size.
    const { end, committed, refusals } = run(node, 285, { initial: 1_000 });
    expect(await end).to.equal("done");
    expect(committed.map((r) => [r.from, r.to])).to.deep.equal(
      committed.map((r, i) => [i === 0 ? 0 : committed[i - 1].to + 1, r.to]),
    );
    expect(committed.at(-1)!.to).to.equal(285);
    const logs = committed.reduce((sum, r) => sum + r.logs.length, 0);
    expect(logs).to.equal((285 - 35 + 1) * LOGS_PER_BLOCK);
    const distinct = new Set(node.asked.map(([from, to]) => `${from}-${to}`));
    expect(distinct.size, JSON.stringify(node.asked)).to.equal(node.asked.length);
    expect(refusals(), JSON.stringify(node.asked)).to.be.at.most(1);
    // After the first answers, ranges hold about the 5,000 logs aimed at.
    for (const range of committed.slice(2, -1)) {
      expect(range.logs.length).to.be.within(2_500, 10_000);
    }
  });

  it("fetches the next range while the previous one is being written", async () => {
    const node = fakeNode(100, 0, 1_000_000);
    let release!: () => void;
    const firstCommit = new Promise<void>((resolve) => (release = resolve));
    let askedDuringFirstCommit = 0;
    const { end, committed } = run(node, 100, {
      initial: 10,
      async onCommit(range) {
        if (range.from !== 0) return;
        // The next range was asked for before this one is written.
        await new Promise((r) => setTimeout(r, 0));
        askedDuringFirstCommit = node.asked.length;
        release();
        await firstCommit;
      },
    });
    expect(await end).to.equal("done");
    expect(askedDuringFirstCommit).to.equal(2);
    expect(committed.at(-1)!.to).to.equal(100);
  });

  it("stops at the first range fetched after the chain changed, writing none of it", async () => {
    const node = fakeNode(60, 0, 1_000_000);
    const { end, committed } = run(node, 60, {
      initial: 10,
      async onCommit(range) {
        // The chain changes while the first range is written. The second range was fetched
        // before (on the old chain, consistent with the first); the third is not written.
        if (range.from === 0) node.reorg();
      },
    });
    expect(await end).to.equal("reorg");
    expect(committed.map((r) => r.from)).to.deep.equal([0, 10]);
    // Both written ranges are the old chain's, as their logs were.
    expect(committed.map((r) => r.block.hash)).to.deep.equal(committed.map((r) => hash(r.to)));
  });
});

for (const kind of ["pglite", "postgres"] as const) {
  describe(`indexer store statements (${kind})`, function () {
    this.timeout(120_000);
    let database: TestDatabase;
    let store: Store;

    beforeEach(async () => {
      database = await createTestDatabase(kind);
      store = await openStore(database.target);
    });

    afterEach(async () => {
      await store?.close();
      await database?.drop();
    });

    it("writes and reads back, in bulk, text that array literals must escape", async () => {
      const awkward = [
        'a "quoted" word',
        'back\\slash and \\" both',
        "{braces}, commas, and NULL",
        "NULL",
        "",
        "ünïcødé ✓ 🛠",
        "new\nline\ttab",
      ];
      const types = await readColumnTypes(store.db as Kysely<unknown>);
      const rows = awkward.map((text, i) => ({
        block_number: 1,
        log_index: i,
        block_hash: `0x${"ab".repeat(32)}`,
        transaction_hash: text,
        contract: "SpinCoin",
        address: text,
        event_name: "Transfer",
        args: { text, nested: { list: [text, null, 1] } },
      }));
      await store.db.executeQuery(insertRows(types, "events", rows));
      const back = await store.db.selectFrom("events").selectAll().orderBy("log_index").execute();
      expect(back.map((r) => [r.transaction_hash, r.address, r.args])).to.deep.equal(
        rows.map((r) => [r.transaction_hash, r.address, r.args]),
      );
      await store.db.executeQuery(
        insertRows(types, "coin_balances", [
          { account: "a", balance: "1", block_number: 1 },
          { account: "b", balance: "2", block_number: 1 },
        ]),
      );
      await store.db.executeQuery(
        insertRows(
          types,
          "coin_balances",
          [{ account: "a", balance: `${10n ** 70n}`, block_number: 2 }],
          { keys: ["account"] },
        ),
      );
      await store.db.executeQuery(
        deleteKeys(types, "coin_balances", ["account"], [{ account: "b" }]),
      );
      expect(await store.db.selectFrom("coin_balances").selectAll().execute()).to.deep.equal([
        { account: "a", balance: `${10n ** 70n}`, block_number: 2 },
      ]);
    });

    it("runs a prepared statement again and again, and again after one run failed", async () => {
      const statement = preparedSql("test_echo", "SELECT $1::int8 + 1 AS next");
      const run = async (value: unknown) =>
        (await store.db.executeQuery<{ next: number }>(CompiledQuery.raw(statement, [value])))
          .rows[0].next;
      expect(await run(1)).to.equal(2);
      expect(await run(41)).to.equal(42);
      let failure: unknown;
      try {
        await run("not a number");
      } catch (error) {
        failure = error;
      }
      expect(String(failure)).to.match(/invalid input syntax for type bigint/);
      expect(await run(9)).to.equal(10);
      // A statement whose very first run fails is prepared afresh on the next.
      const fresh = preparedSql("test_echo_fresh", "SELECT $1::int8 * 2 AS next");
      const runFresh = async (value: unknown) =>
        (await store.db.executeQuery<{ next: number }>(CompiledQuery.raw(fresh, [value]))).rows[0]
          .next;
      let first: unknown;
      try {
        await runFresh("x");
      } catch (error) {
        first = error;
      }
      expect(String(first)).to.match(/invalid input syntax for type bigint/);
      expect(await runFresh(21)).to.equal(42);
    });
  });
}
