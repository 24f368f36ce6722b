/**
 * The indexer's money and governance model against the contracts' own views, on a real local
 * chain, with one indexer on PGlite and one on PostgreSQL following the same chain:
 * claimable licence earnings and stream amounts, work pots and upstream income, the licensing
 * contract's fund shares, licence compatibility, the admission rule, and proposals' quorum and
 * phase in every state the governor reaches. Then a reorg over all of it.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { toBeHex, Wallet, ZeroHash, type ContractTransactionResponse } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import type { Indexer } from "../../../indexer/src/index.ts";
import {
  buy,
  COIN,
  COPYFAIR,
  CC_BY_SA,
  CC0,
  deploySpin,
  Kind,
  PPL,
  registerWork,
  type Spin,
} from "../works/fixture.ts";
import { serveSpin, startTestIndexer, waitForHead, type ChainLike } from "./helpers/indexer.ts";
import { createTestDatabase, dumpChainData, type TestDatabase } from "./helpers/store.ts";
import type {
  Admissions,
  SpinGovernor,
  SpinTimelock,
} from "../../../types/ethers-contracts/index.js";

const kinds = ["pglite", "postgres"] as const;
const stateNames = [
  "pending",
  "active",
  "canceled",
  "defeated",
  "succeeded",
  "queued",
  "expired",
  "executed",
];
const VOTING_DELAY = 100;
const VOTING_PERIOD = 1_000;
const LATE_QUORUM = 300;
const TIMELOCK_DELAY = 60;

/** A small seeded generator, so a failing case can be replayed from the seed in its message. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}

interface Claimable {
  account: string;
  works: { workId: number; amount: string; sweepableAt: number | null }[];
  streams: { streamId: number; amount: string; sweepableAt: number | null }[];
  total: string;
}

interface ProposalAnswer {
  proposal_id: string;
  phase: string;
  quorum: string | null;
  vote_end: number;
}

/** Changes the vouch threshold and window of the admission rule, keeping its other limits. */
async function setVouching(admissions: Admissions, threshold: number, window: number) {
  const r = await admissions.admissionRule();
  await admissions.setAdmissionRule({
    vouchThreshold: threshold,
    vouchWindow: window,
    admissionDelay: r.admissionDelay,
    ripeningPeriod: r.ripeningPeriod,
    voucherSeniority: r.voucherSeniority,
    vouchBudget: r.vouchBudget,
    budgetPeriod: r.budgetPeriod,
    reapplyCooldown: r.reapplyCooldown,
  });
}

