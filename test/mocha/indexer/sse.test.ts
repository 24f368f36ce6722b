import { expect } from "chai";
import { deployChain, type Chain } from "./helpers/chain.ts";
import { startTestIndexer, waitForHead } from "./helpers/indexer.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/store.ts";
import type { Indexer } from "../../../indexer/src/index.ts";

describe("indexer event streams", function () {
  this.timeout(120_000);
  let chain: Chain;
  let database: TestDatabase;
  let indexer: Indexer;

  before(async () => {
    chain = await deployChain();
    database = await createTestDatabase("pglite");
    indexer = await startTestIndexer(chain, database, {
      server: { host: "127.0.0.1", port: 0 },
      api: { sse: { maxClients: 1, queueEvents: 4, pingMs: 60_000 } } as never,
    });
    await waitForHead(chain, indexer.db);
  });

  after(async () => {
    await indexer.stop();
    await database.drop();
    await chain.close();
  });

  const metric = async (name: string) => {
    const text = await (await fetch(`${indexer.url}/metrics`)).text();
    return Number(new RegExp(`^${name} (\\d+)$`, "m").exec(text)![1]);
  };

  it("refuses a client past the cap, and drops a client that reads nothing once its queue is full", async () => {
    const controller = new AbortController();
    const first = await fetch(`${indexer.url}/activity/stream`, { signal: controller.signal });
    const reader = first.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).to.include("event: ready");
    const second = await fetch(`${indexer.url}/activity/stream`);
    expect(second.status).to.equal(503);
    const body = (await second.json()) as { error: string; limit: number };
    expect(body).to.include({ error: "too_many_streams", limit: 1 });
    // The first client stops reading; a burst of large events fills its socket and its queue.
    const big = "x".repeat(256 * 1024);
    const deadline = Date.now() + 60_000;
    while ((await metric("spin_api_sse_dropped_total")) === 0) {
      if (Date.now() > deadline) throw new Error("the slow client was never dropped");
      for (let i = 0; i < 20; i++) {
        indexer.sync.activity.emit("activity", { type: "reset", reason: big });
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await metric("spin_api_sse_clients")).to.equal(0);
    controller.abort();
    // Its place is free again.
    const third = await fetch(`${indexer.url}/activity/stream`);
    expect(third.status).to.equal(200);
    await third.body!.cancel();
  });
});
