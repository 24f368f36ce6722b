/**
 * Issue 11, item 5, licensing's half: a contributor that is not (or no longer) a member could
 * never claim its licence share, and nobody else could move it. Every such balance now has a way
 * out: the contributor claims once it may, or governance sweeps it to the common fund (at once
 * for an expelled contributor, else after a marked period during which it could not claim).
 */
import { expect } from "chai";
import { network } from "hardhat";
import { Kind, buy, deploySpin, registerWork, type Spin } from "../works/fixture.ts";

const connection = await network.create();
const { networkHelpers } = connection;
const Status = { Suspended: 3n, Expelled: 4n } as const;

/** A PPL work by Alice whose contributors are Alice, Bob and a stranger; a firm bought it. */
async function fixture() {
  const spin = await deploySpin(connection);
  const { alice, bob, stranger, firm } = spin;
  const work = await registerWork(spin, alice, {
    contributors: [alice.address, bob.address, stranger.address],
    shares: [5_000, 3_000, 2_000],
  });
  await buy(spin, firm, work);
  return { spin, work };
}

describe("no licence share stuck for ever (issue 11, item 5)", () => {
  let spin: Spin;
  let work: bigint;
  let period: bigint;
  beforeEach(async () => {
    ({ spin, work } = await networkHelpers.loadFixture(fixture));
    period = await spin.licensing.UNCLAIMED_PERIOD();
  });

  it("lets a contributor that was never a member claim once admitted", async () => {
    const { licensing, coin, commons, stranger, alice } = spin;
    const owed = await licensing.claimable(work, stranger.address);
    expect(owed).to.be.greaterThan(0n);
    await expect(licensing.connect(stranger).claim(work))
      .to.be.revertedWithCustomError(coin, "SpinCoinRecipientNotAllowed")
      .withArgs(stranger.address, 0n);
    await expect(licensing.connect(alice).markUnclaimable(work, stranger.address)).to.emit(
      licensing,
      "UnclaimableMarked",
    );
    await commons.admit(stranger.address, Kind.Person, "ipfs://late", spin.ethers.id("late"));
    await expect(licensing.connect(stranger).claim(work))
      .to.emit(licensing, "Claimed")
      .withArgs(work, stranger.address, owed);
    expect(await licensing.unclaimableMark(work, stranger.address)).to.deep.equal([0n, 0n]);
  });

  it("sweeps a never-admitted contributor's share to the fund only after the marked period", async () => {
    const { licensing, fund, commons, stranger, alice, bob } = spin;
    const owed = await licensing.claimable(work, stranger.address);
    await expect(licensing.sweepUnclaimed(work, stranger.address, "unclaimed"))
      .to.be.revertedWithCustomError(licensing, "LicensingSweepTooEarly")
      .withArgs(work, stranger.address, 0n);
    await expect(licensing.connect(stranger).markUnclaimable(work, stranger.address))
      .to.be.revertedWithCustomError(licensing, "LicensingNotParticipant")
      .withArgs(stranger.address);
    await expect(licensing.connect(alice).markUnclaimable(work, bob.address))
      .to.be.revertedWithCustomError(licensing, "LicensingClaimableNow")
      .withArgs(work, bob.address);
    const tx = licensing.connect(alice).markUnclaimable(work, stranger.address);
    const sweepableAt = BigInt(await networkHelpers.time.latest()) + 1n + period;
    await expect(tx)
      .to.emit(licensing, "UnclaimableMarked")
      .withArgs(work, stranger.address, owed, sweepableAt);
    await expect(licensing.connect(bob).markUnclaimable(work, stranger.address))
      .to.be.revertedWithCustomError(licensing, "LicensingSweepTooEarly")
      .withArgs(work, stranger.address, sweepableAt);
    await networkHelpers.time.increaseTo(sweepableAt - 2n); // the sweep is mined a second later
    await expect(licensing.sweepUnclaimed(work, stranger.address, "unclaimed"))
      .to.be.revertedWithCustomError(licensing, "LicensingSweepTooEarly")
      .withArgs(work, stranger.address, sweepableAt);
    await expect(
      licensing.connect(alice).sweepUnclaimed(work, stranger.address, "mine"),
    ).to.be.revertedWithCustomError(licensing, "AccessControlUnauthorizedAccount");
    await networkHelpers.time.increaseTo(sweepableAt);
    const pooled = (await licensing.fundPending())[0];
    await expect(licensing.sweepUnclaimed(work, stranger.address, "unclaimed for 180 days"))
      .to.emit(licensing, "UnclaimedSwept")
      .withArgs(work, stranger.address, owed, "unclaimed for 180 days");
    expect((await licensing.fundPending())[0]).to.equal(pooled + owed);
    expect(await licensing.claimable(work, stranger.address)).to.equal(0n);
    const before = (await fund.subFund(0)).balance;
    await licensing.connect(alice).flushFund();
    expect((await fund.subFund(0)).balance).to.be.greaterThanOrEqual(before + owed);
    await expect(licensing.sweepUnclaimed(work, stranger.address, "again"))
      .to.be.revertedWithCustomError(licensing, "LicensingNothingToSweep")
      .withArgs(work, stranger.address);
    // Later income is the stranger's again, and it may still claim it once admitted.
    await networkHelpers.time.increase(366n * 86_400n);
    await buy(spin, spin.firm, work);
    await commons.admit(stranger.address, Kind.Person, "ipfs://late", spin.ethers.id("late"));
    await expect(licensing.connect(stranger).claim(work)).to.emit(licensing, "Claimed");
  });

  it("sweeps an expelled contributor's share at once, and a suspended one's only after the period", async () => {
    const { licensing, commons, bob, carol, alice } = spin;
    await commons.expel(bob.address, "fraud");
    expect(await commons.statusOf(bob.address)).to.equal(Status.Expelled);
    const owed = await licensing.claimable(work, bob.address);
    await expect(licensing.sweepUnclaimed(work, bob.address, "expelled"))
      .to.emit(licensing, "UnclaimedSwept")
      .withArgs(work, bob.address, owed, "expelled");

    const other = await registerWork(spin, alice, {
      contributors: [alice.address, carol.address],
      shares: [5_000, 5_000],
    });
    await buy(spin, spin.firm, other);
    await commons.suspend(carol.address, "review");
    await expect(licensing.sweepUnclaimed(other, carol.address, "suspended"))
      .to.be.revertedWithCustomError(licensing, "LicensingSweepTooEarly")
      .withArgs(other, carol.address, 0n);
    await licensing.connect(alice).markUnclaimable(other, carol.address);
    await commons.reinstate(carol.address, "cleared");
    await expect(licensing.sweepUnclaimed(other, carol.address, "reinstated"))
      .to.be.revertedWithCustomError(licensing, "LicensingClaimableNow")
      .withArgs(other, carol.address);
    await expect(licensing.connect(carol).claim(other)).to.emit(licensing, "Claimed");
  });

  it("lets a suspended work's contributors' shares be swept after the period, not claimed", async () => {
    const { licensing, works, alice } = spin;
    await works.suspend(work, "plagiarism");
    await expect(licensing.connect(alice).claim(work))
      .to.be.revertedWithCustomError(licensing, "LicensingWorkSuspended")
      .withArgs(work);
    await licensing.connect(alice).markUnclaimable(work, alice.address);
    await networkHelpers.time.increase(period);
    const owed = await licensing.claimable(work, alice.address);
    await expect(licensing.sweepUnclaimed(work, alice.address, "plagiarised work"))
      .to.emit(licensing, "UnclaimedSwept")
      .withArgs(work, alice.address, owed, "plagiarised work");
  });

  it("settles every pot to nothing and sends coin sent by mistake to the fund with the next flush", async () => {
    const { licensing, coin, fund, alice, bob, firm } = spin;
    const parent = work;
    const child = await registerWork(spin, bob, { parents: [parent] });
    await licensing.connect(bob).setWorkPrice(child, 10n ** 18n * 10n + 1_234_567n);
    await buy(spin, firm, child);
    await licensing.connect(alice).settleUpstream(child);
    expect((await licensing.potOf(child))[1]).to.equal(0n);
    await coin.connect(firm).transfer(await licensing.getAddress(), 7n);
    const owed = await licensing.owed();
    expect(await coin.balanceOf(await licensing.getAddress())).to.equal(owed + 7n);
    const pending = await licensing.fundPending();
    const before = (await fund.subFund(0)).balance;
    await expect(licensing.connect(alice).flushFund()).to.emit(licensing, "FundFlushed");
    expect((await fund.subFund(0)).balance).to.equal(before + pending[0] + 7n);
    expect(await coin.balanceOf(await licensing.getAddress())).to.equal(await licensing.owed());
    // Only stray coin now: it alone goes to Pooled, no other sub-fund is credited.
    await coin.connect(firm).transfer(await licensing.getAddress(), 3n);
    await expect(licensing.connect(alice).flushFund())
      .to.emit(licensing, "FundFlushed")
      .withArgs([3n, 0n, 0n, 0n]);
    await expect(licensing.connect(alice).settleUpstream(child))
      .to.be.revertedWithCustomError(licensing, "LicensingNothingToSettle")
      .withArgs(child);
  });

  it("sends a pot too small to divide among the parents to the fund", async () => {
    const { licensing, templates, alice, bob, carol, firm } = spin;
    // A template whose stewards may price a term in single coin units.
    const terms = {
      fee: 1_000n,
      term: 86_400,
      contributorsBps: 6_000,
      upstreamBps: 2_000,
      fundABps: 1_500,
      fundA: 2,
      fundBBps: 500,
      fundB: 3,
      commercialUse: 2,
      derivativesAllowed: true,
      shareAlike: false,
      attribution: true,
    };
    await templates.addTemplate("Small coins", spin.ethers.id("small"), "ipfs://small", terms, {
      minFee: 1n,
      maxFee: 1_000n,
    });
    const small = Number(await templates.templateCount());
    const left = await registerWork(spin, alice, { licenceId: small });
    const right = await registerWork(spin, bob, { licenceId: small });
    const fork = await registerWork(spin, carol, { licenceId: small, parents: [left, right] });
    await licensing.connect(carol).setWorkPrice(fork, 5n); // upstream part: 1 coin unit
    await buy(spin, firm, fork);
    expect((await licensing.potOf(fork))[1]).to.equal(1n);
    const pooled = (await licensing.fundPending())[0];
    await expect(licensing.connect(alice).settleUpstream(fork))
      .to.emit(licensing, "UpstreamSettled")
      .withArgs(fork, 0n, 2n, 1n)
      .and.not.to.emit(licensing, "UpstreamReceived");
    expect((await licensing.potOf(fork))[1]).to.equal(0n);
    expect((await licensing.fundPending())[0]).to.equal(pooled + 1n);
  });
});
