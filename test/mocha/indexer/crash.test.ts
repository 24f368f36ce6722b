import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { expect } from "chai";
import type { Kysely } from "kysely";
import { openStore, type Store } from "../../../indexer/src/database/connect.ts";
import type { Database } from "../../../indexer/src/database/schema.ts";
import { readCursor } from "../../../indexer/src/sync/store-state.ts";
import { deployChain, deposit, type Chain } from "./helpers/chain.ts";
import { startTestIndexer, testConfig, waitForHead } from "./helpers/indexer.ts";
import { createTestDatabase, dumpChainData, type TestDatabase } from "./helpers/store.ts";

const childScript = new URL("../../support/indexer-child.ts", import.meta.url).pathname;

function spawnIndexer(config: unknown): ChildProcess {
  return spawn(process.execPath, [childScript, JSON.stringify(config)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
}

async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGKILL");
  await exited;
}

async function waitForCursor(db: Kysely<Database>, atLeast: number, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const cursor = await readCursor(db);
    if (cursor && cursor.number >= atLeast) return cursor.number;
    if (Date.now() > deadline) throw new Error(`cursor did not reach ${atLeast}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("indexer crash recovery (PostgreSQL)", function () {
  this.timeout(180_000);
  let chain: Chain;
  let database: TestDatabase;
  let fresh: TestDatabase;
  let observer: Store;
  const children: ChildProcess[] = [];

  beforeEach(async () => {
    chain = await deployChain();
    database = await createTestDatabase("postgres");
    fresh = await createTestDatabase("postgres");
    observer = await openStore(database.target);
  });

  afterEach(async () => {
    for (const child of children.splice(0)) await killHard(child);
    await observer.close();
    await database.drop();
    await fresh.drop();
    await chain.close();
  });

  async function expectEqualToFreshIndex() {
    await waitForHead(chain, observer.db);
    const reference = await startTestIndexer(chain, fresh, {
      backfill: { initialRange: 1000, maxRange: 1000 },
    });
    try {
      await waitForHead(chain, reference.db);
      expect(await dumpChainData(observer.db)).to.deep.equal(await dumpChainData(reference.db));
    } finally {
      await reference.stop();
    }
  }

  it("resumes after kill -9 during backfill with nothing lost and nothing doubled", async () => {
    await deposit(chain, 30);
    const head = await chain.ethers.provider.getBlockNumber();
    const config = testConfig(chain, database, {
      backfill: { initialRange: 1, maxRange: 1 },
      finalityDepth: 4,
    });
    for (let round = 0; round < 3; round++) {
      const child = spawnIndexer(config);
      children.push(child);
      const at = await waitForCursor(observer.db, 0);
      await waitForCursor(observer.db, Math.min(head - 5, at + 3 + round * 2));
      await killHard(child);
    }
    const cursor = await readCursor(observer.db);
    expect(cursor!.number).to.be.lessThan(head);
    children.push(spawnIndexer(config));
    await expectEqualToFreshIndex();
  });

  it("resumes after kill -9 during live sync with nothing lost and nothing doubled", async () => {
    const config = testConfig(chain, database, { finalityDepth: 8 });
    const first = spawnIndexer(config);
    children.push(first);
    await deposit(chain, 2);
    await waitForHead(chain, observer.db);
    const mining = deposit(chain, 12, 3);
    await waitForCursor(observer.db, (await chain.ethers.provider.getBlockNumber()) + 3);
    await killHard(first);
    await mining;
    children.push(spawnIndexer(config));
    await expectEqualToFreshIndex();
  });
});
