/**
 * Issue 11, item 5, the fund's half: a stream whose recipient is expelled kept its vested part
 * for ever. Now a suspended recipient claims after its reinstatement, and governance sweeps what
 * a recipient cannot claim back into the stream's sub-fund: at once when it was expelled, else
 * after a period during which it was marked unclaimable.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { COIN, deploySpin } from "../works/fixture.ts";

const connection = await network.create();
const { networkHelpers } = connection;
const DAY = 86_400n;

/** Pooled holds 10,000 coin; Bob streams 1,000 over 100 days, half of it vested now. */
async function fixture() {
  const spin = await deploySpin(connection);
  const { fund, coin, firm, bob } = spin;
  await coin.connect(firm).approve(await fund.getAddress(), 10_000n * COIN);
  await fund.connect(firm).deposit(0, 10_000n * COIN);
  const start = BigInt(await networkHelpers.time.latest());
  await fund.createStream(0, bob.address, 1_000n * COIN, start, start + 100n * DAY, "upkeep");
  await networkHelpers.time.increaseTo(start + 50n * DAY);
  return { spin, streamId: 0n };
}

describe("no stream stuck for ever (issue 11, item 5)", () => {
  it("sweeps an expelled recipient's whole unclaimed stream back to its sub-fund at once", async () => {
    const { spin, streamId } = await networkHelpers.loadFixture(fixture);
    const { fund, coin, commons, bob, alice } = spin;
    await commons.expel(bob.address, "fraud");
    await expect(fund.connect(bob).claim(streamId)).to.be.revertedWithCustomError(
      coin,
      "SpinCoinRecipientNotAllowed",
    );
    await expect(fund.connect(alice).sweepStream(streamId, "x")).to.be.revertedWithCustomError(
      fund,
      "AccessControlUnauthorizedAccount",
    );
    await expect(fund.sweepStream(streamId, "recipient expelled"))
      .to.emit(fund, "StreamSwept")
      .withArgs(streamId, 0n, bob.address, 1_000n * COIN, "recipient expelled");
    expect((await fund.subFund(0)).balance).to.equal(10_000n * COIN);
    expect(await fund.claimable(streamId)).to.equal(0n);
    expect(await fund.accounted()).to.equal(10_000n * COIN);
    await expect(fund.sweepStream(streamId, "again"))
      .to.be.revertedWithCustomError(fund, "CommonFundNothingToSweep")
      .withArgs(streamId);
  });

  it("lets a suspended recipient claim its vested part after reinstatement", async () => {
    const { spin, streamId } = await networkHelpers.loadFixture(fixture);
    const { fund, commons, bob, alice } = spin;
    await commons.suspend(bob.address, "review");
    await expect(fund.sweepStream(streamId, "suspended"))
      .to.be.revertedWithCustomError(fund, "CommonFundSweepTooEarly")
      .withArgs(streamId, 0n);
    await expect(fund.connect(alice).markStreamUnclaimable(streamId)).to.emit(
      fund,
      "StreamUnclaimable",
    );
    await commons.reinstate(bob.address, "cleared");
    await expect(fund.sweepStream(streamId, "reinstated"))
      .to.be.revertedWithCustomError(fund, "CommonFundRecipientAllowed")
      .withArgs(streamId, bob.address);
    await expect(fund.connect(bob).claim(streamId)).to.emit(fund, "StreamClaimed");
    expect(await fund.unclaimableMark(streamId)).to.deep.equal([0n, 0n]);
  });

  it("sweeps a suspended recipient's stream only after the marked period", async () => {
    const { spin, streamId } = await networkHelpers.loadFixture(fixture);
    const { fund, commons, bob, alice, stranger } = spin;
    await commons.suspend(bob.address, "review");
    await expect(fund.connect(stranger).markStreamUnclaimable(streamId))
      .to.be.revertedWithCustomError(fund, "CommonFundNotAllowed")
      .withArgs(stranger.address);
    const tx = fund.connect(alice).markStreamUnclaimable(streamId);
    const sweepableAt =
      BigInt(await networkHelpers.time.latest()) + 1n + (await fund.UNCLAIMED_PERIOD());
    await expect(tx)
      .to.emit(fund, "StreamUnclaimable")
      .withArgs(streamId, bob.address, sweepableAt);
    await expect(fund.connect(alice).markStreamUnclaimable(streamId))
      .to.be.revertedWithCustomError(fund, "CommonFundSweepTooEarly")
      .withArgs(streamId, sweepableAt);
    await networkHelpers.time.increaseTo(sweepableAt - 2n);
    await expect(fund.sweepStream(streamId, "early"))
      .to.be.revertedWithCustomError(fund, "CommonFundSweepTooEarly")
      .withArgs(streamId, sweepableAt);
    await networkHelpers.time.increaseTo(sweepableAt);
    await expect(fund.sweepStream(streamId, "unclaimable for 180 days"))
      .to.emit(fund, "StreamSwept")
      .withArgs(streamId, 0n, bob.address, 1_000n * COIN, "unclaimable for 180 days");
    expect((await fund.stream(streamId)).cancelled).to.equal(true);
  });

  it("refuses to mark or sweep a stream its recipient can claim, or an unknown one", async () => {
    const { spin, streamId } = await networkHelpers.loadFixture(fixture);
    const { fund, alice, bob } = spin;
    await expect(fund.connect(alice).markStreamUnclaimable(streamId))
      .to.be.revertedWithCustomError(fund, "CommonFundRecipientAllowed")
      .withArgs(streamId, bob.address);
    await expect(fund.sweepStream(streamId, "x"))
      .to.be.revertedWithCustomError(fund, "CommonFundRecipientAllowed")
      .withArgs(streamId, bob.address);
    await expect(fund.sweepStream(9n, "x"))
      .to.be.revertedWithCustomError(fund, "CommonFundUnknownStream")
      .withArgs(9n);
    await networkHelpers.time.increase(60n * DAY);
    await fund.connect(bob).claim(streamId);
    await spin.commons.suspend(bob.address, "review");
    await expect(fund.connect(alice).markStreamUnclaimable(streamId))
      .to.be.revertedWithCustomError(fund, "CommonFundNothingToSweep")
      .withArgs(streamId);
  });
});
