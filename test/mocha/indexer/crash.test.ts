import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { waitFor } from "../../../scripts/lib/wait.ts";
import { openStore, type Store } from "../../../indexer/src/database/connect.ts";
import { readCursor } from "../../../indexer/src/sync/store-state.ts";
import { deployChain, deposit, type Chain } from "./helpers/chain.ts";
import { startTestIndexer, testConfig, waitForHead } from "./helpers/indexer.ts";
import { createTestDatabase, dumpChainData, type TestDatabase } from "./helpers/store.ts";

const childScript = new URL("../../support/indexer-child.ts", import.meta.url).pathname;

interface Child {
  process: ChildProcess;
  /** The child's API, where its progress is read while it runs (null: it exited first). */
  url: Promise<string | null>;
}

function spawnIndexer(config: unknown): Child {
  const child = spawn(process.execPath, [childScript, JSON.stringify(config)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = new Promise<string | null>((resolve) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const started = /started (\S+)/.exec(output);
      if (started) resolve(started[1]);
    });
    child.once("exit", () => resolve(null));
  });
  return { process: child, url };
}

async function killHard(child: Child): Promise<void> {
  const { process: p } = child;
  if (p.exitCode !== null || p.signalCode !== null) return;
  const exited = once(p, "exit");
  p.kill("SIGKILL");
  await exited;
}

/**
 * The indexed block, read from the child's /health: a PGlite data directory belongs to one
 * process at a time, so its store is opened only while no indexer runs on it.
 */
async function indexedBlock(child: Child): Promise<number | null> {
  const url = await child.url;
  if (!url)
    throw new Error(`the indexer exited (${child.process.exitCode ?? child.process.signalCode})`);
  const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(10_000) });
  return ((await response.json()) as { indexedBlock: number | null }).indexedBlock;
}

/** Waits until the child indexed `atLeast`, as long as its indexed block keeps moving. */
async function waitForIndexed(child: Child, atLeast: number): Promise<number> {
  const block = await waitFor({
    what: `the indexer to reach block ${atLeast}`,
    probe: () => indexedBlock(child),
    done: (block) => block !== null && block >= atLeast,
    progress: (block) => block,
    describe: (block) => `indexed block ${block ?? "none"}`,
    gone: () =>
      child.process.exitCode !== null || child.process.signalCode !== null
        ? `the indexer exited (${child.process.exitCode ?? child.process.signalCode})`
        : undefined,
    intervalMs: 10,
  });
  return block ?? -1; // never null: `done` accepted it
}

for (const kind of ["pglite", "postgres"] as const) {
  describe(`indexer crash recovery (${kind})`, function () {
    // Each test's allowance on an idle machine, stretched with the load; every block an indexer
    // indexes gives it the allowance again (test/support/progress-timeouts.ts).
    this.timeout(180_000);
    let chain: Chain;
    let dataDir: string;
    let target: Parameters<typeof openStore>[0];
    let database: TestDatabase | null = null;
    let fresh: TestDatabase;
    const children: Child[] = [];

    beforeEach(async () => {
      chain = await deployChain();
      dataDir = await mkdtemp(path.join(tmpdir(), "spin-crash-"));
      if (kind === "pglite") {
        target = { kind, dataDir: path.join(dataDir, "pglite") };
      } else {
        database = await createTestDatabase("postgres");
        target = database.target;
      }
      fresh = await createTestDatabase(kind);
    });

    afterEach(async () => {
      for (const child of children.splice(0)) await killHard(child);
      await database?.drop();
      database = null;
      await fresh?.drop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
      await chain?.close();
    });

    function config(overrides: Parameters<typeof testConfig>[2]) {
      return testConfig(chain, fresh, {
        server: { host: "127.0.0.1", port: 0 },
        contentDir: path.join(dataDir, "content"),
        ...overrides,
        database: target, // the store under test, not the reference
      });
    }

    function start(overrides: Parameters<typeof testConfig>[2]): Child {
      const child = spawnIndexer(config(overrides));
      children.push(child);
      return child;
    }

    /** Lets the last indexer reach the head, stops it, and compares its store with a fresh index. */
    async function expectEqualToFreshIndex(last: Child) {
      await waitForIndexed(last, await chain.ethers.provider.getBlockNumber());
      await killHard(last);
      const store: Store = await openStore(target);
      const reference = await startTestIndexer(chain, fresh, {
        backfill: { initialRange: 1000, maxRange: 1000 },
      });
      try {
        await waitForHead(chain, store.db);
        await waitForHead(chain, reference.db);
        expect(await dumpChainData(store.db)).to.deep.equal(await dumpChainData(reference.db));
      } finally {
        await reference.stop();
        await store.close();
      }
    }

    it("resumes after kill -9 during backfill with nothing lost and nothing doubled", async () => {
      await deposit(chain, 30);
      const head = await chain.ethers.provider.getBlockNumber();
      const settings = { backfill: { initialRange: 1, maxRange: 1 }, finalityDepth: 4 };
      for (let round = 0; round < 3; round++) {
        const child = start(settings);
        const at = await waitForIndexed(child, 0);
        await waitForIndexed(child, Math.min(head - 5, at + 3 + round * 2));
        await killHard(child);
      }
      const store = await openStore(target);
      try {
        expect((await readCursor(store.db))!.number).to.be.lessThan(head);
      } finally {
        await store.close();
      }
      await expectEqualToFreshIndex(start(settings));
    });

    it("resumes after kill -9 during live sync with nothing lost and nothing doubled", async () => {
      const settings = { finalityDepth: 8 };
      const first = start(settings);
      await deposit(chain, 2);
      await waitForIndexed(first, await chain.ethers.provider.getBlockNumber());
      const mining = deposit(chain, 12, 3);
      await waitForIndexed(first, (await chain.ethers.provider.getBlockNumber()) + 3);
      await killHard(first);
      await mining;
      await expectEqualToFreshIndex(start(settings));
    });
  });
}
