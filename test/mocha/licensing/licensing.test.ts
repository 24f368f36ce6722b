import { expect } from "chai";
import { network } from "hardhat";
import {
  CC0,
  COIN,
  CommercialUse,
  PPL,
  Reason,
  buy,
  commitAndAddVersion,
  deploySpin,
  freshHash,
  registerWork,
  signPermit,
  type Spin,
} from "../works/fixture.ts";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => deploySpin(connection);

const FEE = 100n * COIN;
const YEAR = 365n * 24n * 3600n;
const WHOLE = 10_000n;

/** The split FeeSplit.ofPurchase computes, for a PPL work (60/20/15/5). */
function pplSplit(price: bigint, hasParents: boolean) {
  const upstream = (price * 2_000n) / WHOLE;
  const contributors = (price * 6_000n) / WHOLE + (hasParents ? 0n : upstream);
  const perBps = contributors / WHOLE;
  const fundA = (price * 1_500n) / WHOLE;
  const fundB = (price * 500n) / WHOLE;
  const toUpstream = hasParents ? upstream : 0n;
  const dust = price - perBps * WHOLE - toUpstream - fundA - fundB;
  return { perBps, toUpstream, fundA, fundB, dust };
}

/** What licensing owes: unclaimed contributor balances, unsettled pots and unflushed fund shares. */
async function owed(spin: Spin, contributors: Map<bigint, string[]>): Promise<bigint> {
  let total = (await spin.licensing.fundPending()).reduce((a, b) => a + b, 0n);
  for (const [workId, accounts] of contributors) {
    const [, upstream] = await spin.licensing.potOf(workId);
    total += upstream;
    for (const account of accounts) total += await spin.licensing.claimable(workId, account);
  }
  return total;
}

async function now(spin: Spin): Promise<bigint> {
  return BigInt((await spin.ethers.provider.getBlock("latest"))!.timestamp);
}

