import { permitTypes } from "@spin/shared";
import { expect } from "chai";
import { network } from "hardhat";
import { Kind } from "../governance/fixture.ts";

const { ethers, networkHelpers } = await network.create();

const YEAR = 365n * 86_400n;
const COIN = 10n ** 18n;
const CAPS_BPS = [5_000n, 1_000n, 1_000n, 1_000n];

/** A fund the deployer still governs, on the real registry and coin, with coin in every sub-fund. */
async function fundFixture() {
  const [admin, alice, bob, enterprise, outsider, creditor] = await ethers.getSigners();
  const registry = await ethers.deployContract("CommonsRegistry", [admin.address, 2, 7 * 86_400]);
  for (const [who, kind] of [
    [alice, Kind.Person],
    [bob, Kind.Person],
    [enterprise, Kind.Enterprise],
  ] as const) {
    await registry.admit(who.address, kind, "ipfs://p", `0x${"11".repeat(32)}`);
  }
  const coin = await ethers.deployContract("SpinCoin", [
    await registry.getAddress(),
    admin.address,
    1_000_000n * COIN,
    1_000_000n * COIN,
  ]);
  const deployedAt = BigInt(await networkHelpers.time.latest()) + 1n;
  const customLock = deployedAt + 2n * YEAR;
  const fund = await ethers.deployContract("CommonFund", [
    admin.address,
    await coin.getAddress(),
    await registry.getAddress(),
    [0n, customLock, 0n],
    CAPS_BPS,
  ]);
  await registry.setProtocolAccount(await fund.getAddress(), true);
  await registry.setProtocolAccount(creditor.address, true);
  await coin.mintInitialAllocation(await fund.getAddress());
  for (const id of [0, 1, 2, 3]) await fund.credit(id, 100_000n * COIN, "initial allocation");
  for (const who of [alice, enterprise]) {
    await coin.mint(who.address, 1_000n * COIN);
    await coin.connect(who).approve(await fund.getAddress(), ethers.MaxUint256);
  }
  return {
    admin,
    alice,
    bob,
    enterprise,
    outsider,
    creditor,
    registry,
    coin,
    fund,
    deployedAt,
    customLock,
  };
}

