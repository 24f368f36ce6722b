import { buildManifest } from "@spin/shared";
import { expect } from "chai";
import { network } from "hardhat";
import { Wallet } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import type { Indexer } from "../../../indexer/src/index.ts";
import { createLicenceChecker } from "../../../indexer/src/server/licence-check.ts";
import {
  createLicenceChangeLog,
  recordLicenceChange,
} from "../../../indexer/src/sync/licence-changes.ts";
import {
  buy,
  CC0,
  CC_BY_SA,
  deploySpin,
  PPL,
  commitAndAddVersion,
  registerWork,
  termsOf,
  boundsOf,
  shippedLicences,
  type Spin,
} from "../works/fixture.ts";
import {
  readmeBundle,
  serveSpin,
  startTestIndexer,
  waitForHead,
  type ChainLike,
} from "./helpers/indexer.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/store.ts";
import { uploadBundle } from "./helpers/upload.ts";
import { contractChecker } from "./helpers/contract.ts";

interface CheckAnswer {
  allowed: boolean;
  reason: string;
  reasonCode: number;
  licenceId: number;
  recordId: number;
  validUntil: number;
}

describe("indexer domain model and licence check", function () {
  this.timeout(180_000);
  let connection: NetworkConnection;
  let spin: Spin;
  let database: TestDatabase;
  let indexer: Indexer;
  let chain: ChainLike;
  let workIds: bigint[];
  let forbiddenWork: bigint;
  let proposalId: bigint;

  before(async () => {
    connection = await network.create();
    const startBlock = (await connection.ethers.provider.getBlockNumber()) + 1;
    spin = await deploySpin(connection);
    const {
      ethers,
      works,
      licensing,
      commons,
      templates,
      alice,
      bob,
      carol,
      coop,
      place,
      firm,
      firm2,
    } = spin;

    // Works: an original, a fork of it, a CC0 work, a CC BY-SA work, one suspended, one forbidden.
    const original = await registerWork(spin, alice, { licenceId: PPL });
    const fork = await registerWork(spin, bob, { licenceId: PPL, parents: [original] });
    const open = await registerWork(spin, carol, { licenceId: CC0 });
    const shareAlike = await registerWork(spin, alice, { licenceId: CC_BY_SA });
    const suspended = await registerWork(spin, bob, { licenceId: PPL });
    const forbiddenTerms = { ...termsOf(shippedLicences()[2]), commercialUse: 0 };
    await templates.addTemplate(
      "No commercial use",
      ethers.id("nc"),
      "ipfs://nc",
      forbiddenTerms,
      boundsOf(shippedLicences()[2]),
    );
    forbiddenWork = await registerWork(spin, carol, {
      licenceId: Number(await templates.templateCount()),
    });
    workIds = [original, fork, open, shareAlike, suspended, forbiddenWork];

    await commitAndAddVersion(spin, alice, original, ethers.id("original v2"), "ipfs://v2");
    await works.connect(place).adopt(fork);
    await works.connect(coop).adopt(original);
    await works.suspend(suspended, "disputed");
    await buy(spin, firm, original);
    await buy(spin, firm, fork);
    await buy(spin, firm2, fork);
    await licensing.revoke(3n, "fraud"); // firm2's licence of the fork
    await commons.suspend(carol.address, "inactive");

    // Governance: a grant proposal with votes and reasons.
    const timelock = await ethers.deployContract("SpinTimelock", [
      0,
      [],
      [ethers.ZeroAddress],
      spin.admin.address,
    ]);
    const governor = await ethers.deployContract("SpinGovernor", [
      await commons.getAddress(),
      await timelock.getAddress(),
      1,
      3600,
      1,
      0,
    ]);
    await connection.provider.request({ method: "evm_increaseTime", params: [10] });
    await connection.provider.request({ method: "evm_mine" });
    const grant = spin.fund.interface.encodeFunctionData("grant", [0, alice.address, 1n, "tools"]);
    const tx = await governor
      .connect(alice)
      .propose([await spin.fund.getAddress()], [0], [grant], "Buy tools");
    const receipt = await tx.wait();
    const created = receipt!.logs
      .map((l) => governor.interface.parseLog(l))
      .find((l) => l?.name === "ProposalCreated");
    proposalId = created!.args.proposalId as bigint;
    await connection.provider.request({ method: "evm_increaseTime", params: [5] });
    await connection.provider.request({ method: "evm_mine" });
    await governor.connect(bob).castVoteWithReason(proposalId, 1, "we need them");
    await governor.connect(alice).castVoteWithReason(proposalId, 0, "too soon");

    chain = await serveSpin(connection, spin, startBlock, { governor });
    database = await createTestDatabase("postgres");
    indexer = await startTestIndexer(chain, database, { server: { host: "127.0.0.1", port: 0 } });
    await waitForHead(chain, indexer.db);
  });

  after(async () => {
    await indexer?.stop();
    await database?.drop();
    await chain?.rpc.close();
    await connection?.close();
  });

  const contract = contractChecker();
  const get = async <T>(route: string): Promise<T> => {
    const response = await contract.fetch(`${indexer.url}${route}`);
    expect(response.status, route).to.equal(200);
    return (await response.json()) as T;
  };

  it("agrees with Licensing.licenceStatus for every account and work, by id and by content hash", async () => {
    const { alice, bob, carol, coop, place, firm, firm2, stranger, admin } = spin;
    const randoms = Array.from({ length: 4 }, () => Wallet.createRandom().address);
    const accounts = [alice, bob, carol, coop, place, firm, firm2, stranger, admin]
      .map((s) => s.address)
      .concat(randoms);
    const reasonsSeen = new Set<string>();
    for (const workId of [...workIds, 999n]) {
      for (const account of accounts) {
        const onChain = await spin.licensing.licenceStatus(workId, account);
        const answer = await get<CheckAnswer>(
          `/licences/check?account=${account}&workId=${workId}`,
        );
        reasonsSeen.add(answer.reason);
        expect(
          [answer.allowed, answer.reasonCode, answer.licenceId, answer.recordId, answer.validUntil],
          `work ${workId} account ${account}`,
        ).to.deep.equal([
          onChain.allowed,
          Number(onChain.reason),
          Number(onChain.licenceId),
          Number(onChain.recordId),
          Number(onChain.validUntil),
        ]);
      }
    }
    expect([...reasonsSeen]).to.include.members([
      "UnknownWork",
      "SuspendedWork",
      "NotMember",
      "Forbidden",
      "OpenLicence",
      "CommonsUse",
      "PaidLicence",
      "NoLicence",
      "Revoked",
    ]);
    const versions = await indexer.db
      .selectFrom("work_versions")
      .select(["content_hash"])
      .execute();
    for (const { content_hash } of versions) {
      for (const account of [spin.firm.address, spin.coop.address, spin.firm2.address]) {
        const onChain = await spin.licensing.licenceStatusByHash(content_hash, account);
        const answer = await get<CheckAnswer>(
          `/licences/check?account=${account}&contentHash=${content_hash}`,
        );
        expect([answer.allowed, answer.reasonCode, answer.recordId]).to.deep.equal([
          onChain.allowed,
          Number(onChain.reason),
          Number(onChain.recordId),
        ]);
      }
    }
  });

  it("refuses a licence check without exactly one work reference", async () => {
    const response = await fetch(`${indexer.url}/licences/check?account=${spin.firm.address}`);
    expect(response.status).to.equal(400);
    expect(((await response.json()) as { field: string }).field).to.equal("query.workId");
  });

  it("shows a work's versions, lineage both ways, stewards and adopters", async () => {
    const [original, fork] = workIds;
    const work = await get<{
      versions: { version: number }[];
      children: number[];
      adopters: string[];
      stewards: string[];
      version_count: number;
    }>(`/works/${original}`);
    expect(work.versions.map((v) => v.version)).to.deep.equal([1, 2]);
    expect(work.version_count).to.equal(2);
    expect(work.children).to.deep.equal([Number(fork)]);
    expect(work.adopters).to.deep.equal([spin.coop.address.toLowerCase()]);
    expect(work.stewards).to.deep.equal([spin.alice.address.toLowerCase()]);
    const child = await get<{ parents: number[] }>(`/works/${fork}`);
    expect(child.parents).to.deep.equal([Number(original)]);
    const adopted = await get<{ items: { work_id: number }[] }>(
      `/works?adopter=${spin.place.address}`,
    );
    expect(adopted.items.map((w) => w.work_id)).to.deep.equal([Number(fork)]);
  });

  it("finds works by words, exact tag and machine, alone or with a licence", async () => {
    const bundles = [
      readmeBundle({
        title: "Pedal grinder",
        summary: "A grain mill driven by a bicycle",
        tags: ["food", "bicycle"],
        machines: ["laser-cutter"],
      }),
      readmeBundle({
        title: "Solar dryer",
        summary: "Dries fruit with the sun",
        tags: ["food", "solar"],
        machines: ["table-saw"],
      }),
    ];
    const ids: number[] = [];
    for (const [i, files] of bundles.entries()) {
      const { contentHash } = await buildManifest(files);
      const target = {
        url: indexer.url!,
        chainId: chain.chainId,
        registry: await spin.commons.getAddress(),
      };
      const stored = await uploadBundle(target, spin.alice, files);
      expect(stored.status).to.equal(201);
      const licenceId = i === 0 ? PPL : CC0;
      ids.push(Number(await registerWork(spin, spin.alice, { contentHash, licenceId })));
    }
    await waitForHead(chain, indexer.db);
    const found = async (query: string) =>
      (await get<{ items: { work_id: number }[] }>(`/works?${query}`)).items.map((w) => w.work_id);
    const [grinder, dryer] = ids;
    expect(await found("q=grain")).to.deep.equal([grinder]);
    expect(await found("tag=food")).to.deep.equal([dryer, grinder]);
    expect(await found("tag=solar")).to.deep.equal([dryer]);
    expect(await found("machine=laser-cutter")).to.deep.equal([grinder]);
    expect(await found("tag=food&machine=table-saw")).to.deep.equal([dryer]);
    expect(await found(`tag=food&licenceId=${PPL}`)).to.deep.equal([grinder]);
    // A tag is matched whole, not as a word or a prefix.
    expect(await found("tag=foo")).to.deep.equal([]);
    const blank = await fetch(`${indexer.url}/works?tag=%20`);
    expect(blank.status).to.equal(400);
    expect(((await blank.json()) as { field: string }).field).to.equal("query.tag");
  });

  it("lists participants with kind, status and places with their machines", async () => {
    const places = await get<{ items: { account: string; place: { machines: string[] } }[] }>(
      "/participants?kind=Place",
    );
    expect(places.items.map((p) => p.account)).to.deep.equal([spin.place.address.toLowerCase()]);
    expect(places.items[0].place.machines).to.deep.equal(["laser-cutter"]);
    const carol = await get<{
      statusName: string;
      status_reason: string;
      delegation: { delegate: string };
    }>(`/participants/${spin.carol.address}`);
    expect(carol.statusName).to.equal("Suspended");
    expect(carol.status_reason).to.equal("inactive");
    const alice = await get<{ delegation: { delegate: string; votes: string } }>(
      `/participants/${spin.alice.address}`,
    );
    expect(alice.delegation.delegate).to.equal(spin.alice.address.toLowerCase());
    expect(alice.delegation.votes).to.equal(
      (await spin.commons.getVotes(spin.alice.address)).toString(),
    );
  });

  it("shows proposals with their grant decoded and every vote with its reason", async () => {
    const proposal = await get<{
      actions: { contract: string; call: { function: string; args: Record<string, unknown> } }[];
      votes: { voter: string; support: number; reason: string }[];
      votes_for: string;
      votes_against: string;
      phase: string;
    }>(`/proposals/${proposalId}`);
    expect(proposal.actions[0].contract).to.equal("CommonFund");
    expect(proposal.actions[0].call.function).to.equal("grant");
    expect(proposal.actions[0].call.args["3"]).to.equal("tools");
    expect(proposal.votes.map((v) => [v.support, v.reason])).to.deep.equal([
      [1, "we need them"],
      [0, "too soon"],
    ]);
    expect(proposal.votes_for).to.equal("1");
    expect(proposal.phase).to.equal("active");
    expect(proposal.votes_against).to.equal("1");
  });

  it("serves a proposal page: title, named call arguments, timeline, tally and an account's view", async () => {
    const page = await get<{
      title: string;
      calls: {
        contract: string;
        function: string;
        signature: string;
        targetName: string;
        args: { name: string; value: unknown }[];
      }[];
      timeline: { event: string; time: number | null; transactionHash: string | null }[];
      tally: { for: string; against: string; abstain: string };
      votes: { voter: string; supportName: string; reason: string; name: string | null }[];
      account: {
        votingPower: string;
        vote: { support: string; reason: string } | null;
        delegate: string | null;
        delegateVote: unknown;
      } | null;
    }>(`/proposals/${proposalId}?account=${spin.bob.address.toLowerCase()}`);
    expect(page.title).to.equal("Buy tools");
    const call = page.calls[0];
    expect([call.contract, call.function, call.targetName]).to.deep.equal([
      "CommonFund",
      "grant",
      "SPIN Common Fund",
    ]);
    const inputs = spin.fund.interface.getFunction("grant")!.inputs.map((i) => i.name);
    expect(call.args.map((a) => a.name)).to.deep.equal(inputs);
    expect(call.args.map((a) => a.value)).to.deep.equal([
      "0",
      spin.alice.address.toLowerCase(),
      "1",
      "tools",
    ]);
    expect(call.signature).to.equal("grant(uint256,address,uint256,string)");
    const created = page.timeline.find((e) => e.event === "created")!;
    expect(created.transactionHash).to.match(/^0x[0-9a-f]{64}$/);
    expect(created.time).to.be.a("number");
    expect(page.timeline.map((e) => e.event)).to.include.members([
      "created",
      "votingStarts",
      "votingEnds",
    ]);
    expect(page.tally).to.deep.equal({
      for: "1",
      against: "1",
      abstain: "0",
      quorum: page.tally["quorum" as never],
      quorumReached: page.tally["quorumReached" as never],
    });
    expect(page.votes.map((v) => [v.supportName, v.reason])).to.deep.equal([
      ["For", "we need them"],
      ["Against", "too soon"],
    ]);
    const proposal = await get<{ vote_start: number }>(`/proposals/${proposalId}`);
    const power = await spin.commons.getPastVotes(spin.bob.address, proposal.vote_start);
    expect(page.account!.votingPower).to.equal(power.toString());
    expect(page.account!.vote).to.include({ support: "For", reason: "we need them" });
    expect(page.account!.delegate).to.equal(spin.bob.address.toLowerCase());
  });

  it("lists delegates by votes with names, and names a Place by its on-chain name", async () => {
    const delegates = await get<{
      items: { account: string; votes: string; delegators: number }[];
    }>("/delegates?limit=100");
    expect(delegates.items.length).to.be.greaterThan(0);
    const votes = delegates.items.map((d) => BigInt(d.votes));
    expect(votes).to.deep.equal([...votes].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
    for (const d of delegates.items) {
      expect(d.votes).to.equal((await spin.commons.getVotes(d.account)).toString());
    }
    const place = spin.place.address.toLowerCase();
    const names = await get<{ items: { name: string | null; source: string | null }[] }>(
      `/names?address=${place}`,
    );
    const info = await get<{ place: { name: string }; name: string }>(`/participants/${place}`);
    expect(names.items[0]).to.include({ name: info.place.name, source: "place" });
    expect(info.name).to.equal(info.place.name);
  });

  it("answers Expired once a paid licence's term has passed, as the contract does", async () => {
    const [original] = workIds;
    const before = await get<CheckAnswer>(
      `/licences/check?account=${spin.firm.address}&workId=${original}`,
    );
    expect(before.reason).to.equal("PaidLicence");
    await connection.provider.request({ method: "evm_increaseTime", params: [before.validUntil] });
    await connection.provider.request({ method: "evm_mine" });
    await waitForHead(chain, indexer.db);
    const onChain = await spin.licensing.licenceStatus(original, spin.firm.address);
    const after = await get<CheckAnswer>(
      `/licences/check?account=${spin.firm.address}&workId=${original}`,
    );
    expect(after.reason).to.equal("Expired");
    expect([after.allowed, after.reasonCode, after.validUntil]).to.deep.equal([
      onChain.allowed,
      Number(onChain.reason),
      Number(onChain.validUntil),
    ]);
  });

  it("turns a kept licence answer to allowed as soon as the purchase is indexed", async () => {
    const [original] = workIds;
    const route = `/licences/check?account=${spin.firm2.address}&workId=${original}`;
    expect((await get<CheckAnswer>(route)).reason).to.equal("NoLicence");
    expect((await get<CheckAnswer>(route)).reason).to.equal("NoLicence");
    await buy(spin, spin.firm2, original);
    await waitForHead(chain, indexer.db);
    const answer = await get<CheckAnswer>(route);
    const onChain = await spin.licensing.licenceStatus(original, spin.firm2.address);
    expect([answer.reason, answer.allowed, answer.recordId]).to.deep.equal([
      "PaidLicence",
      true,
      Number(onChain.recordId),
    ]);
  });

  describe("the licence checker's kept answers", () => {
    const firm2 = () => spin.firm2.address.toLowerCase();
    const noChanges = createLicenceChangeLog();

    /** Suspends the work in the store only (not on chain) while `run` runs. */
    async function whileSuspendedInStore(workId: number, run: () => Promise<void>) {
      const suspend = (suspended: boolean) =>
        indexer.db.updateTable("works").set({ suspended }).where("work_id", "=", workId).execute();
      await suspend(true);
      try {
        await run();
      } finally {
        await suspend(false);
      }
    }

    it("keeps facts while their data version holds and reads again when it changes", async () => {
      let version: string | null = "1";
      const checker = createLicenceChecker(indexer.db, {
        entries: 100,
        version: () => version,
        changes: () => noChanges,
        clock: () => null,
      });
      const open = { workId: Number(workIds[2]) };
      expect((await checker.check(open, firm2())).reason).to.equal("OpenLicence");
      // Change the store behind the checker's back: a kept answer does not see it...
      await whileSuspendedInStore(open.workId, async () => {
        expect((await checker.check(open, firm2())).reason).to.equal("OpenLicence");
        // ...a process that cannot hear commits never serves from (or into) them...
        version = null;
        expect((await checker.check(open, firm2())).reason).to.equal("SuspendedWork");
        version = "1";
        expect((await checker.check(open, firm2())).reason).to.equal("OpenLicence");
        // ...and a new version reads the data again.
        version = "2";
        expect((await checker.check(open, firm2())).reason).to.equal("SuspendedWork");
      });
    });

    it("drops only the answers a narrow change names, by work id or content hash", async () => {
      const log = createLicenceChangeLog();
      const checker = createLicenceChecker(indexer.db, {
        entries: 100,
        version: () => "1",
        changes: () => log,
        clock: () => null,
      });
      const open = { workId: Number(workIds[2]) };
      const byHash = {
        contentHash: (
          await indexer.db
            .selectFrom("content_hashes")
            .select("content_hash")
            .where("work_id", "=", open.workId)
            .executeTakeFirstOrThrow()
        ).content_hash,
      };
      const coop = spin.coop.address.toLowerCase();
      for (const [ref, account] of [
        [open, firm2()],
        [byHash, firm2()],
        [open, coop],
      ] as const) {
        expect((await checker.check(ref, account)).reason).to.equal("OpenLicence");
      }
      await whileSuspendedInStore(open.workId, async () => {
        // Another work's change, or another account's, leaves the answers kept...
        recordLicenceChange(log, { pairs: [{ workId: Number(workIds[3]), account: firm2() }] });
        recordLicenceChange(log, {
          pairs: [{ workId: open.workId, account: spin.firm.address.toLowerCase() }],
        });
        expect((await checker.check(open, firm2())).reason).to.equal("OpenLicence");
        // ...(work, firm2) drops firm2's answers about the work, asked by id or by hash...
        recordLicenceChange(log, { pairs: [{ workId: open.workId, account: firm2() }] });
        expect((await checker.check(open, firm2())).reason).to.equal("SuspendedWork");
        expect((await checker.check(byHash, firm2())).reason).to.equal("SuspendedWork");
        // ...and not the cooperative's.
        expect((await checker.check(open, coop)).reason).to.equal("OpenLicence");
        // A checker further behind than the log remembers drops everything.
        for (let i = 0; i < 1_100; i++) {
          recordLicenceChange(log, { pairs: [{ workId: 1_000_000 + i, account: firm2() }] });
        }
        expect((await checker.check(open, coop)).reason).to.equal("SuspendedWork");
        // "all" drops everything through the version, which the status derives from it.
        recordLicenceChange(log, "all");
        expect(log.wide).to.equal(1);
      });
    });

    it("keeps at most `entries` answers, dropping the oldest", async () => {
      const checker = createLicenceChecker(indexer.db, {
        entries: 1,
        version: () => "1",
        changes: () => noChanges,
        clock: () => null,
      });
      const [open, shareAlike] = [{ workId: Number(workIds[2]) }, { workId: Number(workIds[3]) }];
      expect((await checker.check(open, firm2())).reason).to.equal("OpenLicence");
      expect((await checker.check(shareAlike, firm2())).allowed).to.equal(true);
      await whileSuspendedInStore(open.workId, async () => {
        expect((await checker.check(open, firm2())).reason).to.equal("SuspendedWork");
      });
    });

    it("decides a kept answer at the indexed head's time, so a licence expires on time", async () => {
      const [original] = workIds;
      const record = await spin.licensing.licenceStatus(original, spin.firm2.address);
      const validUntil = Number(record.validUntil);
      let now = validUntil - 1;
      const checker = createLicenceChecker(indexer.db, {
        entries: 100,
        version: () => "1",
        changes: () => noChanges,
        clock: () => now,
      });
      const ref = { workId: Number(original) };
      expect((await checker.check(ref, firm2())).reason).to.equal("PaidLicence");
      now = validUntil;
      const expired = await checker.check(ref, firm2());
      expect([expired.reason, expired.allowed, expired.at]).to.deep.equal([
        "Expired",
        false,
        validUntil,
      ]);
    });

    it("asks the database every time when it keeps nothing", async () => {
      const checker = createLicenceChecker(indexer.db, {
        entries: 0,
        version: () => "1",
        changes: () => noChanges,
        clock: () => null,
      });
      const open = { workId: Number(workIds[2]) };
      expect((await checker.check(open, firm2())).reason).to.equal("OpenLicence");
      await whileSuspendedInStore(open.workId, async () => {
        expect((await checker.check(open, firm2())).reason).to.equal("SuspendedWork");
      });
    });
  });
});