describe("Licensing: purchase and the exact split", () => {
  let spin: Spin;
  let original: bigint;
  let fork: bigint;
  beforeEach(async () => {
    spin = await networkHelpers.loadFixture(fixture);
    original = await registerWork(spin, spin.alice);
    fork = await registerWork(spin, spin.bob, {
      contributors: [spin.bob.address, spin.carol.address],
      shares: [7_000, 3_000],
      parents: [original],
    });
  });

  it("splits a fork's fee between contributors, upstream and sub-funds", async () => {
    const { licensing, coin, firm, bob, carol } = spin;
    const start = (await now(spin)) + 1n;
    await expect(buy(spin, firm, fork))
      .to.emit(licensing, "LicencePurchased")
      .withArgs(
        1n,
        fork,
        firm.address,
        PPL,
        1n,
        start,
        start + YEAR,
        FEE,
        60n * COIN,
        20n * COIN,
        20n * COIN,
      );
    expect(await licensing.claimable(fork, bob.address)).to.equal(42n * COIN);
    expect(await licensing.claimable(fork, carol.address)).to.equal(18n * COIN);
    expect(await licensing.potOf(fork)).to.deep.equal([(60n * COIN) / WHOLE, 20n * COIN]);
    expect(await licensing.fundPending()).to.deep.equal([0n, 0n, 15n * COIN, 5n * COIN]);
    expect(await coin.balanceOf(await licensing.getAddress())).to.equal(FEE);
  });

  it("gives an original work's upstream part to its contributors", async () => {
    const { licensing, firm, alice } = spin;
    await buy(spin, firm, original);
    expect(await licensing.claimable(original, alice.address)).to.equal(80n * COIN);
    expect((await licensing.potOf(original))[1]).to.equal(0n);
  });

  it("sends rounding dust to the template's first sub-fund so the parts sum to the price", async () => {
    const { licensing, coin, firm, bob, carol } = spin;
    const price = 10n * COIN + 12_345n;
    await licensing.connect(bob).setWorkPrice(fork, price);
    await buy(spin, firm, fork);
    const split = pplSplit(price, true);
    expect(split.dust).to.be.greaterThan(0n);
    expect(await licensing.fundPending()).to.deep.equal([
      0n,
      0n,
      split.fundA + split.dust,
      split.fundB,
    ]);
    const claimable =
      (await licensing.claimable(fork, bob.address)) +
      (await licensing.claimable(fork, carol.address));
    expect(claimable).to.equal(split.perBps * WHOLE);
    expect(claimable + split.toUpstream + split.fundA + split.fundB + split.dust).to.equal(price);
    expect(await coin.balanceOf(await licensing.getAddress())).to.equal(price);
  });

  it("keeps an on-chain record and answers the licence check by id and by content hash", async () => {
    const { licensing, works, firm, bob } = spin;
    await buy(spin, firm, fork);
    const record = await licensing.recordOf(1n);
    expect(record.licensee).to.equal(firm.address);
    expect(record.workId).to.equal(fork);
    expect(record.version).to.equal(1n);
    expect(record.pricePaid).to.equal(FEE);
    expect(record.expiry - record.start).to.equal(YEAR);
    expect(record.commonsUse).to.equal(false);
    expect(record.revoked).to.equal(false);
    const status = await licensing.licenceStatus(fork, firm.address);
    expect(status).to.deep.equal([
      true,
      BigInt(Reason.PaidLicence),
      BigInt(PPL),
      1n,
      record.expiry,
    ]);
    const v2 = freshHash(spin.ethers);
    await commitAndAddVersion(spin, bob, fork, v2, "");
    expect(await licensing.licenceStatusByHash(v2, firm.address)).to.deep.equal(status);
    await expect(licensing.recordOf(2n))
      .to.be.revertedWithCustomError(licensing, "LicensingUnknownRecord")
      .withArgs(2n);
  });

  it("lets a licence expire, and renews from the end of the running term", async () => {
    const { licensing, firm } = spin;
    await buy(spin, firm, fork);
    const first = await licensing.recordOf(1n);
    await buy(spin, firm, fork);
    const second = await licensing.recordOf(2n);
    expect(second.start).to.equal(first.expiry);
    expect(second.expiry).to.equal(first.expiry + YEAR);
    await networkHelpers.time.increaseTo(second.expiry);
    expect(await licensing.licenceStatus(fork, firm.address)).to.deep.equal([
      false,
      BigInt(Reason.Expired),
      BigInt(PPL),
      2n,
      second.expiry,
    ]);
    await buy(spin, firm, fork);
    const third = await licensing.recordOf(3n);
    expect(third.start).to.equal(await now(spin));
  });

  it("refuses a price above the buyer's maximum", async () => {
    const { licensing, firm } = spin;
    await expect(buy(spin, firm, fork, FEE - 1n))
      .to.be.revertedWithCustomError(licensing, "LicensingPriceAboveMax")
      .withArgs(FEE, FEE - 1n);
  });

  it("sells only to Enterprises the registry allows", async () => {
    const { licensing, commons, coin, alice, coop, stranger, firm } = spin;
    for (const buyer of [alice, coop, stranger]) {
      await expect(
        licensing
          .connect(buyer)
          .purchase(fork, FEE, 0n, 0, spin.ethers.ZeroHash, spin.ethers.ZeroHash),
      )
        .to.be.revertedWithCustomError(licensing, "LicensingNotEnterprise")
        .withArgs(buyer.address);
    }
    await commons.suspend(firm.address, "fraud");
    await expect(buy(spin, firm, fork)).to.be.revertedWithCustomError(
      coin,
      "SpinCoinSenderNotAllowed",
    );
  });

  it("pays with an existing allowance when the permit was already used", async () => {
    const { licensing, coin, firm } = spin;
    const deadline = (await now(spin)) + 3_600n;
    const sig = await signPermit(spin, firm, FEE, deadline);
    await coin.permit(
      firm.address,
      await licensing.getAddress(),
      FEE,
      deadline,
      sig.v,
      sig.r,
      sig.s,
    );
    await expect(
      licensing.connect(firm).purchase(fork, FEE, deadline, sig.v, sig.r, sig.s),
    ).to.emit(licensing, "LicencePurchased");
    await expect(
      licensing.connect(firm).purchase(fork, FEE, deadline, sig.v, sig.r, sig.s),
    ).to.be.revertedWithCustomError(coin, "ERC20InsufficientAllowance");
  });

  it("refuses unknown and suspended works, free licences and forbidden commercial use", async () => {
    const { licensing, works, templates, firm, alice, ethers } = spin;
    const zero = ethers.ZeroHash;
    await expect(licensing.connect(firm).purchase(99n, FEE, 0n, 0, zero, zero))
      .to.be.revertedWithCustomError(licensing, "LicensingUnknownWork")
      .withArgs(99n);
    await works.suspend(fork, "plagiarism");
    await expect(buy(spin, firm, fork))
      .to.be.revertedWithCustomError(licensing, "LicensingWorkSuspended")
      .withArgs(fork);
    const cc0 = await registerWork(spin, alice, { licenceId: CC0 });
    await expect(licensing.connect(firm).purchase(cc0, FEE, 0n, 0, zero, zero))
      .to.be.revertedWithCustomError(licensing, "LicensingNotForSale")
      .withArgs(cc0, CC0);
    const nc = {
      fee: 0n,
      term: 0,
      contributorsBps: 10_000,
      upstreamBps: 0,
      fundABps: 0,
      fundA: 0,
      fundBBps: 0,
      fundB: 0,
      commercialUse: CommercialUse.Forbidden,
      derivativesAllowed: true,
      shareAlike: false,
      attribution: true,
    };
    await templates.addTemplate("Non-commercial", zero, "uri", nc, { minFee: 0n, maxFee: 0n });
    const ncWork = await registerWork(spin, alice, { licenceId: 5 });
    await expect(licensing.connect(firm).purchase(ncWork, FEE, 0n, 0, zero, zero))
      .to.be.revertedWithCustomError(licensing, "LicensingCommercialUseForbidden")
      .withArgs(ncWork, 5n);
    await expect(licensing.connect(alice).recordCommonsUse(ncWork))
      .to.be.revertedWithCustomError(licensing, "LicensingCommercialUseForbidden")
      .withArgs(ncWork, 5n);
    expect((await licensing.licenceStatus(ncWork, alice.address)).reason).to.equal(
      BigInt(Reason.Forbidden),
    );
  });
});

