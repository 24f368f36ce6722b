/**
 * Several API processes over one PostgreSQL store: one syncs, a read-only one follows its
 * commits through LISTEN/NOTIFY. Both keep licence answers; a purchase, a revocation, a reorg
 * and a lost listening connection must each reach the follower's answers, and a purchase must
 * change only the answers it names (updated from the record the commit carries).
 */
import { expect } from "chai";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import pg from "pg";
import { waitFor } from "../../../scripts/lib/wait.ts";
import { startIndexer, type Indexer } from "../../../indexer/src/index.ts";
import { ConfigError } from "../../../indexer/src/config/config.ts";
import { NOTICE_CHANNEL } from "../../../indexer/src/sync/notice.ts";
import { buy, deploySpin, PPL, registerWork, type Spin } from "../works/fixture.ts";
import {
  serveSpin,
  startTestIndexer,
  testConfig,
  waitForHead,
  type ChainLike,
} from "./helpers/indexer.ts";
import { headBlock } from "./helpers/chain.ts";
import { connectAsOutsider, createTestDatabase, type TestDatabase } from "./helpers/store.ts";

interface Answer {
  allowed: boolean;
  reason: string;
  recordId: number;
  validUntil: number;
}

/** Asks `url` until `accept` holds for its answer; fails with the last answer at the deadline. */
async function answerWhen(
  url: string,
  accept: (answer: Answer) => boolean,
  timeoutMs = 30_000,
): Promise<Answer> {
  const deadline = Date.now() + timeoutMs;
  let last: Answer | null = null;
  for (;;) {
    const response = await fetch(url);
    if (response.status === 200) {
      last = (await response.json()) as Answer;
      if (accept(last)) return last;
    }
    if (Date.now() > deadline) {
      throw new Error(`${url}: last answer ${JSON.stringify(last)} (HTTP ${response.status})`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("indexer read-only API processes over one PostgreSQL store", function () {
  this.timeout(300_000);
  let connection: NetworkConnection;
  let spin: Spin;
  let chain: ChainLike;
  let database: TestDatabase;
  let writer: Indexer;
  let follower: Indexer;
  let work: bigint;

  before(async () => {
    connection = await network.create();
    const startBlock = (await connection.ethers.provider.getBlockNumber()) + 1;
    spin = await deploySpin(connection);
    work = await registerWork(spin, spin.alice, { licenceId: PPL });
    chain = await serveSpin(connection, spin, startBlock);
    database = await createTestDatabase("postgres");
    writer = await startTestIndexer(chain, database, {
      server: { host: "127.0.0.1", port: 0 },
      licenceCheckCacheEntries: 1_000,
    });
    await waitForHead(chain, writer.db);
    follower = await startIndexer({
      ...testConfig(chain, database, {
        server: { host: "127.0.0.1", port: 0 },
        licenceCheckCacheEntries: 1_000,
      }),
      readOnly: true,
    });
    // It keeps nothing until it hears the writer's commits.
    const deadline = Date.now() + 30_000;
    while (follower.sync.status.phase !== "live") {
      if (Date.now() > deadline) throw new Error(`follower ${follower.sync.status.phase}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  });

  after(async () => {
    await follower?.stop();
    await writer?.stop();
    await database?.drop();
    await chain?.rpc.close();
    await connection?.close();
  });

  const check = (indexer: Indexer, account: string) =>
    `${indexer.url}/licences/check?account=${account}&workId=${work}`;

  /**
   * Waits until both processes are at the chain's head: the follower's indexed block moves only
   * when it hears a commit, so after this no notice it has yet to hear can drop what it keeps.
   */
  const bothAtHead = async () => {
    const head = (await headBlock(chain)).number;
    await waitFor({
      what: `both processes at block ${head}`,
      probe: async () => [writer, follower].map((indexer) => indexer.sync.status.indexedBlock),
      done: (blocks) => blocks.every((block) => block === head),
      intervalMs: 20,
    });
  };

  it("answers from the store without syncing, and reports the writer's indexed block", async () => {
    const health = (await (await fetch(`${follower.url}/health`)).json()) as {
      phase: string;
      indexedBlock: number;
    };
    expect(health.phase).to.equal("live");
    expect(health.indexedBlock).to.equal(writer.sync.status.indexedBlock);
    const [mine, theirs] = await Promise.all(
      [follower, writer].map(
        async (i) => (await (await fetch(check(i, spin.firm.address))).json()) as Answer,
      ),
    );
    expect(mine).to.deep.equal(theirs);
    expect(mine.reason).to.equal("NoLicence");
  });

  it("hears only the writer: a notice sent by a role that may only connect, forged or replayed, changes nothing", async () => {
    const work3 = await registerWork(spin, spin.alice, { licenceId: PPL });
    const route = (account: string) =>
      `${follower.url}/licences/check?account=${account}&workId=${work3}`;
    // Kept: asked twice.
    await answerWhen(route(spin.firm2.address), (a) => a.reason === "NoLicence");
    await answerWhen(route(spin.firm2.address), (a) => a.reason === "NoLicence");
    const outsider = await connectAsOutsider(database);
    try {
      const { client } = outsider;
      const reading = await client.query("SELECT value FROM api_secrets").then(
        () => "read",
        (error: Error) => error.message,
      );
      expect(reading).to.match(/permission denied/);
      const heard: string[] = [];
      client.on("notification", (m) => heard.push(m.payload ?? ""));
      await client.query(`LISTEN ${NOTICE_CHANNEL}`);
      await buy(spin, spin.firm2, work3);
      const bought = await answerWhen(route(spin.firm2.address), (a) => a.reason === "PaidLicence");
      const firm2 = spin.firm2.address.toLowerCase();
      // The outsider's connection hears the notice on its own time, not with the follower's.
      const purchase = await waitFor({
        what: "the outsider to hear the purchase's notice",
        probe: async () => heard.find((text) => text.includes(firm2)),
        done: (text) => text !== undefined,
        intervalMs: 10,
      });
      expect(purchase, "the outsider heard the purchase's notice").to.be.a("string");
      await spin.licensing.revoke(bought.recordId, "test");
      await answerWhen(route(spin.firm2.address), (a) => a.reason === "Revoked");
      // firm's answer is kept too, so that a notice could change it without the store.
      await answerWhen(route(spin.firm.address), (a) => a.reason === "NoLicence");
      await answerWhen(route(spin.firm.address), (a) => a.reason === "NoLicence");
      const refused = follower.sync.status.noticesRefusedTotal;
      const send = (text: string) =>
        client.query("SELECT pg_notify($1, $2)", [NOTICE_CHANNEL, text]);
      // The purchase's notice again: it would bring the revoked licence back.
      await send(purchase!);
      // The same notice made newer, with the clock set back to the epoch.
      const far = writer.sync.status.indexedBlock! + 1_000;
      await send(
        purchase!
          .replace(/"block":\d+/, `"block":${far}`)
          .replace(/"timestamp":\d+/, '"timestamp":1'),
      );
      // A notice written from scratch: a licence for firm on work3 that it never bought.
      await send(
        JSON.stringify({
          kind: "commit",
          fromBlock: far,
          block: far,
          timestamp: 1,
          head: far,
          contracts: ["Licensing"],
          events: 1,
          licence: {
            pairs: [
              {
                workId: Number(work3),
                account: spin.firm.address.toLowerCase(),
                holding: { recordId: 999, revoked: false, validUntil: 2 ** 40 },
              },
            ],
          },
        }),
      );
      // A notice the writer sends after them reaches the follower after them (PostgreSQL
      // delivers notices in commit order), and only notices move its indexed block: once that
      // notice is heard, so were they.
      const used = await (await spin.licensing.connect(spin.coop).recordCommonsUse(work3)).wait();
      await waitFor({
        what: "the follower to hear the writer's next commit",
        probe: async () => follower.sync.status.indexedBlock,
        done: (block) => block === used!.blockNumber,
        intervalMs: 20,
      });
      expect((await answerWhen(route(spin.firm2.address), () => true)).reason).to.equal("Revoked");
      expect((await answerWhen(route(spin.firm.address), () => true)).reason).to.equal("NoLicence");
      expect(follower.sync.status.indexedBlock).to.equal(writer.sync.status.indexedBlock);
      expect(follower.sync.status.indexedTimestamp).to.equal(writer.sync.status.indexedTimestamp);
      expect(follower.sync.status.noticesRefusedTotal - refused).to.equal(3);
    } finally {
      await outsider.close();
    }
  });

  it("keeps its answers: a change no commit announced does not reach them", async () => {
    const route = check(follower, spin.firm.address);
    await answerWhen(route, (a) => a.reason === "NoLicence");
    const suspend = (suspended: boolean) =>
      follower.db
        .updateTable("works")
        .set({ suspended })
        .where("work_id", "=", Number(work))
        .execute();
    await suspend(true);
    try {
      expect(((await (await fetch(route)).json()) as Answer).reason).to.equal("NoLicence");
    } finally {
      await suspend(false);
    }
  });

  it("updates its kept answer from the records the writer's commits carry: a purchase, a revocation", async () => {
    const route = check(follower, spin.firm.address);
    // Kept: asked twice before anything changes.
    await answerWhen(route, (a) => a.reason === "NoLicence");
    await answerWhen(route, (a) => a.reason === "NoLicence");
    await buy(spin, spin.firm, work);
    const bought = await answerWhen(route, (a) => a.reason === "PaidLicence");
    const onChain = await spin.licensing.licenceStatus(work, spin.firm.address);
    expect([bought.recordId, bought.validUntil]).to.deep.equal([
      Number(onChain.recordId),
      Number(onChain.validUntil),
    ]);
    // Both processes heard the record itself, so neither needed the store to answer.
    const pair = {
      workId: Number(work),
      account: spin.firm.address.toLowerCase(),
      holding: {
        recordId: Number(onChain.recordId),
        revoked: false,
        validUntil: Number(onChain.validUntil),
      },
    };
    for (const indexer of [writer, follower]) {
      const heard = indexer.sync.status.licenceChanges.recent.flatMap((c) => c.pairs);
      expect(heard).to.deep.include(pair);
    }
    await spin.licensing.revoke(onChain.recordId, "test");
    const revoked = await answerWhen(route, (a) => a.reason === "Revoked");
    const revokedOnChain = await spin.licensing.licenceStatus(work, spin.firm.address);
    expect([revoked.recordId, revoked.validUntil]).to.deep.equal([
      Number(revokedOnChain.recordId),
      Number(revokedOnChain.validUntil),
    ]);
  });

  it("follows a reorg the writer rolls back", async () => {
    const route = check(follower, spin.firm2.address);
    await answerWhen(route, (a) => a.reason === "NoLicence");
    const snapshot = await connection.provider.request({ method: "evm_snapshot" });
    await buy(spin, spin.firm2, work);
    await answerWhen(route, (a) => a.reason === "PaidLicence");
    await connection.provider.request({ method: "evm_revert", params: [snapshot] });
    await connection.provider.request({ method: "evm_mine" });
    await connection.provider.request({ method: "evm_mine" });
    await answerWhen(route, (a) => a.reason === "NoLicence");
    expect(follower.sync.status.reorgsTotal).to.be.greaterThan(0);
  });

  it("keeps nothing while its listening connection is down, and listens again", async () => {
    const route = check(follower, spin.coop.address);
    await answerWhen(route, (a) => a.reason === "CommonsUse" && a.recordId === 0);
    const admin = new pg.Client({
      connectionString: (database.target as { connectionString: string }).connectionString,
    });
    await admin.connect();
    try {
      const { rowCount } = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND query ILIKE $1`,
        [`%LISTEN ${NOTICE_CHANNEL}%`],
      );
      expect(rowCount).to.equal(1);
    } finally {
      await admin.end();
    }
    await spin.licensing.connect(spin.coop).recordCommonsUse(work);
    const recorded = await answerWhen(route, (a) => a.recordId > 0);
    expect(recorded.reason).to.equal("CommonsUse");
    expect(follower.sync.status.rpcErrorsTotal).to.be.greaterThan(0);
    const health = (await (await fetch(`${follower.url}/health`)).json()) as { phase: string };
    expect(health.phase).to.equal("live");
  });

  it("drops only the answers a purchase changes in both processes, and every answer on a wide change or a reorg", async () => {
    const work2 = await registerWork(spin, spin.alice, { licenceId: PPL });
    const both = [writer, follower];
    // An answer the follower keeps before it hears the registration's commit would be dropped
    // when it does, and read afresh below.
    await bothAtHead();
    const route = (indexer: Indexer, account: string) =>
      `${indexer.url}/licences/check?account=${account}&workId=${work2}`;
    const ask = async (indexer: Indexer, account: string) =>
      (await (await fetch(route(indexer, account))).json()) as Answer;
    const agreesOnChain = async (answer: Answer, account: string) => {
      const onChain = await spin.licensing.licenceStatus(work2, account);
      expect([answer.allowed, answer.recordId, answer.validUntil]).to.deep.equal([
        onChain.allowed,
        Number(onChain.recordId),
        Number(onChain.validUntil),
      ]);
    };
    for (const indexer of both) {
      await answerWhen(route(indexer, spin.firm.address), (a) => a.reason === "NoLicence");
      await answerWhen(route(indexer, spin.firm2.address), (a) => a.reason === "NoLicence");
    }
    // firm2's answer is now kept in both processes. Change its facts behind their backs: only
    // an answer read afresh would see it (NotMember).
    const setStatus = (status: number) =>
      writer.db
        .updateTable("participants")
        .set({ status })
        .where("account", "=", spin.firm2.address.toLowerCase())
        .execute();
    await setStatus(3);
    try {
      for (const indexer of both) {
        expect((await ask(indexer, spin.firm2.address)).reason).to.equal("NoLicence");
      }
      await buy(spin, spin.firm, work2);
      for (const indexer of both) {
        const bought = await answerWhen(
          route(indexer, spin.firm.address),
          (a) => a.reason === "PaidLicence",
        );
        await agreesOnChain(bought, spin.firm.address);
        // The purchase named (work2, firm) only: firm2's kept answer survives.
        expect((await ask(indexer, spin.firm2.address)).reason).to.equal("NoLicence");
      }
    } finally {
      await setStatus(2);
    }
    // A wide change (the work suspended) drops every answer about it, in both processes.
    const snapshot = await connection.provider.request({ method: "evm_snapshot" });
    await spin.works.suspend(work2, "disputed");
    await bothAtHead();
    for (const indexer of both) {
      for (const account of [spin.firm.address, spin.firm2.address]) {
        const suspended = await answerWhen(
          route(indexer, account),
          (a) => a.reason === "SuspendedWork",
        );
        await agreesOnChain(suspended, account);
      }
    }
    // A reorg that removes the suspension drops them again.
    const reorgs = both.map((i) => i.sync.status.reorgsTotal);
    await connection.provider.request({ method: "evm_revert", params: [snapshot] });
    await connection.provider.request({ method: "evm_mine" });
    await connection.provider.request({ method: "evm_mine" });
    for (const indexer of both) {
      await agreesOnChain(
        await answerWhen(route(indexer, spin.firm.address), (a) => a.reason === "PaidLicence"),
        spin.firm.address,
      );
      await agreesOnChain(
        await answerWhen(route(indexer, spin.firm2.address), (a) => a.reason === "NoLicence"),
        spin.firm2.address,
      );
    }
    both.forEach((indexer, i) =>
      expect(indexer.sync.status.reorgsTotal).to.be.greaterThan(reorgs[i]),
    );
  });

  it("refuses a read-only process over PGlite, whose store belongs to one process", async () => {
    const pglite = await createTestDatabase("pglite");
    let error: unknown;
    try {
      await startIndexer({ ...testConfig(chain, pglite), readOnly: true });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ConfigError);
    expect(String(error)).to.match(/readOnly: a read-only API process needs a PostgreSQL store/);
  });
});
