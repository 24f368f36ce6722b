import { rm, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { network } from "hardhat";
import type { AddressBook } from "@spin/shared";
import type { NetworkConnection } from "hardhat/types/network";
import { startAnvil, type Anvil } from "../../../scripts/chain/anvil.ts";
import { deploySpin } from "../../../scripts/deploy/spin.ts";
import {
  DEMO_APPLICANT,
  DEMO_MEMBERS,
  anvilAccount,
  demoAccounts,
  demoFounders,
  formatDemoAccounts,
} from "../../../scripts/seed/demo-commons.ts";
import {
  bundleIdentity,
  seedDemo,
  send,
  SeedError,
  type SeedSummary,
} from "../../../scripts/seed/seed.ts";

const COIN = 10n ** 18n;
const ProposalState = {
  Pending: 0n,
  Active: 1n,
  Canceled: 2n,
  Defeated: 3n,
  Succeeded: 4n,
  Queued: 5n,
  Expired: 6n,
  Executed: 7n,
} as const;
const Reason = { CommonsUse: 5n, PaidLicence: 6n, NoLicence: 7n } as const;
const Status = { Admitted: 2n } as const;

const addressOf = (key: (typeof DEMO_MEMBERS)[number]["key"]) =>
  anvilAccount(DEMO_MEMBERS.find((m) => m.key === key)!.account).address;

// The seed runs against a real anvil node, as `npm start` runs it.
describe("demo commons seed", function () {
  this.timeout(180_000);
  let dir: string;
  let anvil: Anvil;
  let connection: NetworkConnection;
  let book: AddressBook;
  let summary: SeedSummary;
  const deploymentId = `seed-test-${process.pid}-${Date.now()}`;
  const secondDeploymentId = `${deploymentId}-second`;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "spin-seed-"));
    // Coverage runs instrument the contracts past EIP-170; npm test checks the real ones.
    anvil = await startAnvil({ port: 19_545 + (process.pid % 1000), unlimitedCodeSize: true });
    connection = await network.create({ network: "local", override: { url: anvil.url } });
    book = await deploySpin(connection, {
      deploymentsDir: dir,
      deploymentId,
      founders: demoFounders(),
    });
    const seeded = await seedDemo(connection, book);
    if (!seeded) throw new Error("the fresh deployment was reported as already seeded");
    summary = seeded;
  });
  after(async () => {
    await anvil?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
    for (const id of [deploymentId, secondDeploymentId]) {
      await rm(path.join(import.meta.dirname, "../../../ignition/deployments", id), {
        recursive: true,
        force: true,
      });
    }
  });

  const at = (name: keyof AddressBook["contracts"]) => book.contracts[name].address;

  it("leaves a proposal in every state the governor can reach", async () => {
    const governor = await connection.ethers.getContractAt("SpinGovernor", at("SpinGovernor"));
    const states = Object.fromEntries(
      await Promise.all(
        Object.entries(summary.proposals).map(async ([key, id]) => [key, await governor.state(id)]),
      ),
    );
    expect(states).to.deep.equal({
      executedGrants: ProposalState.Executed,
      executedStream: ProposalState.Executed,
      queued: ProposalState.Queued,
      succeeded: ProposalState.Succeeded,
      defeated: ProposalState.Defeated,
      canceled: ProposalState.Canceled,
      active: ProposalState.Active,
      pending: ProposalState.Pending,
    });
    expect(summary.unreachableStates.join()).to.match(/^Expired/);
  });

  it("pays coin to members only through the executed grant and stream", async () => {
    const coin = await connection.ethers.getContractAt("SpinCoin", at("SpinCoin"));
    const fund = await connection.ethers.getContractAt("CommonFund", at("CommonFund"));
    expect(await coin.balanceOf(addressOf("amara"))).to.equal(1_000n * COIN);
    expect(await coin.balanceOf(addressOf("weavers"))).to.equal(2_000n * COIN);
    expect(await coin.balanceOf(addressOf("sunharvest"))).to.equal(1_000n * COIN);
    expect(await coin.balanceOf(addressOf("saopaulo"))).to.equal(0n);

    const stream = await fund.stream(summary.streamId);
    expect(stream.recipient).to.equal(addressOf("nairobi"));
    expect(stream.amount).to.equal(12_000n * COIN);
    expect(stream.claimed).to.be.greaterThan(0n);
    expect(await coin.balanceOf(addressOf("nairobi"))).to.equal(stream.claimed);
    expect(await fund.accounted()).to.equal(
      await coin.balanceOf(book.contracts.CommonFund.address),
    );
  });

  it("licenses the kit to Loomworks, not to SunHarvest, and lets the weavers use the loom", async () => {
    const licensing = await connection.ethers.getContractAt("Licensing", at("Licensing"));
    const { works } = summary;
    const paid = await licensing.licenceStatus(works.backstrapLoom, addressOf("loomworks"));
    expect(paid.allowed).to.equal(true);
    expect(paid.reason).to.equal(Reason.PaidLicence);
    expect(paid.recordId).to.equal(summary.licenceRecord);
    const record = await licensing.recordOf(summary.licenceRecord);
    expect(record.licensee).to.equal(addressOf("loomworks"));
    expect(record.pricePaid).to.equal(100n * COIN);

    const none = await licensing.licenceStatus(works.grainMill, addressOf("sunharvest"));
    expect(none.allowed).to.equal(false);
    expect(none.reason).to.equal(Reason.NoLicence);
    const commons = await licensing.licenceStatus(works.openLoom, addressOf("weavers"));
    expect(commons.allowed).to.equal(true);
    expect(commons.reason).to.equal(Reason.CommonsUse);
  });

  it("sends the fees up the lineage: Kenji claimed, Priya and Claire can claim", async () => {
    const licensing = await connection.ethers.getContractAt("Licensing", at("Licensing"));
    const coin = await connection.ethers.getContractAt("SpinCoin", at("SpinCoin"));
    const { works } = summary;
    expect(await coin.balanceOf(addressOf("loomworks"))).to.equal(900n * COIN);
    expect(await coin.balanceOf(addressOf("kenji"))).to.be.greaterThan(1_000n * COIN);
    expect(await licensing.claimable(works.backstrapLoom, addressOf("kenji"))).to.equal(0n);
    expect(await licensing.claimable(works.backstrapLoom, addressOf("priya"))).to.be.greaterThan(
      0n,
    );
    expect(await licensing.claimable(works.puneLoom, addressOf("priya"))).to.be.greaterThan(0n);
    expect(await licensing.claimable(works.openLoom, addressOf("claire"))).to.be.greaterThan(0n);
  });

  it("records forks, a second version and adoptions", async () => {
    const works = await connection.ethers.getContractAt("WorksRegistry", at("WorksRegistry"));
    const ids = summary.works;
    expect(await works.workCount()).to.equal(7n);
    expect(await works.parentsOf(ids.puneLoom)).to.deep.equal([ids.openLoom]);
    expect(await works.parentsOf(ids.backstrapLoom)).to.deep.equal([ids.puneLoom]);
    expect((await works.workOf(ids.openLoom)).versionCount).to.equal(2n);
    const v2 = await bundleIdentity("open-loom-v2");
    expect(await works.workOfHash(v2.contentHash)).to.deep.equal([ids.openLoom, 2n]);
    expect(await works.adoptersOf(ids.openLoom)).to.deep.equal([
      addressOf("weavers"),
      addressOf("lyon"),
    ]);
    expect(await works.adoptersOf(ids.puneLoom)).to.deep.equal([addressOf("pune")]);
    expect(await works.adoptersOf(ids.solarDryer)).to.deep.equal([
      addressOf("nairobi"),
      addressOf("solnascente"),
    ]);
  });

  it("leaves Mateo's signed application pending with 1 of 3 vouches", async () => {
    const registry = await connection.ethers.getContractAt(
      "CommonsRegistry",
      at("CommonsRegistry"),
    );
    const admissions = await connection.ethers.getContractAt("Admissions", at("Admissions"));
    const mateo = anvilAccount(DEMO_APPLICANT.account).address;
    // Mateo never sent a transaction: Amara relayed his signed application.
    expect(await connection.ethers.provider.getTransactionCount(mateo)).to.equal(0);
    expect(await registry.statusOf(mateo)).to.equal(0n);
    const application = await admissions.applicationOf(mateo);
    expect([application.state, application.vouches, application.threshold]).to.deep.equal([
      1n, // Open
      1n,
      3n,
    ]);
    expect(await admissions.hasVouched(mateo, addressOf("amara"))).to.equal(true);
    expect(await registry.delegates(addressOf("kenji"))).to.equal(addressOf("priya"));
  });

  it("admitted every demo member with its place data", async () => {
    const registry = await connection.ethers.getContractAt(
      "CommonsRegistry",
      at("CommonsRegistry"),
    );
    for (const founder of demoFounders()) {
      expect(await registry.statusOf(founder.account), founder.account).to.equal(Status.Admitted);
    }
  });

  it("does nothing when run again on the same deployment", async () => {
    const blockBefore = await connection.ethers.provider.getBlockNumber();
    expect(await seedDemo(connection, book)).to.equal(undefined);
    expect(await connection.ethers.provider.getBlockNumber()).to.equal(blockBefore);
  });

  it("prints every demo account with its role and what to try", () => {
    const accounts = demoAccounts();
    expect(accounts).to.have.length(DEMO_MEMBERS.length + 1);
    expect(accounts.filter((a) => a.status === "applicant").map((a) => a.name)).to.deep.equal([
      DEMO_APPLICANT.name,
    ]);
    const text = formatDemoAccounts(accounts);
    for (const account of accounts) {
      expect(text).to.contain(account.address).and.to.contain(account.tryThis);
    }
  });

  it("names the failing step and the decoded custom error when a transaction reverts", async () => {
    const works = await connection.ethers.getContractAt("WorksRegistry", at("WorksRegistry"));
    const taken = await bundleIdentity("open-loom");
    const kenji = await connection.ethers.getSigner(addressOf("kenji"));
    const registration = {
      ...taken,
      licenceId: (await works.workOf(summary.works.cncChair)).licenceId,
      stewards: [kenji.address],
      contributors: [kenji.address],
      shares: [10_000],
      parents: [],
    };
    const salt = connection.ethers.id("kenji's copy");
    const commitment = await works.commitmentFor(taken.contentHash, kenji.address, salt);
    await (await works.connect(kenji).commitRegistration(commitment)).wait();
    const failure = await send("register a copy", () =>
      works.connect(kenji).register(registration, salt),
    ).catch((error: unknown) => error);
    expect(failure).to.be.instanceOf(SeedError);
    expect((failure as SeedError).message).to.equal(
      `demo seed failed at "register a copy": WorksContentHashTaken(${taken.contentHash}, ${summary.works.openLoom})`,
    );
  });

  it("refuses, naming the problem, to continue a seed that stopped half way", async () => {
    const second = await deploySpin(connection, {
      deploymentsDir: dir,
      deploymentId: secondDeploymentId,
      founders: demoFounders(),
    });
    const works = await connection.ethers.getContractAt(
      "WorksRegistry",
      second.contracts.WorksRegistry.address,
    );
    const kenji = await connection.ethers.getSigner(addressOf("kenji"));
    const { contentHash, metadataURI } = await bundleIdentity("cnc-chair");
    const salt = connection.ethers.id("kenji's chair");
    await (
      await works
        .connect(kenji)
        .commitRegistration(await works.commitmentFor(contentHash, kenji.address, salt))
    ).wait();
    await (
      await works.connect(kenji).register(
        {
          contentHash,
          metadataURI,
          licenceId: 1,
          stewards: [kenji.address],
          contributors: [kenji.address],
          shares: [10_000],
          parents: [],
        },
        salt,
      )
    ).wait();
    const failure = await seedDemo(connection, second).catch((error: unknown) => error);
    expect(failure).to.be.instanceOf(SeedError);
    expect((failure as SeedError).step).to.equal("check the chain");
  });
});