describe("Licensing: the licence check for every kind", () => {
  let spin: Spin;
  let ppl: bigint;
  beforeEach(async () => {
    spin = await networkHelpers.loadFixture(fixture);
    ppl = await registerWork(spin, spin.alice);
  });

  it("lets Persons, Cooperatives and Places use PPL works commercially for free", async () => {
    const { licensing, alice, coop, place } = spin;
    for (const who of [alice, coop, place]) {
      expect(await licensing.licenceStatus(ppl, who.address)).to.deep.equal([
        true,
        BigInt(Reason.CommonsUse),
        BigInt(PPL),
        0n,
        0n,
      ]);
    }
  });

  it("tells an Enterprise without a licence that it needs one, and non-members that they may not", async () => {
    const { licensing, firm, stranger, commons, alice } = spin;
    expect((await licensing.licenceStatus(ppl, firm.address)).slice(0, 2)).to.deep.equal([
      false,
      BigInt(Reason.NoLicence),
    ]);
    expect((await licensing.licenceStatus(ppl, stranger.address)).slice(0, 2)).to.deep.equal([
      false,
      BigInt(Reason.NotMember),
    ]);
    await commons.suspend(alice.address, "review");
    expect((await licensing.licenceStatus(ppl, alice.address)).slice(0, 2)).to.deep.equal([
      false,
      BigInt(Reason.NotMember),
    ]);
  });

  it("lets everyone use open licences, and answers for unknown and suspended works", async () => {
    const { licensing, works, firm, alice, ethers } = spin;
    const cc0 = await registerWork(spin, alice, { licenceId: CC0 });
    expect((await licensing.licenceStatus(cc0, firm.address)).slice(0, 2)).to.deep.equal([
      true,
      BigInt(Reason.OpenLicence),
    ]);
    expect(await licensing.licenceStatus(42n, firm.address)).to.deep.equal([
      false,
      BigInt(Reason.UnknownWork),
      0n,
      0n,
      0n,
    ]);
    expect((await licensing.licenceStatusByHash(ethers.ZeroHash, firm.address)).reason).to.equal(
      BigInt(Reason.UnknownWork),
    );
    await works.suspend(ppl, "plagiarism");
    expect(await licensing.licenceStatus(ppl, alice.address)).to.deep.equal([
      false,
      BigInt(Reason.SuspendedWork),
      BigInt(PPL),
      0n,
      0n,
    ]);
  });

  it("records a free commons use for proof", async () => {
    const { licensing, coop } = spin;
    await expect(licensing.connect(coop).recordCommonsUse(ppl))
      .to.emit(licensing, "CommonsUseRecorded")
      .withArgs(1n, ppl, coop.address, PPL, 1n);
    const record = await licensing.recordOf(1n);
    expect(record.commonsUse).to.equal(true);
    expect(record.pricePaid).to.equal(0n);
    expect(record.expiry).to.equal(2n ** 40n - 1n);
    expect(await licensing.licenceStatus(ppl, coop.address)).to.deep.equal([
      true,
      BigInt(Reason.CommonsUse),
      BigInt(PPL),
      1n,
      0n,
    ]);
  });

  it("refuses commons-use records from Enterprises under PPL and from non-members", async () => {
    const { licensing, firm, stranger, alice } = spin;
    await expect(licensing.connect(firm).recordCommonsUse(ppl))
      .to.be.revertedWithCustomError(licensing, "LicensingNotCommons")
      .withArgs(firm.address);
    await expect(licensing.connect(stranger).recordCommonsUse(ppl))
      .to.be.revertedWithCustomError(licensing, "LicensingNotParticipant")
      .withArgs(stranger.address);
    const cc0 = await registerWork(spin, alice, { licenceId: CC0 });
    await expect(licensing.connect(firm).recordCommonsUse(cc0)).to.emit(
      licensing,
      "CommonsUseRecorded",
    );
  });

  it("lets governance revoke a licence and lift the revocation, and no one else", async () => {
    const { licensing, firm, alice } = spin;
    await buy(spin, firm, ppl);
    await expect(licensing.connect(alice).revoke(1n, "fraud")).to.be.revertedWithCustomError(
      licensing,
      "AccessControlUnauthorizedAccount",
    );
    await expect(licensing.revoke(1n, "fraud"))
      .to.emit(licensing, "LicenceRevoked")
      .withArgs(1n, ppl, firm.address, "fraud");
    expect(await licensing.licenceStatus(ppl, firm.address)).to.deep.equal([
      false,
      BigInt(Reason.Revoked),
      BigInt(PPL),
      1n,
      0n,
    ]);
    await expect(licensing.revoke(1n, "again"))
      .to.be.revertedWithCustomError(licensing, "LicensingAlreadyRevoked")
      .withArgs(1n);
    await expect(licensing.revoke(7n, "?"))
      .to.be.revertedWithCustomError(licensing, "LicensingUnknownRecord")
      .withArgs(7n);
    await expect(
      licensing.connect(alice).liftRevocation(ppl, firm.address, "settled"),
    ).to.be.revertedWithCustomError(licensing, "AccessControlUnauthorizedAccount");
    await expect(licensing.liftRevocation(ppl, firm.address, "settled"))
      .to.emit(licensing, "RevocationLifted")
      .withArgs(ppl, firm.address, 1n, "settled");
    await expect(licensing.liftRevocation(ppl, firm.address, "twice"))
      .to.be.revertedWithCustomError(licensing, "LicensingNotRevoked")
      .withArgs(ppl, firm.address);
    expect((await licensing.recordOf(1n)).revoked).to.equal(true);
    await buy(spin, firm, ppl);
    expect((await licensing.recordOf(2n)).start).to.equal(await now(spin));
    expect((await licensing.licenceStatus(ppl, firm.address)).reason).to.equal(
      BigInt(Reason.PaidLicence),
    );
  });
});