describe("CommonFund", function () {
  describe("deployment", function () {
    it("creates the four named sub-funds with their locks and caps", async function () {
      const { fund, deployedAt, customLock } = await networkHelpers.loadFixture(fundFixture);
      expect(await fund.subFundCount()).to.equal(4n);
      const names = ["Pooled", "Global South", "Commons", "Technology Infrastructure"];
      const locks = [0n, deployedAt + YEAR, customLock, deployedAt + YEAR];
      for (const [id, name] of names.entries()) {
        const f = await fund.subFund(id);
        expect(f.name).to.equal(name);
        expect(f.lockedUntil).to.equal(locks[id]);
        expect(f.capBps).to.equal(CAPS_BPS[id]);
        expect(f.balance).to.equal(100_000n * COIN);
      }
      expect(await fund.accounted()).to.equal(400_000n * COIN);
      expect(await fund.unassigned()).to.equal(600_000n * COIN);
    });

    it("refuses a cap above 100%", async function () {
      const { fund, coin, registry, admin } = await networkHelpers.loadFixture(fundFixture);
      await expect(
        ethers.deployContract("CommonFund", [
          admin.address,
          await coin.getAddress(),
          await registry.getAddress(),
          [0n, 0n, 0n],
          [10_001n, 0n, 0n, 0n],
        ]),
      )
        .to.be.revertedWithCustomError(fund, "CommonFundInvalidCap")
        .withArgs(10_001n);
    });
  });

  describe("deposits and credits", function () {
    it("takes deposits from any admitted account, persons and enterprises alike", async function () {
      const { fund, coin, alice, enterprise } = await networkHelpers.loadFixture(fundFixture);
      for (const who of [alice, enterprise]) {
        await expect(fund.connect(who).deposit(2, 10n * COIN))
          .to.emit(fund, "Deposited")
          .withArgs(2n, who.address, 10n * COIN, "");
      }
      expect((await fund.subFund(2)).balance).to.equal(100_020n * COIN);
      expect(await coin.balanceOf(alice.address)).to.equal(990n * COIN);
    });

    it("takes a deposit with a permit in one transaction", async function () {
      const { fund, coin, bob } = await networkHelpers.loadFixture(fundFixture);
      await coin.mint(bob.address, 50n * COIN);
      const deadline = BigInt(await networkHelpers.time.latest()) + 3600n;
      const signature = ethers.Signature.from(
        await bob.signTypedData(
          {
            name: "SPIN",
            version: "1",
            chainId: (await ethers.provider.getNetwork()).chainId,
            verifyingContract: await coin.getAddress(),
          },
          permitTypes,
          {
            owner: bob.address,
            spender: await fund.getAddress(),
            value: 50n * COIN,
            nonce: 0n,
            deadline,
          },
        ),
      );
      const permit = [deadline, signature.v, signature.r, signature.s] as const;
      await expect(fund.connect(bob).depositWithPermit(0, 50n * COIN, ...permit))
        .to.emit(fund, "Deposited")
        .withArgs(0n, bob.address, 50n * COIN, "");
      expect(await coin.balanceOf(bob.address)).to.equal(0n);
    });

    it("still deposits when the permit was already used, if the allowance is there", async function () {
      const { fund, alice } = await networkHelpers.loadFixture(fundFixture);
      const stale = [0n, 27, ethers.ZeroHash, ethers.ZeroHash] as const;
      await expect(fund.connect(alice).depositWithPermit(0, COIN, ...stale)).to.emit(
        fund,
        "Deposited",
      );
    });

    it("refuses deposits from accounts the registry does not allow, of zero, or to no sub-fund", async function () {
      const { fund, outsider, alice } = await networkHelpers.loadFixture(fundFixture);
      await expect(fund.connect(outsider).deposit(0, COIN))
        .to.be.revertedWithCustomError(fund, "CommonFundNotAllowed")
        .withArgs(outsider.address);
      await expect(fund.connect(alice).deposit(0, 0n)).to.be.revertedWithCustomError(
        fund,
        "CommonFundZeroAmount",
      );
      await expect(fund.connect(alice).deposit(9, COIN))
        .to.be.revertedWithCustomError(fund, "CommonFundUnknownSubFund")
        .withArgs(9n);
    });

    it("lets a creditor assign coin it sent, and only up to the unassigned surplus", async function () {
      const { fund, coin, admin, creditor, alice } = await networkHelpers.loadFixture(fundFixture);
      await fund.grantRole(await fund.CREDITOR_ROLE(), creditor.address);
      await coin.mint(creditor.address, 30n * COIN);
      await coin.connect(creditor).transfer(await fund.getAddress(), 30n * COIN);
      const surplus = await fund.unassigned();
      await expect(fund.connect(creditor).credit(3, surplus + 1n, "too much"))
        .to.be.revertedWithCustomError(fund, "CommonFundInsufficientSurplus")
        .withArgs(surplus, surplus + 1n);
      await expect(fund.connect(creditor).credit(3, 30n * COIN, "licence 7: fees"))
        .to.emit(fund, "Deposited")
        .withArgs(3n, creditor.address, 30n * COIN, "licence 7: fees");
      await expect(fund.connect(alice).credit(3, 1n, "mine"))
        .to.be.revertedWithCustomError(fund, "CommonFundNotCreditor")
        .withArgs(alice.address);
      await expect(fund.connect(admin).credit(3, 0n, "nothing")).to.be.revertedWithCustomError(
        fund,
        "CommonFundZeroAmount",
      );
    });
  });

  describe("splitting unassigned coin", function () {
    it("assigns all of it by basis points, rounding to Pooled, skipping empty shares", async function () {
      const { fund, coin, admin, creditor } = await networkHelpers.loadFixture(fundFixture);
      const surplus = await fund.unassigned();
      const before = await Promise.all(
        [0, 1, 2, 3].map(async (id) => (await fund.subFund(id)).balance),
      );
      await fund.grantRole(await fund.CREDITOR_ROLE(), creditor.address);
      await expect(fund.connect(creditor).creditSplit([0, 5_000, 5_000], "even split"))
        .to.emit(fund, "Deposited")
        .withArgs(1n, creditor.address, surplus / 2n, "even split");
      const after = await Promise.all(
        [0, 1, 2, 3].map(async (id) => (await fund.subFund(id)).balance),
      );
      expect(after).to.deep.equal([
        before[0],
        before[1] + surplus / 2n,
        before[2] + surplus / 2n,
        before[3],
      ]);
      await coin.mint(await fund.getAddress(), 10n);
      await fund.connect(admin).creditSplit([5_000, 3_333, 0, 1_667], "odd");
      expect((await fund.subFund(0)).balance - after[0]).to.equal(5n + 1n); // 5 and the rounding
      expect((await fund.subFund(1)).balance - after[1]).to.equal(3n);
      expect((await fund.subFund(3)).balance - after[3]).to.equal(1n);
      expect(await fund.unassigned()).to.equal(0n);
    });

    it("refuses more shares than sub-funds, shares not summing to 10,000, nothing to split and strangers", async function () {
      const { fund, alice } = await networkHelpers.loadFixture(fundFixture);
      await expect(fund.creditSplit([2_000, 2_000, 2_000, 2_000, 2_000], "five"))
        .to.be.revertedWithCustomError(fund, "CommonFundUnknownSubFund")
        .withArgs(4n);
      await expect(fund.creditSplit([5_000, 4_999], "short"))
        .to.be.revertedWithCustomError(fund, "CommonFundSplitNotWhole")
        .withArgs(9_999n);
      await expect(fund.connect(alice).creditSplit([10_000], "mine"))
        .to.be.revertedWithCustomError(fund, "CommonFundNotCreditor")
        .withArgs(alice.address);
      await fund.creditSplit([10_000], "all");
      await expect(fund.creditSplit([10_000], "again")).to.be.revertedWithCustomError(
        fund,
        "CommonFundZeroAmount",
      );
    });
  });

  describe("grants", function () {
    it("pays an admitted recipient from an unlocked sub-fund, within the cap", async function () {
      const { fund, coin, bob, enterprise } = await networkHelpers.loadFixture(fundFixture);
      await expect(fund.grant(0, bob.address, 50_000n * COIN, "work 42: community oven"))
        .to.emit(fund, "Granted")
        .withArgs(0n, bob.address, 50_000n * COIN, "work 42: community oven");
      expect(await coin.balanceOf(bob.address)).to.equal(50_000n * COIN);
      await fund.grant(0, enterprise.address, 25_000n * COIN, "supplier");
      expect((await fund.subFund(0)).balance).to.equal(25_000n * COIN);
      expect(await fund.accounted()).to.equal(325_000n * COIN);
    });

    it("refuses grants over the cap, of zero, to outsiders, from locked sub-funds and from anyone but governance", async function () {
      const { fund, bob, outsider, alice, deployedAt } =
        await networkHelpers.loadFixture(fundFixture);
      const cap = 50_000n * COIN;
      await expect(fund.grant(0, bob.address, cap + 1n, "x"))
        .to.be.revertedWithCustomError(fund, "CommonFundOverCap")
        .withArgs(0n, cap + 1n, cap);
      await expect(fund.grant(0, bob.address, 0n, "x")).to.be.revertedWithCustomError(
        fund,
        "CommonFundZeroAmount",
      );
      await expect(fund.grant(0, outsider.address, 1n, "x"))
        .to.be.revertedWithCustomError(fund, "CommonFundNotAllowed")
        .withArgs(outsider.address);
      await expect(fund.grant(1, bob.address, 1n, "x"))
        .to.be.revertedWithCustomError(fund, "CommonFundLocked")
        .withArgs(1n, deployedAt + YEAR);
      await expect(fund.connect(alice).grant(0, bob.address, 1n, "x"))
        .to.be.revertedWithCustomError(fund, "AccessControlUnauthorizedAccount")
        .withArgs(alice.address, ethers.ZeroHash);
    });

    it("opens a locked sub-fund on its lock date", async function () {
      const { fund, bob, deployedAt } = await networkHelpers.loadFixture(fundFixture);
      await networkHelpers.time.increaseTo(deployedAt + YEAR);
      await expect(fund.grant(3, bob.address, COIN, "servers")).to.emit(fund, "Granted");
    });
  });

  describe("streams", function () {
    async function streamFixture() {
      const f = await fundFixture();
      const start = BigInt(await networkHelpers.time.latest()) + 100n;
      const end = start + 1_000n;
      await f.fund.createStream(0, f.bob.address, 1_000n * COIN, start, end, "work 9: upkeep");
      return { ...f, start, end };
    }

    it("commits the whole amount at creation and vests it linearly to the recipient", async function () {
      const { fund, coin, bob, start, end } = await networkHelpers.loadFixture(streamFixture);
      expect((await fund.subFund(0)).balance).to.equal(99_000n * COIN);
      expect(await fund.accounted()).to.equal(400_000n * COIN);
      expect(await fund.streamCount()).to.equal(1n);
      const s = await fund.stream(0);
      expect([
        s.recipient,
        s.start,
        s.end,
        s.amount,
        s.claimed,
        s.subFund,
        s.cancelled,
        s.memo,
      ]).to.deep.equal([bob.address, start, end, 1_000n * COIN, 0n, 0n, false, "work 9: upkeep"]);
      expect(await fund.claimable(0)).to.equal(0n);
      await expect(fund.connect(bob).claim(0))
        .to.be.revertedWithCustomError(fund, "CommonFundNothingToClaim")
        .withArgs(0n);
      await networkHelpers.time.increaseTo(start + 249n); // the claim is mined one second later
      await expect(fund.connect(bob).claim(0))
        .to.emit(fund, "StreamClaimed")
        .withArgs(0n, 0n, bob.address, 250n * COIN, "work 9: upkeep");
      await networkHelpers.time.increaseTo(end + 10n);
      await fund.connect(bob).claim(0);
      expect(await coin.balanceOf(bob.address)).to.equal(1_000n * COIN);
      expect(await fund.accounted()).to.equal(399_000n * COIN);
    });

    it("lets only the recipient claim", async function () {
      const { fund, alice, start } = await networkHelpers.loadFixture(streamFixture);
      await networkHelpers.time.increaseTo(start + 10n);
      await expect(fund.connect(alice).claim(0))
        .to.be.revertedWithCustomError(fund, "CommonFundNotRecipient")
        .withArgs(0n, alice.address);
      await expect(fund.connect(alice).claim(5))
        .to.be.revertedWithCustomError(fund, "CommonFundUnknownStream")
        .withArgs(5n);
    });

    it("returns the unvested rest on cancellation and leaves the vested part claimable", async function () {
      const { fund, coin, bob, start } = await networkHelpers.loadFixture(streamFixture);
      await networkHelpers.time.increaseTo(start + 399n);
      await expect(fund.cancelStream(0))
        .to.emit(fund, "StreamCancelled")
        .withArgs(0n, 0n, bob.address, 600n * COIN, 400n * COIN, "work 9: upkeep");
      expect((await fund.subFund(0)).balance).to.equal(99_600n * COIN);
      await networkHelpers.time.increase(5_000n);
      expect(await fund.claimable(0)).to.equal(400n * COIN);
      await fund.connect(bob).claim(0);
      expect(await coin.balanceOf(bob.address)).to.equal(400n * COIN);
      await expect(fund.cancelStream(0))
        .to.be.revertedWithCustomError(fund, "CommonFundStreamCancelled")
        .withArgs(0n);
    });

    it("returns everything when cancelled before it starts", async function () {
      const { fund } = await networkHelpers.loadFixture(streamFixture);
      await fund.cancelStream(0);
      expect((await fund.subFund(0)).balance).to.equal(100_000n * COIN);
      expect(await fund.claimable(0)).to.equal(0n);
    });

    it("refuses an empty schedule, locked or over-cap sources, and anyone but governance", async function () {
      const { fund, bob, alice, deployedAt } = await networkHelpers.loadFixture(streamFixture);
      await expect(fund.createStream(0, bob.address, COIN, 10n, 10n, "x"))
        .to.be.revertedWithCustomError(fund, "CommonFundInvalidSchedule")
        .withArgs(10n, 10n);
      await expect(fund.createStream(2, bob.address, COIN, 1n, 10n, "x"))
        .to.be.revertedWithCustomError(fund, "CommonFundLocked")
        .withArgs(2n, deployedAt + 2n * YEAR);
      await expect(
        fund.createStream(0, bob.address, 50_000n * COIN, 1n, 10n, "x"),
      ).to.be.revertedWithCustomError(fund, "CommonFundOverCap");
      await expect(
        fund.connect(alice).createStream(0, bob.address, 1n, 1n, 10n, "x"),
      ).to.be.revertedWithCustomError(fund, "AccessControlUnauthorizedAccount");
      await expect(fund.connect(alice).cancelStream(0)).to.be.revertedWithCustomError(
        fund,
        "AccessControlUnauthorizedAccount",
      );
      await expect(fund.cancelStream(3)).to.be.revertedWithCustomError(
        fund,
        "CommonFundUnknownStream",
      );
    });
  });

  describe("settings", function () {
    it("adds sub-funds by governance, up to the bound", async function () {
      const { fund, alice } = await networkHelpers.loadFixture(fundFixture);
      await expect(fund.addSubFund("Seeds library", 0n, 500n))
        .to.emit(fund, "SubFundAdded")
        .withArgs(4n, "Seeds library", 0n, 500n);
      await expect(fund.addSubFund("Bad cap", 0n, 10_001n))
        .to.be.revertedWithCustomError(fund, "CommonFundInvalidCap")
        .withArgs(10_001n);
      for (let i = 5; i < 32; i++) await fund.addSubFund(`fund ${i}`, 0n, 100n);
      await expect(fund.addSubFund("one too many", 0n, 100n))
        .to.be.revertedWithCustomError(fund, "CommonFundTooManySubFunds")
        .withArgs(32n);
      await expect(fund.connect(alice).addSubFund("x", 0n, 1n)).to.be.revertedWithCustomError(
        fund,
        "AccessControlUnauthorizedAccount",
      );
    });

    it("extends locks but never shortens them", async function () {
      const { fund, deployedAt, alice } = await networkHelpers.loadFixture(fundFixture);
      const lock = deployedAt + YEAR;
      await expect(fund.extendLock(1, lock - 1n))
        .to.be.revertedWithCustomError(fund, "CommonFundLockShortened")
        .withArgs(1n, lock, lock - 1n);
      await expect(fund.extendLock(1, lock + YEAR))
        .to.emit(fund, "SubFundLockExtended")
        .withArgs(1n, lock, lock + YEAR);
      await expect(fund.extendLock(7, lock)).to.be.revertedWithCustomError(
        fund,
        "CommonFundUnknownSubFund",
      );
      await expect(
        fund.connect(alice).extendLock(1, lock + 2n * YEAR),
      ).to.be.revertedWithCustomError(fund, "AccessControlUnauthorizedAccount");
    });

    it("lowers a cap at once, raises it only after the delay, within 100% and by governance", async function () {
      const { fund, alice } = await networkHelpers.loadFixture(fundFixture);
      const delay = await fund.CAP_RAISE_DELAY();
      await expect(fund.setCap(0, 2_000n))
        .to.emit(fund, "SubFundCapSet")
        .withArgs(0n, 5_000n, 2_000n);
      expect((await fund.subFund(0)).capBps).to.equal(2_000n);
      const tx = fund.setCap(0, 10_000n);
      const effectiveAt = BigInt(await networkHelpers.time.latest()) + 1n + delay;
      await expect(tx)
        .to.emit(fund, "SubFundCapRaiseScheduled")
        .withArgs(0n, 2_000n, 10_000n, effectiveAt);
      expect((await fund.subFund(0)).capBps).to.equal(2_000n);
      expect(await fund.pendingCapRaise(0)).to.deep.equal([10_000n, effectiveAt]);
      await networkHelpers.time.increaseTo(effectiveAt);
      expect((await fund.subFund(0)).capBps).to.equal(10_000n);
      expect(await fund.pendingCapRaise(0)).to.deep.equal([0n, 0n]);
      await expect(fund.setCap(0, 10_001n))
        .to.be.revertedWithCustomError(fund, "CommonFundInvalidCap")
        .withArgs(10_001n);
      await expect(fund.connect(alice).setCap(0, 1n)).to.be.revertedWithCustomError(
        fund,
        "AccessControlUnauthorizedAccount",
      );
    });

    it("drops a pending raise when the cap is lowered before it takes effect", async function () {
      const { fund } = await networkHelpers.loadFixture(fundFixture);
      await fund.setCap(1, 9_000n);
      await expect(fund.setCap(1, 500n)).to.emit(fund, "SubFundCapSet").withArgs(1n, 1_000n, 500n);
      expect(await fund.pendingCapRaise(1)).to.deep.equal([0n, 0n]);
      await networkHelpers.time.increase((await fund.CAP_RAISE_DELAY()) + 1n);
      expect((await fund.subFund(1)).capBps).to.equal(500n);
    });
  });
});
