/**
 * Issue 11, item 3, as the attacker tries it: one proposal that raises Pooled's cap to 100 % and
 * grants everything, passed by 3 colluding members of 10 while the others are not watching. It
 * runs through the real deployment (Ignition modules, default parameters), governor and timelock.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { network } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { deploySpin, type Founder } from "../../../scripts/deploy/spin.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

const COIN = 10n ** 18n;
const DAY = 86_400n;
const For = 1;

async function deployment() {
  const signers = await ethers.getSigners();
  const members = signers.slice(1, 11);
  const founders: Founder[] = members.map((m, i) => ({
    account: m.address,
    kind: "Person",
    profileURI: `ipfs://founder-${i}`,
    profileHash: ethers.id(`founder-${i}`),
  }));
  const dir = await mkdtemp(path.join(tmpdir(), "spin-treasury-"));
  const book = await deploySpin(connection, {
    deploymentsDir: dir,
    deploymentId: `treasury-attack-${process.pid}`,
    founders,
  });
  await rm(dir, { recursive: true, force: true });
  const at = (name: keyof typeof book.contracts) => book.contracts[name].address;
  const governor = await ethers.getContractAt("SpinGovernor", at("SpinGovernor"));
  const fund = await ethers.getContractAt("CommonFund", at("CommonFund"));
  const coin = await ethers.getContractAt("SpinCoin", at("SpinCoin"));
  // Let the founders' votes count (a proposal reads them one second back, or after any
  // ripening period governance sets): the attack does not depend on timing.
  await networkHelpers.time.increase(30n * DAY);
  return { governor, fund, coin, members, colluders: members.slice(0, 3) };
}

type Deployment = Awaited<ReturnType<typeof deployment>>;

/** The colluders propose the calls and vote For; nobody else votes. Returns the proposal. */
async function passWithThreeVotes(d: Deployment, calls: string[], description: string) {
  const targets = calls.map(() => d.fund.target as string);
  const values = calls.map(() => 0n);
  const hash = ethers.id(description);
  await d.governor.connect(d.colluders[0]).propose(targets, values, calls, description);
  const id = await d.governor.hashProposal(targets, values, calls, hash);
  await networkHelpers.time.increaseTo((await d.governor.proposalSnapshot(id)) + 1n);
  for (const voter of d.colluders) await d.governor.connect(voter).castVote(id, For);
  await networkHelpers.time.increaseTo((await d.governor.proposalDeadline(id)) + 1n);
  expect(await d.governor.state(id), "the proposal passed with 3 votes of 10").to.equal(4n);
  await d.governor.queue(targets, values, calls, hash);
  await networkHelpers.time.increaseTo(await d.governor.proposalEta(id));
  return {
    id,
    execute: () => d.governor.execute(targets, values, calls, hash),
  };
}

function call(d: Deployment, name: string, args: unknown[]): string {
  return d.fund.interface.encodeFunctionData(name as never, args as never);
}

async function balances(d: Deployment) {
  return Promise.all([0, 1, 2, 3].map(async (id) => (await d.fund.subFund(id)).balance));
}

