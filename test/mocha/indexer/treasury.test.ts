/**
 * The treasury and works events the contracts added, followed by one indexer on PGlite and one on
 * PostgreSQL over the same chain and held to the contracts' own views: content hashes taken over
 * by an older commitment, released and reserved by governance; registration commitments;
 * licence earnings and streams marked unclaimable and swept; a flush that carries stray coin into
 * Pooled; a sub-fund's scheduled cap raise. Then a reorg over all of it.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { ZeroAddress } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import type { Indexer } from "../../../indexer/src/index.ts";
import {
  buy,
  COIN,
  commit,
  deploySpin,
  freshHash,
  registerWork,
  registration,
  saltOf,
  type Spin,
} from "../works/fixture.ts";
import { serveSpin, startTestIndexer, waitForHead, type ChainLike } from "./helpers/indexer.ts";
import { createTestDatabase, dumpChainData, type TestDatabase } from "./helpers/store.ts";

const kinds = ["pglite", "postgres"] as const;
const DAY = 24 * 3600;

interface SubFundAnswer {
  sub_fund: number;
  balance: string;
  cap_bps: number;
  pendingCapRaise: { capBps: number; effectiveAt: number } | null;
  pendingFromLicensing: string;
}

interface LicenceAnswer {
  allowed: boolean;
  reasonCode: number;
  workId: number | null;
  licenceId: number;
  recordId: number;
  validUntil: number;
}

interface WorkAnswer {
  suspended: boolean;
  versions: { version: number; content_hash: string; holdsContentHash: boolean }[];
}

interface Claimable {
  works: { workId: number; amount: string; sweepableAt: number | null }[];
  streams: { streamId: number; amount: string; sweepableAt: number | null }[];
}

interface MarkAnswer {
  kind: "licence" | "stream";
  workId: number | null;
  streamId: number | null;
  account: string;
  amount: string;
  sweepableAt: number;
}

describe("indexer treasury and works events (PGlite and PostgreSQL)", function () {
  this.timeout(600_000);
  let connection: NetworkConnection;
  let spin: Spin;
  let chain: ChainLike;
  const databases: TestDatabase[] = [];
  const indexers: { kind: (typeof kinds)[number]; indexer: Indexer }[] = [];
  const hashes: string[] = [];
  const workIds: bigint[] = [];
  const streamIds: bigint[] = [];

  const provider = () => connection.provider;
  async function advance(seconds: number) {
    await provider().request({ method: "evm_increaseTime", params: [seconds] });
    await provider().request({ method: "evm_mine" });
  }
  async function synced() {
    for (const { indexer } of indexers) await waitForHead(chain, indexer.db);
  }
  async function get<T>(indexer: Indexer, route: string): Promise<T> {
    const response = await fetch(`${indexer.url}${route}`);
    expect(response.status, route).to.equal(200);
    return (await response.json()) as T;
  }

  /** Registers `contentHash` as `signer` with the salt of an earlier commitment. */
  async function reveal(signer: Spin["alice"], contentHash: string): Promise<bigint> {
    const r = registration(spin, signer.address, { contentHash });
    await (await spin.works.connect(signer).register(r, saltOf(spin, signer, contentHash))).wait();
    return spin.works.workCount();
  }

  /**
   * A hash registered by a later committer, then taken over by the author's older commitment:
   * returns the hash, the loser and the winner.
   */
  async function supersede(author: Spin["alice"], copier: Spin["alice"]) {
    const contentHash = freshHash(spin.ethers);
    await commit(spin, author, contentHash);
    await commit(spin, copier, contentHash);
    const loser = await reveal(copier, contentHash);
    const winner = await reveal(author, contentHash);
    hashes.push(contentHash);
    workIds.push(loser, winner);
    return { contentHash, loser, winner };
  }

  async function expectHashesAsContract() {
    for (const contentHash of hashes) {
      const [workId, version] = await spin.works.workOfHash(contentHash);
      const [, , reservedFor] = await spin.works.claimOf(contentHash);
      for (const { kind, indexer } of indexers) {
        const row = await indexer.db
          .selectFrom("content_hashes")
          .select(["work_id", "version", "reserved_for"])
          .where("content_hash", "=", contentHash)
          .executeTakeFirst();
        const expected =
          workId === 0n && reservedFor === ZeroAddress
            ? undefined
            : {
                work_id: workId === 0n ? null : Number(workId),
                version: workId === 0n ? null : Number(version),
                reserved_for: reservedFor === ZeroAddress ? null : reservedFor.toLowerCase(),
              };
        expect(row, `${kind} ${contentHash}`).to.deep.equal(expected);
        for (const who of [spin.firm, spin.coop, spin.stranger]) {
          const status = await spin.licensing.licenceStatusByHash(contentHash, who.address);
          const answer = await get<LicenceAnswer>(
            indexer,
            `/licences/check?account=${who.address}&contentHash=${contentHash}`,
          );
          expect(
            [
              answer.allowed,
              answer.reasonCode,
              answer.licenceId,
              answer.recordId,
              answer.validUntil,
            ],
            `${kind} ${contentHash} ${who.address}`,
          ).to.deep.equal([
            status.allowed,
            Number(status.reason),
            Number(status.licenceId),
            Number(status.recordId),
            Number(status.validUntil),
          ]);
        }
      }
    }
  }

  async function expectFundAsContract() {
    const pending = await spin.licensing.fundPending();
    const count = Number(await spin.fund.subFundCount());
    for (const { kind, indexer } of indexers) {
      const { items } = await get<{ items: SubFundAnswer[] }>(indexer, "/funds");
      expect(items.length, kind).to.equal(count);
      for (const item of items) {
        const onChain = await spin.fund.subFund(item.sub_fund);
        const [raisedCap, effectiveAt] = await spin.fund.pendingCapRaise(item.sub_fund);
        expect(
          [item.balance, item.cap_bps, item.pendingCapRaise, item.pendingFromLicensing],
          `${kind} sub-fund ${item.sub_fund}`,
        ).to.deep.equal([
          onChain.balance.toString(),
          Number(onChain.capBps),
          effectiveAt === 0n
            ? null
            : { capBps: Number(raisedCap), effectiveAt: Number(effectiveAt) },
          (pending[item.sub_fund] ?? 0n).toString(),
        ]);
      }
      const negative = await indexer.db
        .selectFrom("licensing_fund_pending")
        .select("sub_fund")
        .where("amount", "<", "0")
        .execute();
      expect(negative, kind).to.deep.equal([]);
    }
  }

  async function expectStreamsAsContract() {
    const count = Number(await spin.fund.streamCount());
    const expected = [];
    for (let id = count - 1; id >= 0; id--) {
      const stream = await spin.fund.stream(id);
      const [, sweepableAt] = await spin.fund.unclaimableMark(id);
      expected.push({
        stream_id: id,
        amount: stream.amount.toString(),
        claimed: stream.claimed.toString(),
        end_time: Number(stream.end),
        cancelled: stream.cancelled,
        sweepable_at: sweepableAt === 0n ? null : Number(sweepableAt),
      });
    }
    for (const { kind, indexer } of indexers) {
      const { items } = await get<{ items: Record<string, unknown>[] }>(
        indexer,
        "/streams?limit=100",
      );
      const fields = items.map((item) => ({
        stream_id: item.stream_id,
        amount: item.amount,
        claimed: item.claimed,
        end_time: item.end_time,
        cancelled: item.cancelled,
        sweepable_at: item.sweepable_at,
      }));
      expect(fields, kind).to.deep.equal(expected);
    }
  }

  /** A mark's sweep time as the contract's view gives it: null for (0, 0). */
  const sweepTime = ([, at]: [bigint, bigint]) => (at === 0n ? null : Number(at));

  /** Each answer lists what may be claimed and what is marked, with the mark's sweep time. */
  async function expectClaimablesAsContract(accounts: string[]) {
    for (const account of accounts) {
      const works: Claimable["works"] = [];
      for (let workId = 1n; workId <= (await spin.works.workCount()); workId++) {
        const amount = await spin.licensing.claimable(workId, account);
        const sweepableAt = sweepTime(await spin.licensing.unclaimableMark(workId, account));
        if (amount > 0n || sweepableAt !== null) {
          works.push({ workId: Number(workId), amount: amount.toString(), sweepableAt });
        }
      }
      const streams: Claimable["streams"] = [];
      for (let streamId = 0n; streamId < (await spin.fund.streamCount()); streamId++) {
        const stream = await spin.fund.stream(streamId);
        if (stream.recipient.toLowerCase() !== account.toLowerCase()) continue;
        const amount = await spin.fund.claimable(streamId);
        const sweepableAt = sweepTime(await spin.fund.unclaimableMark(streamId));
        if (amount > 0n || sweepableAt !== null) {
          streams.push({ streamId: Number(streamId), amount: amount.toString(), sweepableAt });
        }
      }
      for (const { kind, indexer } of indexers) {
        const answer = await get<Claimable>(indexer, `/accounts/${account}/claimable`);
        expect(answer.works, `${kind} ${account}`).to.deep.equal(works);
        expect(answer.streams, `${kind} ${account}`).to.deep.equal(streams);
      }
    }
  }

  /**
   * `/unclaimable` lists every mark the contracts' `unclaimableMark` views say runs, soonest
   * sweep first, with what a sweep would move; walked one row a page so the cursor is used, and
   * filtered by kind and by account.
   */
  async function expectMarksAsContract() {
    const { alice, bob, carol, coop, place, firm, firm2, stranger } = spin;
    const accounts = [alice, bob, carol, coop, place, firm, firm2, stranger].map((a) => a.address);
    const expected: MarkAnswer[] = [];
    for (let workId = 1n; workId <= (await spin.works.workCount()); workId++) {
      for (const account of accounts) {
        const sweepableAt = sweepTime(await spin.licensing.unclaimableMark(workId, account));
        if (sweepableAt === null) continue;
        expected.push({
          kind: "licence",
          workId: Number(workId),
          streamId: null,
          account: account.toLowerCase(),
          amount: (await spin.licensing.claimable(workId, account)).toString(),
          sweepableAt,
        });
      }
    }
    for (let streamId = 0n; streamId < (await spin.fund.streamCount()); streamId++) {
      const sweepableAt = sweepTime(await spin.fund.unclaimableMark(streamId));
      if (sweepableAt === null) continue;
      const stream = await spin.fund.stream(streamId);
      expected.push({
        kind: "stream",
        workId: null,
        streamId: Number(streamId),
        account: stream.recipient.toLowerCase(),
        amount: (stream.amount - stream.claimed).toString(),
        sweepableAt,
      });
    }
    const order = (m: MarkAnswer) => [m.sweepableAt, m.kind, m.workId ?? m.streamId!, m.account];
    expected.sort((a, b) => {
      const [x, y] = [order(a), order(b)];
      const i = x.findIndex((part, j) => part !== y[j]);
      return i < 0 ? 0 : x[i] < y[i] ? -1 : 1;
    });
    for (const { kind, indexer } of indexers) {
      const walked: MarkAnswer[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: MarkAnswer[]; nextCursor: string | null } = await get(
          indexer,
          `/unclaimable?limit=1${cursor ? `&cursor=${cursor}` : ""}`,
        );
        walked.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(walked, kind).to.deep.equal(expected);
      for (const only of ["licence", "stream"] as const) {
        const { items } = await get<{ items: MarkAnswer[] }>(indexer, `/unclaimable?kind=${only}`);
        expect(items, `${kind} kind=${only}`).to.deep.equal(
          expected.filter((m) => m.kind === only),
        );
      }
      for (const account of [bob.address, carol.address]) {
        const { items } = await get<{ items: MarkAnswer[] }>(
          indexer,
          `/unclaimable?account=${account}`,
        );
        expect(items, `${kind} account=${account}`).to.deep.equal(
          expected.filter((m) => m.account === account.toLowerCase()),
        );
      }
    }
  }

  before(async () => {
    connection = await network.create();
    const startBlock = (await connection.ethers.provider.getBlockNumber()) + 1;
    spin = await deploySpin(connection);
    chain = await serveSpin(connection, spin, startBlock);
    for (const kind of kinds) {
      const database = await createTestDatabase(kind);
      databases.push(database);
      indexers.push({
        kind,
        indexer: await startTestIndexer(chain, database, {
          server: { host: "127.0.0.1", port: 0 },
        }),
      });
    }
    await synced();
  });

  after(async () => {
    for (const { indexer } of indexers) await indexer.stop();
    for (const database of databases) await database.drop();
    await chain?.rpc.close();
    await connection?.close();
  });

  it("moves a content hash to an older commitment, frees it, and reserves it, as the registry does", async () => {
    const { alice, bob, carol, coop, works } = spin;
    const taken = await supersede(alice, coop);
    const released = freshHash(spin.ethers);
    const releasedWork = await registerWork(spin, bob, { contentHash: released });
    await works.reassignHash(released, ZeroAddress, "published before it was committed");
    const reserved = freshHash(spin.ethers);
    const reservedWork = await registerWork(spin, carol, { contentHash: reserved });
    await works.reassignHash(reserved, alice.address, "the author's");
    hashes.push(released, reserved);
    workIds.push(releasedWork, reservedWork);
    await synced();
    await expectHashesAsContract();

    // The author registers the hash reserved for it.
    await commit(spin, alice, reserved);
    workIds.push(await reveal(alice, reserved));
    await synced();
    await expectHashesAsContract();

    for (const { kind, indexer } of indexers) {
      const holds = async (workId: bigint) => {
        const work = await get<WorkAnswer>(indexer, `/works/${workId}`);
        return [work.suspended, work.versions.map((v) => v.holdsContentHash)];
      };
      expect(await holds(taken.loser), kind).to.deep.equal([true, [false]]);
      expect(await holds(taken.winner), kind).to.deep.equal([false, [true]]);
      expect(await holds(releasedWork), kind).to.deep.equal([true, [false]]);
      expect(await holds(reservedWork), kind).to.deep.equal([true, [false]]);
      expect(await holds(workIds.at(-1)!), kind).to.deep.equal([false, [true]]);
      // Every commitment made, each once, by its committer.
      const committed = await works.queryFilter(works.filters.RegistrationCommitted());
      const rows = await indexer.db
        .selectFrom("registration_commitments")
        .select(["commitment", "committer"])
        .orderBy("block_number")
        .orderBy("log_index")
        .execute();
      expect(rows, kind).to.deep.equal(
        committed.map((e) => ({
          commitment: e.args.commitment,
          committer: e.args.committer.toLowerCase(),
        })),
      );
    }
  });

  it("sweeps what a contributor cannot claim into Pooled, and flushes stray coin there too", async () => {
    const { alice, carol, firm, licensing, commons, coin } = spin;
    const workId = await registerWork(spin, alice, {
      contributors: [alice.address, carol.address],
      shares: [6_000, 4_000],
    });
    workIds.push(workId);
    await buy(spin, firm, workId);
    await commons.suspend(carol.address, "away");
    await licensing.connect(alice).markUnclaimable(workId, carol.address);
    await synced();
    const [, sweepableAt] = await licensing.unclaimableMark(workId, carol.address);
    for (const { kind, indexer } of indexers) {
      const marks = await indexer.db
        .selectFrom("unclaimable_marks")
        .select(["work_id", "contributor", "amount", "sweepable_at"])
        .execute();
      expect(marks, kind).to.deep.equal([
        {
          work_id: Number(workId),
          contributor: carol.address.toLowerCase(),
          amount: (await licensing.claimable(workId, carol.address)).toString(),
          sweepable_at: Number(sweepableAt),
        },
      ]);
    }
    await expectClaimablesAsContract([alice.address, carol.address]);
    await expectMarksAsContract();

    await advance(Number(await licensing.UNCLAIMED_PERIOD()) + 1);
    await licensing.sweepUnclaimed(workId, carol.address, "unclaimed for the period");
    // Coin sent to Licensing by mistake: the next flush credits it to Pooled.
    await coin.connect(firm).transfer(await licensing.getAddress(), 7n * COIN);
    await synced();
    await expectFundAsContract();
    await licensing.connect(alice).flushFund();
    await synced();
    await expectFundAsContract();
    await expectClaimablesAsContract([alice.address, carol.address]);
    for (const { kind, indexer } of indexers) {
      const marks = await indexer.db.selectFrom("unclaimable_marks").selectAll().execute();
      expect(marks, kind).to.deep.equal([]);
    }
    await expectMarksAsContract();
  });

  it("sweeps a stream its recipient cannot claim back into its sub-fund, and schedules a cap raise", async () => {
    const { alice, bob, coop, commons, fund } = spin;
    const now = (await spin.ethers.provider.getBlock("latest"))!.timestamp;
    await fund.createStream(0, bob.address, 2n * COIN, now, now + 100 * DAY, "tools");
    streamIds.push((await fund.streamCount()) - 1n);
    await fund.createStream(0, coop.address, COIN, now, now + 100 * DAY, "rent");
    streamIds.push((await fund.streamCount()) - 1n);
    await advance(10 * DAY);
    // Cancelled before its end: it ends now, with what vested.
    await fund.cancelStream(streamIds[1]);
    await commons.suspend(bob.address, "away");
    await fund.connect(alice).markStreamUnclaimable(streamIds[0]);
    await fund.setCap(1, 5_000);
    await fund.setCap(1, 8_000);
    await synced();
    const [, sweepableAt] = await fund.unclaimableMark(streamIds[0]);
    for (const { kind, indexer } of indexers) {
      const stream = await indexer.db
        .selectFrom("streams")
        .select("sweepable_at")
        .where("stream_id", "=", Number(streamIds[0]))
        .executeTakeFirstOrThrow();
      expect(stream.sweepable_at, kind).to.equal(Number(sweepableAt));
    }
    await expectFundAsContract();
    await expectStreamsAsContract();
    await expectClaimablesAsContract([bob.address, coop.address]);
    await expectMarksAsContract();

    await advance(Number(await fund.UNCLAIMED_PERIOD()) + 1);
    await fund.sweepStream(streamIds[0], "unclaimed for the period");
    await synced();
    // The raise is in force by now: the API says so at the indexed head's time.
    await expectFundAsContract();
    await expectStreamsAsContract();
    await expectClaimablesAsContract([bob.address, coop.address]);
    await expectMarksAsContract();
  });

  it("undoes all of it through a reorg: the store equals a fresh index of the final chain", async () => {
    const { alice, bob, carol, coop, place, firm, firm2, licensing, commons, fund, coin } = spin;
    await commons.reinstate(bob.address, "back");
    await commons.reinstate(carol.address, "back");
    await synced();
    const snapshot = await provider().request({ method: "evm_snapshot" });
    await supersede(place, bob);
    const workId = await registerWork(spin, alice, {
      contributors: [bob.address],
      shares: [10_000],
    });
    workIds.push(workId);
    await buy(spin, firm2, workId);
    const record = (await licensing.licenceStatus(workId, firm2.address)).recordId;
    await licensing.revoke(record, "unpaid");
    await licensing.liftRevocation(workId, firm2.address, "paid");
    // A second running mark, of the other kind and on the same account: the list pages through
    // both, licence and stream, in order of sweep time.
    const started = (await spin.ethers.provider.getBlock("latest"))!.timestamp;
    await fund.createStream(0, bob.address, COIN, started, started + 10 * DAY, "reorged too");
    await commons.suspend(bob.address, "away again");
    await licensing.connect(alice).markUnclaimable(workId, bob.address);
    await fund.connect(alice).markStreamUnclaimable((await fund.streamCount()) - 1n);
    await fund.setCap(2, 1_000);
    await fund.setCap(2, 9_000);
    const now = (await spin.ethers.provider.getBlock("latest"))!.timestamp;
    await fund.createStream(0, carol.address, COIN, now, now + 10 * DAY, "reorged");
    await coin.connect(firm).transfer(await licensing.getAddress(), COIN);
    await licensing.connect(coop).flushFund();
    await synced();
    await expectMarksAsContract();
    await provider().request({ method: "evm_revert", params: [snapshot] });
    await supersede(carol, alice);
    await buy(spin, firm, workIds[1]);
    await fund.setCap(3, 2_000);
    await licensing.connect(alice).flushFund();
    await advance(7);
    await synced();
    await expectHashesAsContract();
    await expectFundAsContract();
    await expectStreamsAsContract();
    await expectClaimablesAsContract([alice.address, bob.address, carol.address]);
    await expectMarksAsContract();
    for (const { kind, indexer } of indexers) {
      expect(indexer.sync.status.reorgsTotal, kind).to.be.greaterThan(0);
      const fresh = await createTestDatabase(kind);
      const reference = await startTestIndexer(chain, fresh, {
        backfill: { initialRange: 1000, maxRange: 1000 },
      });
      try {
        await waitForHead(chain, reference.db);
        expect(await dumpChainData(indexer.db), kind).to.deep.equal(
          await dumpChainData(reference.db),
        );
      } finally {
        await reference.stop();
        await fresh.drop();
      }
    }
  });
});