describe("Licensing: per-work prices", () => {
  let spin: Spin;
  let ppl: bigint;
  beforeEach(async () => {
    spin = await networkHelpers.loadFixture(fixture);
    ppl = await registerWork(spin, spin.alice);
  });

  it("lets stewards set a price within the template's bounds, and reset it", async () => {
    const { licensing, alice } = spin;
    await expect(licensing.connect(alice).setWorkPrice(ppl, 250n * COIN))
      .to.emit(licensing, "WorkPriceSet")
      .withArgs(ppl, 250n * COIN, alice.address);
    expect(await licensing.priceOf(ppl)).to.equal(250n * COIN);
    await expect(licensing.connect(alice).setWorkPrice(ppl, 0n))
      .to.emit(licensing, "WorkPriceSet")
      .withArgs(ppl, FEE, alice.address);
    expect(await licensing.priceOf(ppl)).to.equal(FEE);
  });

  it("refuses prices out of bounds, non-stewards and unknown works", async () => {
    const { licensing, alice, bob, commons } = spin;
    await expect(licensing.connect(alice).setWorkPrice(ppl, 10_001n * COIN))
      .to.be.revertedWithCustomError(licensing, "LicensingPriceOutOfBounds")
      .withArgs(10_001n * COIN, 10n * COIN, 10_000n * COIN);
    await expect(licensing.connect(alice).setWorkPrice(ppl, COIN))
      .to.be.revertedWithCustomError(licensing, "LicensingPriceOutOfBounds")
      .withArgs(COIN, 10n * COIN, 10_000n * COIN);
    await expect(licensing.connect(bob).setWorkPrice(ppl, 20n * COIN))
      .to.be.revertedWithCustomError(licensing, "LicensingNotSteward")
      .withArgs(ppl, bob.address);
    await expect(licensing.connect(alice).setWorkPrice(9n, 20n * COIN))
      .to.be.revertedWithCustomError(licensing, "LicensingUnknownWork")
      .withArgs(9n);
    await commons.suspend(alice.address, "review");
    await expect(licensing.connect(alice).setWorkPrice(ppl, 20n * COIN))
      .to.be.revertedWithCustomError(licensing, "LicensingNotParticipant")
      .withArgs(alice.address);
  });
});