describe("indexer money and governance model (PGlite and PostgreSQL)", function () {
  this.timeout(600_000);
  const seed = Number(process.env.SPIN_TEST_SEED ?? Date.now() % 1_000_000);
  const random = generator(seed);
  const say = (what: string) => `${what} (seed ${seed})`;
  let connection: NetworkConnection;
  let spin: Spin;
  let chain: ChainLike;
  let governor: SpinGovernor;
  let timelock: SpinTimelock;
  const databases: TestDatabase[] = [];
  const indexers: { kind: (typeof kinds)[number]; indexer: Indexer }[] = [];
  const workIds: bigint[] = [];
  const contributors = new Set<string>();
  const streamIds: bigint[] = [];
  const proposals = new Map<string, bigint>();
  const actions = new Map<
    string,
    { targets: string[]; values: number[]; calldatas: string[]; descriptionHash: string }
  >();

  const provider = () => connection.provider;
  const now = async () => (await spin.ethers.provider.getBlock("latest"))!.timestamp;
  async function advance(seconds: number) {
    await provider().request({ method: "evm_increaseTime", params: [seconds] });
    await provider().request({ method: "evm_mine" });
  }
  async function advanceTo(timestamp: number) {
    const at = await now();
    if (timestamp > at) await advance(timestamp - at);
  }
  async function synced() {
    for (const { indexer } of indexers) await waitForHead(chain, indexer.db);
  }
  async function get<T>(indexer: Indexer, route: string): Promise<T> {
    const response = await fetch(`${indexer.url}${route}`);
    expect(response.status, route).to.equal(200);
    return (await response.json()) as T;
  }

  before(async () => {
    connection = await network.create();
    const startBlock = (await connection.ethers.provider.getBlockNumber()) + 1;
    spin = await deploySpin(connection);
    const { ethers, commons, admin } = spin;
    const extras = (await ethers.getSigners()).slice(9, 15);
    for (const person of extras) {
      await commons.admit(person.address, Kind.Person, "ipfs://person", ethers.id("person"));
    }
    timelock = await ethers.deployContract("SpinTimelock", [
      TIMELOCK_DELAY,
      [],
      [ethers.ZeroAddress],
      admin.address,
    ]);
    governor = await ethers.deployContract("SpinGovernor", [
      await commons.getAddress(),
      await timelock.getAddress(),
      VOTING_DELAY,
      VOTING_PERIOD,
      50,
      LATE_QUORUM,
    ]);
    await timelock.grantRole(await timelock.PROPOSER_ROLE(), await governor.getAddress());
    await timelock.grantRole(await timelock.CANCELLER_ROLE(), await governor.getAddress());

    chain = await serveSpin(connection, spin, startBlock, { governor, timelock });
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

  afterEach(function () {
    // A revert inside a random scenario does not carry the seed: say it, to replay the case.
    if (this.currentTest?.state === "failed") console.error(say("replay with SPIN_TEST_SEED"));
  });

  after(async () => {
    for (const { indexer } of indexers) await indexer.stop();
    for (const database of databases) await database.drop();
    await chain?.rpc.close();
    await connection?.close();
  });

  /** Random contributors and shares summing to 10,000. */
  function split(accounts: string[]) {
    const chosen = accounts.filter(() => random.chance(0.6)).slice(0, 3);
    if (chosen.length === 0) chosen.push(random.pick(accounts));
    const shares: number[] = [];
    let left = 10_000;
    chosen.forEach((_, i) => {
      const share = i === chosen.length - 1 ? left : random.int(1, left - (chosen.length - i - 1));
      shares.push(share);
      left -= share;
    });
    for (const c of chosen) contributors.add(c.toLowerCase());
    return { contributors: chosen, shares };
  }

  async function purchases(count: number) {
    for (let i = 0; i < count; i++) {
      await buy(spin, random.pick([spin.firm, spin.firm2]), random.pick(workIds));
    }
  }

  /** Every contributor of every work claims with some probability (only when owed). */
  async function someClaims(probability: number) {
    const signers = await spin.ethers.getSigners();
    for (const workId of workIds) {
      for (const signer of signers) {
        if (!contributors.has(signer.address.toLowerCase())) continue;
        // A suspended contributor cannot be paid (the coin refuses it): its share waits.
        if (!(await spin.commons.isAllowed(signer.address))) continue;
        const owed = await spin.licensing.claimable(workId, signer.address);
        if (owed > 0n && random.chance(probability)) {
          await spin.licensing.connect(signer).claim(workId);
        }
      }
    }
  }

  async function settleWherePossible() {
    for (const workId of workIds) {
      const [, pending] = await spin.licensing.potOf(workId);
      const parents = (await spin.works.parentsOf(workId)).length;
      if (parents > 0 && pending >= BigInt(parents)) {
        await spin.licensing.connect(spin.alice).settleUpstream(workId);
      }
    }
  }

  /**
   * The API's claimable balances equal Licensing.claimable and CommonFund.claimable, each with
   * the sweep time of a running unclaimable mark (the contracts' unclaimableMark views).
   */
  async function expectClaimablesAsContracts() {
    await synced();
    const signers = await spin.ethers.getSigners();
    const accounts = [...signers.map((s) => s.address), Wallet.createRandom().address];
    let nonZero = 0;
    for (const account of accounts) {
      const works: Claimable["works"] = [];
      for (const workId of workIds) {
        const amount = await spin.licensing.claimable(workId, account);
        const [, at] = await spin.licensing.unclaimableMark(workId, account);
        const sweepableAt = at === 0n ? null : Number(at);
        if (amount > 0n || sweepableAt !== null) {
          works.push({ workId: Number(workId), amount: amount.toString(), sweepableAt });
        }
      }
      const streams: Claimable["streams"] = [];
      for (const streamId of streamIds) {
        if ((await spin.fund.stream(streamId)).recipient !== account) continue;
        const amount = await spin.fund.claimable(streamId);
        const [, at] = await spin.fund.unclaimableMark(streamId);
        const sweepableAt = at === 0n ? null : Number(at);
        if (amount > 0n || sweepableAt !== null) {
          streams.push({ streamId: Number(streamId), amount: amount.toString(), sweepableAt });
        }
      }
      const total = [...works, ...streams].reduce((sum, x) => sum + BigInt(x.amount), 0n);
      nonZero += works.length + streams.length;
      for (const { kind, indexer } of indexers) {
        const answer = await get<Claimable>(indexer, `/accounts/${account}/claimable`);
        expect(answer, say(`${kind}: claimable of ${account}`)).to.deep.equal({
          account: account.toLowerCase(),
          works,
          streams,
          total: total.toString(),
        });
      }
    }
    return nonZero;
  }

  async function expectPotsAndFundAsContracts() {
    await synced();
    const pending = await spin.licensing.fundPending();
    for (const { kind, indexer } of indexers) {
      const funds = await get<{ items: { sub_fund: number; pendingFromLicensing: string }[] }>(
        indexer,
        "/funds",
      );
      expect(
        funds.items.map((f) => f.pendingFromLicensing),
        say(`${kind}: fund pending`),
      ).to.deep.equal(pending.map(String));
      for (const workId of workIds) {
        const [perBps, upstreamPending] = await spin.licensing.potOf(workId);
        const work = await get<{ income: { perBps: string; upstreamPending: string } }>(
          indexer,
          `/works/${workId}`,
        );
        expect(
          [work.income.perBps, work.income.upstreamPending],
          say(`${kind}: pot of work ${workId}`),
        ).to.deep.equal([perBps.toString(), upstreamPending.toString()]);
      }
    }
  }

  it("gives every account's claimable licence earnings and stream amounts as the contracts do", async () => {
    const { ethers, templates, licensing, fund, coin, admin, firm } = spin;
    const signers = await ethers.getSigners();
    const people = [spin.alice, spin.bob, spin.carol, spin.coop, ...signers.slice(9, 15)].map(
      (s) => s.address,
    );
    await templates.setCompatible(PPL, COPYFAIR, true);
    const root = await registerWork(spin, spin.alice, { licenceId: PPL, ...split(people) });
    const other = await registerWork(spin, spin.bob, { licenceId: COPYFAIR, ...split(people) });
    const fork = await registerWork(spin, spin.carol, {
      licenceId: PPL,
      parents: [root],
      ...split(people),
    });
    const grandchild = await registerWork(spin, spin.alice, {
      licenceId: PPL,
      parents: [fork, root],
      ...split(people),
    });
    const crossFork = await registerWork(spin, spin.bob, {
      licenceId: COPYFAIR,
      parents: [root, other],
      ...split(people),
    });
    workIds.push(root, other, fork, grandchild, crossFork);
    // Odd prices, so every division leaves dust somewhere.
    for (const workId of [fork, grandchild, crossFork]) {
      const steward = workId === fork ? spin.carol : workId === crossFork ? spin.bob : spin.alice;
      await licensing
        .connect(steward)
        .setWorkPrice(workId, 10n * COIN + BigInt(random.int(1, 10_000_000)));
    }

    await purchases(random.int(6, 10));
    await settleWherePossible();
    await someClaims(0.5);
    await expectPotsAndFundAsContracts();
    await licensing.connect(spin.alice).flushFund();
    await purchases(random.int(3, 6));
    await settleWherePossible();
    await settleWherePossible();
    await someClaims(0.3);

    // Streams from the Pooled sub-fund: one running, one starting later then cancelled, one
    // that began in the past; partial claims on the way.
    await coin.connect(firm).approve(await fund.getAddress(), 2n ** 255n);
    await fund.connect(firm).deposit(0, 10_000n * COIN);
    const start = await now();
    const plans = [
      { to: spin.alice, from: start + 10, to_: start + 1_000 },
      { to: spin.bob, from: start + 200, to_: start + 2_000 },
      { to: spin.alice, from: start - 500, to_: start + 500 },
      { to: spin.coop, from: start + 50, to_: start + 5_000 },
    ];
    for (const plan of plans) {
      const amount = BigInt(random.int(1_000, 1_000_000)) * 10n ** 12n + BigInt(random.int(1, 999));
      await fund
        .connect(admin)
        .createStream(0, plan.to.address, amount, plan.from, plan.to_, "tools");
      streamIds.push((await fund.streamCount()) - 1n);
    }
    await advance(random.int(250, 450));
    await fund.connect(spin.alice).claim(streamIds[0]);
    await fund.connect(spin.bob).claim(streamIds[1]);
    await advance(random.int(10, 100));
    await fund.connect(admin).cancelStream(streamIds[1]);
    await fund.connect(admin).cancelStream(streamIds[3]);
    await advance(random.int(10, 300));

    await expectPotsAndFundAsContracts();
    expect(await expectClaimablesAsContracts()).to.be.greaterThan(3);

    const bad = await fetch(`${indexers[0].indexer.url}/accounts/0x1234/claimable`);
    expect(bad.status).to.equal(400);
    expect(((await bad.json()) as { field: string }).field).to.equal("params.account");
  });

  it("shows the upstream income a work received from its children, and its pending pot", async () => {
    await synced();
    const received = new Map<
      bigint,
      { from: bigint; toContributors: bigint; toUpstream: bigint; toFund: bigint }[]
    >();
    const logs = await spin.licensing.queryFilter(spin.licensing.filters.UpstreamReceived());
    for (const log of logs) {
      const [workId, from, toContributors, toUpstream, toFund] = log.args;
      received.set(workId, [
        ...(received.get(workId) ?? []),
        { from, toContributors, toUpstream, toFund },
      ]);
    }
    expect(received.size, say("some parent received income")).to.be.greaterThan(0);
    for (const { kind, indexer } of indexers) {
      for (const workId of workIds) {
        const expected = received.get(workId) ?? [];
        const work = await get<{
          income: {
            upstreamReceived: string;
            fromChildren: {
              fromWorkId: number;
              toContributors: string;
              toUpstream: string;
              toFund: string;
            }[];
          };
        }>(indexer, `/works/${workId}`);
        expect(
          work.income.fromChildren.map((r) => [
            r.fromWorkId,
            r.toContributors,
            r.toUpstream,
            r.toFund,
          ]),
          say(`${kind}: income of work ${workId}`),
        ).to.deep.equal(
          expected.map((r) => [
            Number(r.from),
            r.toContributors.toString(),
            r.toUpstream.toString(),
            r.toFund.toString(),
          ]),
        );
        expect(work.income.upstreamReceived).to.equal(
          expected.reduce((s, r) => s + r.toContributors + r.toUpstream + r.toFund, 0n).toString(),
        );
      }
    }
  });

  it("lists each template's compatible licences as the contract's fork rule answers", async () => {
    const { templates } = spin;
    await templates.setCompatible(CC_BY_SA, CC0, true);
    await templates.setCompatible(CC_BY_SA, PPL, true);
    await templates.setCompatible(CC_BY_SA, CC0, false);
    await synced();
    const count = Number(await templates.templateCount());
    for (const { kind, indexer } of indexers) {
      const answer = await get<{
        items: {
          licence_id: number;
          terms: { shareAlike: boolean };
          compatibleLicences: number[];
        }[];
      }>(indexer, "/licences/templates");
      expect(answer.items).to.have.length(count);
      for (const template of answer.items) {
        if (!template.terms.shareAlike) continue;
        for (let child = 1; child <= count; child++) {
          if (child === template.licence_id) continue;
          const [, compatible] = await templates.forkRule(template.licence_id, child);
          expect(
            template.compatibleLicences.includes(child),
            `${kind}: ${template.licence_id} -> ${child}`,
          ).to.equal(compatible);
        }
      }
      const byId = new Map(answer.items.map((t) => [t.licence_id, t.compatibleLicences]));
      expect(byId.get(PPL)).to.deep.equal([COPYFAIR]);
      expect(byId.get(CC_BY_SA)).to.deep.equal([PPL]);
    }
  });

  it("reads the registry's admission rule as it changes", async () => {
    const { commons } = spin;
    const admissions = await spin.ethers.getContractAt("Admissions", await commons.admissions());
    for (const [threshold, window] of [
      [random.int(1, 5), random.int(2, 20) * 24 * 3600],
      [random.int(1, 5), random.int(2, 20) * 24 * 3600],
    ]) {
      await synced();
      for (const { kind, indexer } of indexers) {
        const rule = await get<{ vouchThreshold: number; vouchWindowSeconds: number }>(
          indexer,
          "/registry/rules",
        );
        const current = await admissions.admissionRule();
        expect([rule.vouchThreshold, rule.vouchWindowSeconds], kind).to.deep.equal([
          Number(current.vouchThreshold),
          Number(current.vouchWindow),
        ]);
      }
      await setVouching(admissions, threshold, window);
    }
  });

  /** Proposes an action (a call to an account, or a governor setting) and returns its id. */
  async function propose(name: string, call?: { target: string; data: string }) {
    const action = {
      targets: [call?.target ?? spin.alice.address],
      values: [0],
      calldatas: [call?.data ?? "0x"],
      descriptionHash: spin.ethers.id(`${name} ${seed}`),
    };
    actions.set(name, action);
    const tx: ContractTransactionResponse = await governor
      .connect(spin.alice)
      .propose(action.targets, action.values, action.calldatas, `${name} ${seed}`);
    const receipt = await tx.wait();
    const created = receipt!.logs
      .map((l) => governor.interface.parseLog(l))
      .find((l) => l?.name === "ProposalCreated");
    const id = created!.args.proposalId as bigint;
    proposals.set(name, id);
    return id;
  }

  async function vote(id: bigint, forVotes: number, against: number, abstain = 0) {
    const voters = [
      spin.alice,
      spin.bob,
      spin.carol,
      ...(await spin.ethers.getSigners()).slice(9, 15),
    ];
    const supports = [
      ...Array<number>(forVotes).fill(1),
      ...Array<number>(against).fill(0),
      ...Array<number>(abstain).fill(2),
    ];
    for (const [i, support] of supports.entries()) {
      if ((await spin.commons.getVotes(voters[i].address)) === 0n) continue;
      await governor.connect(voters[i]).castVote(id, support);
    }
  }

  async function queue(name: string) {
    const { targets, values, calldatas, descriptionHash } = actions.get(name)!;
    await governor.queue(targets, values, calldatas, descriptionHash);
    return actions.get(name)!;
  }

  /** Every proposal's phase equals governor.state(), and its quorum governor.quorum(snapshot). */
  async function expectPhasesAsGovernor(): Promise<string[]> {
    await synced();
    const at = await now();
    const seen: string[] = [];
    for (const [name, id] of proposals) {
      const state = stateNames[Number(await governor.state(id))];
      const snapshot = await governor.proposalSnapshot(id);
      const quorum = snapshot < BigInt(at) ? (await governor.quorum(snapshot)).toString() : null;
      const deadline = Number(await governor.proposalDeadline(id));
      seen.push(state);
      for (const { kind, indexer } of indexers) {
        const one = await get<ProposalAnswer>(indexer, `/proposals/${id}`);
        expect(
          [one.phase, one.quorum, one.vote_end],
          say(`${kind}: proposal ${name}`),
        ).to.deep.equal([state, quorum, deadline]);
        const list = await get<{ items: ProposalAnswer[] }>(indexer, "/proposals?limit=100");
        const listed = list.items.find((p) => p.proposal_id === id.toString());
        expect([listed?.phase, listed?.quorum], `${kind}: ${name} listed`).to.deep.equal([
          state,
          quorum,
        ]);
      }
    }
    return seen;
  }

  it("gives each proposal the governor's state and quorum, through every reachable state", async () => {
    const { commons } = spin;
    const seen = new Set<string>();
    const check = async () => (await expectPhasesAsGovernor()).forEach((s) => seen.add(s));

    // A proposal that lowers the quorum numerator, executed: later snapshots use the new one.
    const lower = governor.interface.encodeFunctionData("updateQuorumNumerator", [
      random.int(25, 40),
    ]);
    const executed = await propose("executed", {
      target: await governor.getAddress(),
      data: lower,
    });
    await check();
    await advance(VOTING_DELAY + 1);
    await vote(executed, 6, 1);
    await check();
    await advanceTo(Number(await governor.proposalDeadline(executed)) + 1);
    const details = await queue("executed");
    await check();
    await advance(TIMELOCK_DELAY + 1);
    await governor.execute(
      details.targets,
      details.values,
      details.calldatas,
      details.descriptionHash,
    );
    await check();

    // The membership changes: a suspension lowers the total votes the quorum is a fraction of.
    await commons.suspend((await spin.ethers.getSigners())[14].address, "inactive");
    await advance(5);

    const byQuorum = await propose("defeated by quorum");
    const byVotes = await propose("defeated by votes");
    const atQuorum = await propose("succeeded at quorum exactly");
    const late = await propose("succeeded late");
    const queued = await propose("queued");
    const canceled = await propose("canceled");
    await check();
    const toCancel = actions.get("canceled")!;
    await governor
      .connect(spin.alice)
      .cancel(toCancel.targets, toCancel.values, toCancel.calldatas, toCancel.descriptionHash);
    expect(proposals.get("canceled")).to.equal(canceled);
    await advance(VOTING_DELAY + 1);
    // One vote short of quorum (For wins), and exactly at quorum with an abstention.
    const needed = Number(await governor.quorum(await governor.proposalSnapshot(byQuorum)));
    expect(needed).to.be.greaterThan(1);
    await vote(byQuorum, needed - 1, 0);
    await vote(atQuorum, needed - 1, 0, 1);
    await vote(byVotes, 2, 4, 2);
    await vote(queued, 5, 1);
    await check();
    // Quorum reached in the last seconds: voting stays open LATE_QUORUM more.
    const deadline = Number(await governor.proposalDeadline(late));
    await advanceTo(deadline - 20);
    await vote(late, 4, 1, 1);
    expect(Number(await governor.proposalDeadline(late))).to.be.greaterThan(deadline);
    await advanceTo(deadline + 5);
    await check();
    await queue("queued");
    await advanceTo(Number(await governor.proposalDeadline(late)) + 1);
    await check();

    // The timelock's executors are open: anyone may execute a ready operation on it directly,
    // and the governor then says executed though it emitted no ProposalExecuted.
    await advance(TIMELOCK_DELAY + 1);
    const direct = actions.get("queued")!;
    const salt = toBeHex(
      (BigInt(await governor.getAddress()) << 96n) ^ BigInt(direct.descriptionHash),
      32,
    );
    await timelock
      .connect(spin.firm)
      .executeBatch(direct.targets, direct.values, direct.calldatas, ZeroHash, salt);
    expect(stateNames[Number(await governor.state(queued))]).to.equal("executed");
    await check();

    const active = await propose("active");
    await advance(VOTING_DELAY + 1);
    await vote(active, 1, 0);
    await propose("pending");
    await check();

    expect([...seen]).to.include.members([
      "pending",
      "active",
      "defeated",
      "succeeded",
      "queued",
      "executed",
      "canceled",
    ]);
    // The two defeats have different causes.
    const [qAgainst, qFor, qAbstain] = await governor.proposalVotes(byQuorum);
    const quorum = await governor.quorum(await governor.proposalSnapshot(byQuorum));
    expect(qFor + qAbstain).to.equal(quorum - 1n);
    expect(qFor).to.be.greaterThan(qAgainst);
    expect(stateNames[Number(await governor.state(atQuorum))]).to.equal("succeeded");
    const [vAgainst, vFor, vAbstain] = await governor.proposalVotes(byVotes);
    expect(vFor + vAbstain >= quorum && vFor <= vAgainst).to.equal(true);
  });

  it("undoes all of it through a reorg: the store equals a fresh index of the final chain", async () => {
    await synced();
    const snapshot = await provider().request({ method: "evm_snapshot" });
    await purchases(3);
    await settleWherePossible();
    await someClaims(1);
    await spin.licensing.connect(spin.alice).flushFund();
    await spin.templates.setCompatible(PPL, CC_BY_SA, true);
    const admissions = await spin.ethers.getContractAt(
      "Admissions",
      await spin.commons.admissions(),
    );
    await setVouching(admissions, 2, 3 * 24 * 3600);
    await spin.commons.suspend(spin.bob.address, "reorged away");
    await synced();
    await provider().request({ method: "evm_revert", params: [snapshot] });
    await purchases(2);
    await someClaims(0.5);
    await spin.fund.connect(spin.coop).claim(streamIds[3]);
    await advance(7);
    await expectClaimablesAsContracts();
    await expectPotsAndFundAsContracts();
    for (const [i, { kind, indexer }] of indexers.entries()) {
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
      expect(i).to.be.lessThan(kinds.length);
    }
  });

  it("documents the new routes in the OpenAPI document", async () => {
    const document = await get<{ paths: Record<string, unknown> }>(
      indexers[0].indexer,
      "/openapi.json",
    );
    expect(Object.keys(document.paths)).to.include.members([
      "/accounts/{account}/claimable",
      "/registry/rules",
      "/licences/templates",
      "/works/{workId}",
      "/proposals",
      "/funds",
    ]);
  });
});