describe("the treasury survives one bad proposal (issue 11, item 3)", function () {
  this.timeout(120_000);
  let d: Deployment;
  let attacker: HardhatEthersSigner;
  beforeEach(async () => {
    d = await networkHelpers.loadFixture(deployment);
    attacker = d.colluders[0];
  });

  it("funds every sub-fund at deployment as its parameters say, the locked ones too", async () => {
    const shares = [400_000n, 200_000n, 200_000n, 200_000n].map((n) => n * COIN);
    expect(await balances(d)).to.deep.equal(shares);
    expect(await d.fund.unassigned()).to.equal(0n);
    for (const id of [1, 2, 3]) {
      expect((await d.fund.subFund(id)).lockedUntil).to.be.greaterThan(
        BigInt(await networkHelpers.time.latest()),
      );
    }
  });

  it("refuses setCap(Pooled, 100 %) then a grant of everything, with the fund's error", async () => {
    const before = await balances(d);
    const everything = before[0];
    const p = await passWithThreeVotes(
      d,
      [
        call(d, "setCap", [0, 10_000]),
        call(d, "grant", [0, attacker.address, everything, "for the commons, honestly"]),
      ],
      "Raise Pooled's cap and fund an important project",
    );
    const cap = (everything * 2_000n) / 10_000n;
    await expect(p.execute())
      .to.be.revertedWithCustomError(d.fund, "CommonFundOverCap")
      .withArgs(0n, everything, cap);
    expect(await balances(d)).to.deep.equal(before);
    expect(await d.coin.balanceOf(attacker.address)).to.equal(0n);
    expect((await d.fund.subFund(0)).capBps).to.equal(2_000n);
  });

  it("lets at most the cap leave, however the proposal splits its grants", async () => {
    const [pooled] = await balances(d);
    const cap = (pooled * 2_000n) / 10_000n;
    const [a, b] = [d.colluders[1], d.colluders[2]];
    const split = await passWithThreeVotes(
      d,
      [
        call(d, "setCap", [0, 10_000]),
        call(d, "grant", [0, attacker.address, cap, "part one"]),
        call(d, "grant", [0, a.address, 1n, "part two"]),
        call(d, "grant", [0, b.address, cap, "part three"]),
      ],
      "Three grants, each within the cap",
    );
    await expect(split.execute())
      .to.be.revertedWithCustomError(d.fund, "CommonFundOverCap")
      .withArgs(0n, 1n, 0n);

    const withinCap = await passWithThreeVotes(
      d,
      [
        call(d, "grant", [0, a.address, cap / 2n, "half"]),
        call(d, "grant", [0, b.address, cap / 2n, "the other half"]),
      ],
      "Two grants that together take the cap",
    );
    await withinCap.execute();
    expect(await d.coin.balanceOf(a.address)).to.equal(cap / 2n);
    expect(await d.coin.balanceOf(b.address)).to.equal(cap / 2n);
    const afterTwo = pooled - cap;
    expect((await d.fund.subFund(0)).balance).to.equal(afterTwo);

    const capNow = (afterTwo * 2_000n) / 10_000n;
    const raise = await passWithThreeVotes(
      d,
      [call(d, "setCap", [0, 10_000]), call(d, "grant", [0, attacker.address, capNow, "the cap"])],
      "Raise the cap and take what it allows today",
    );
    await expect(raise.execute())
      .to.emit(d.fund, "SubFundCapRaiseScheduled")
      .and.to.emit(d.fund, "Granted")
      .withArgs(0n, attacker.address, capNow, "the cap");
    expect((await d.fund.subFund(0)).balance).to.equal(afterTwo - capNow);
    expect((await d.fund.subFund(0)).capBps, "the raise waits for its delay").to.equal(2_000n);
    const [raised, effectiveAt] = await d.fund.pendingCapRaise(0);
    expect(raised).to.equal(10_000n);
    expect(effectiveAt - BigInt(await networkHelpers.time.latest())).to.be.greaterThan(10n * DAY);
  });

  it("cannot open a locked sub-fund early, nor spend from it, in one proposal", async () => {
    const before = await balances(d);
    const now = BigInt(await networkHelpers.time.latest());
    const lockedUntil = (await d.fund.subFund(1)).lockedUntil;
    const unlock = await passWithThreeVotes(
      d,
      [
        call(d, "extendLock", [1, now]),
        call(d, "grant", [1, attacker.address, before[1] / 10n, "Global South, early"]),
      ],
      "Open the Global South sub-fund now",
    );
    await expect(unlock.execute())
      .to.be.revertedWithCustomError(d.fund, "CommonFundLockShortened")
      .withArgs(1n, lockedUntil, now);
    const spend = await passWithThreeVotes(
      d,
      [call(d, "grant", [1, attacker.address, before[1] / 10n, "Global South, early"])],
      "Spend from the Global South sub-fund now",
    );
    await expect(spend.execute())
      .to.be.revertedWithCustomError(d.fund, "CommonFundLocked")
      .withArgs(1n, lockedUntil);
    expect(await balances(d)).to.deep.equal(before);
  });
});