describe("Licensing: claims, upstream settlement and the fund", () => {
  let spin: Spin;
  let grandparent: bigint;
  let parent: bigint;
  let sibling: bigint;
  let child: bigint;
  beforeEach(async () => {
    spin = await networkHelpers.loadFixture(fixture);
    grandparent = await registerWork(spin, spin.alice);
    parent = await registerWork(spin, spin.bob, { parents: [grandparent] });
    sibling = await registerWork(spin, spin.coop);
    child = await registerWork(spin, spin.carol, { parents: [parent, sibling] });
  });

  it("pays contributors what they earned, once", async () => {
    const { licensing, coin, firm, carol, alice } = spin;
    await buy(spin, firm, child);
    const before = await coin.balanceOf(carol.address);
    await expect(licensing.connect(carol).claim(child))
      .to.emit(licensing, "Claimed")
      .withArgs(child, carol.address, 60n * COIN);
    expect(await coin.balanceOf(carol.address)).to.equal(before + 60n * COIN);
    await expect(licensing.connect(carol).claim(child))
      .to.be.revertedWithCustomError(licensing, "LicensingNothingToClaim")
      .withArgs(child, carol.address);
    await expect(licensing.connect(alice).claim(child))
      .to.be.revertedWithCustomError(licensing, "LicensingNothingToClaim")
      .withArgs(child, alice.address);
  });

  it("refuses claims on a suspended work until it is reinstated", async () => {
    const { licensing, works, firm, carol } = spin;
    await buy(spin, firm, child);
    await works.suspend(child, "plagiarism");
    await expect(licensing.connect(carol).claim(child))
      .to.be.revertedWithCustomError(licensing, "LicensingWorkSuspended")
      .withArgs(child);
    await works.reinstate(child, "cleared");
    await expect(licensing.connect(carol).claim(child)).to.emit(licensing, "Claimed");
  });

  it("climbs the lineage one generation per settlement", async () => {
    const { licensing, firm, alice, bob, coop } = spin;
    await buy(spin, firm, child); // 20 SPIN upstream, 10 to each parent
    await expect(licensing.connect(alice).settleUpstream(child))
      .to.emit(licensing, "UpstreamSettled")
      .withArgs(child, 10n * COIN, 2n, 0n)
      .and.to.emit(licensing, "UpstreamReceived")
      .withArgs(parent, child, 7_500_000_000_000_000_000n, 2_500_000_000_000_000_000n, 0n);
    // The sibling has no parents: all 10 to its contributors. The parent keeps 6/8 and passes 2/8 up.
    expect(await licensing.claimable(sibling, coop.address)).to.equal(10n * COIN);
    expect(await licensing.claimable(parent, bob.address)).to.equal(7_500_000_000_000_000_000n);
    expect((await licensing.potOf(parent))[1]).to.equal(2_500_000_000_000_000_000n);
    await licensing.connect(alice).settleUpstream(parent);
    expect(await licensing.claimable(grandparent, alice.address)).to.equal(
      2_500_000_000_000_000_000n,
    );
    await expect(licensing.connect(alice).settleUpstream(parent))
      .to.be.revertedWithCustomError(licensing, "LicensingNothingToSettle")
      .withArgs(parent);
    await expect(licensing.connect(alice).settleUpstream(grandparent))
      .to.be.revertedWithCustomError(licensing, "LicensingNothingToSettle")
      .withArgs(grandparent);
  });

  it("empties the pot: what does not divide among parents and per-bps dust go to the fund", async () => {
    const { licensing, firm, alice, carol } = spin;
    const price = 10n * COIN + 1_234_567n;
    await licensing.connect(carol).setWorkPrice(child, price);
    await buy(spin, firm, child);
    const [, upstream] = await licensing.potOf(child);
    const fundBefore = (await licensing.fundPending())[0];
    const perParent = upstream / 2n;
    const remainder = upstream - 2n * perParent;
    expect(remainder).to.equal(1n); // the price was chosen so that the pot does not divide
    await expect(licensing.connect(alice).settleUpstream(child))
      .to.emit(licensing, "UpstreamSettled")
      .withArgs(child, perParent, 2n, remainder);
    expect((await licensing.potOf(child))[1]).to.equal(0n);
    const toUpstream = (perParent * 2_000n) / 8_000n;
    const parentDust = (perParent - toUpstream) % WHOLE;
    const siblingDust = perParent % WHOLE;
    expect((await licensing.fundPending())[0]).to.equal(
      fundBefore + remainder + parentDust + siblingDust,
    );
  });

  it("refuses settlements and flushes by accounts the registry does not allow", async () => {
    const { licensing, stranger } = spin;
    await expect(licensing.connect(stranger).settleUpstream(child))
      .to.be.revertedWithCustomError(licensing, "LicensingNotParticipant")
      .withArgs(stranger.address);
    await expect(licensing.connect(stranger).flushFund())
      .to.be.revertedWithCustomError(licensing, "LicensingNotParticipant")
      .withArgs(stranger.address);
  });

  it("flushes the fund's shares into the common fund's sub-funds", async () => {
    const { licensing, fund, coin, firm, alice } = spin;
    await expect(licensing.connect(alice).flushFund()).to.be.revertedWithCustomError(
      licensing,
      "LicensingNothingToFlush",
    );
    await buy(spin, firm, child);
    await expect(licensing.connect(alice).flushFund())
      .to.emit(licensing, "FundFlushed")
      .withArgs([0n, 0n, 15n * COIN, 5n * COIN]);
    expect((await fund.subFund(2)).balance).to.equal(15n * COIN);
    expect((await fund.subFund(3)).balance).to.equal(5n * COIN);
    expect(await coin.balanceOf(await fund.getAddress())).to.equal(20n * COIN);
    expect(await licensing.fundPending()).to.deep.equal([0n, 0n, 0n, 0n]);
  });

  it("holds exactly what it owes through purchases, settlements, claims and flushes", async () => {
    const { licensing, coin, firm, firm2, alice, bob, carol, coop } = spin;
    const contributors = new Map<bigint, string[]>([
      [grandparent, [alice.address]],
      [parent, [bob.address]],
      [sibling, [coop.address]],
      [child, [carol.address]],
    ]);
    const check = async () =>
      expect(await coin.balanceOf(await licensing.getAddress())).to.equal(
        await owed(spin, contributors),
      );
    await licensing.connect(carol).setWorkPrice(child, 33n * COIN + 7n);
    await buy(spin, firm, child);
    await buy(spin, firm2, parent);
    await check();
    await licensing.connect(alice).settleUpstream(child);
    await check();
    await licensing.connect(bob).claim(parent);
    await licensing.connect(alice).settleUpstream(parent);
    await check();
    await licensing.connect(alice).claim(grandparent);
    await licensing.connect(alice).flushFund();
    await check();
  });
});
