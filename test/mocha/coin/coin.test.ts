import { permitTypes } from "@spin/shared";
import { expect } from "chai";
import { network } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { SpinCoin } from "../../../types/ethers-contracts/index.js";
import { deployRegistry, Kind, PROFILE, PROFILE_HASH, Status } from "../registry/fixtures.ts";

const { ethers, networkHelpers } = await network.create();

const COIN = 10n ** 18n;
const INITIAL = 1_000_000n * COIN;
const CAP = 50_000n * COIN;
const YEAR = 365 * 24 * 3600;

async function setup() {
  const registrySetup = await deployRegistry(ethers);
  const { registry, admin, alice, bob, outsiders } = registrySetup;
  const [fund, ...rest] = outsiders;
  const coin = await ethers.deployContract("SpinCoin", [
    await registry.getAddress(),
    admin.address,
    INITIAL,
    CAP,
  ]);
  await registry.setProtocolAccount(fund.address, true);
  await coin.mintInitialAllocation(fund.address);
  await coin.connect(fund).transfer(alice.address, 1000n * COIN);
  await coin.connect(fund).transfer(bob.address, 1000n * COIN);
  return { ...registrySetup, coin, fund, outsiders: rest };
}

async function signPermit(
  coin: SpinCoin,
  owner: HardhatEthersSigner,
  spender: string,
  value: bigint,
  deadline: bigint,
) {
  const { chainId } = await ethers.provider.getNetwork();
  const signature = await owner.signTypedData(
    { name: "SPIN", version: "1", chainId, verifyingContract: await coin.getAddress() },
    permitTypes,
    { owner: owner.address, spender, value, nonce: await coin.nonces(owner.address), deadline },
  );
  return ethers.Signature.from(signature);
}

describe("SpinCoin", () => {
  describe("deployment and initial allocation", () => {
    it("is SPIN, 18 decimals, with the registry, cap and admin it was given", async () => {
      const { coin, registry, admin } = await networkHelpers.loadFixture(setup);
      expect(await coin.name()).to.equal("SPIN");
      expect(await coin.symbol()).to.equal("SPIN");
      expect(await coin.decimals()).to.equal(18n);
      expect(await coin.registry()).to.equal(await registry.getAddress());
      expect(await coin.initialAllocation()).to.equal(INITIAL);
      expect(await coin.yearlyMintCap()).to.equal(CAP);
      expect(await coin.hasRole(await coin.DEFAULT_ADMIN_ROLE(), admin.address)).to.equal(true);
      expect(await coin.totalSupply()).to.equal(INITIAL);
    });

    it("refuses a zero registry or admin", async () => {
      const [admin] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("SpinCoin");
      await expect(
        factory.deploy(ethers.ZeroAddress, admin.address, INITIAL, CAP),
      ).to.be.revertedWithCustomError(factory, "SpinCoinZeroAddress");
      await expect(
        factory.deploy(admin.address, ethers.ZeroAddress, INITIAL, CAP),
      ).to.be.revertedWithCustomError(factory, "SpinCoinZeroAddress");
    });

    it("mints the initial allocation once, to the fund", async () => {
      const { registry, admin, outsiders } = await networkHelpers.loadFixture(setup);
      const [fund] = outsiders;
      const coin = await ethers.deployContract("SpinCoin", [
        await registry.getAddress(),
        admin.address,
        INITIAL,
        CAP,
      ]);
      await registry.setProtocolAccount(fund.address, true);
      await expect(coin.mintInitialAllocation(fund.address))
        .to.emit(coin, "InitialAllocationMinted")
        .withArgs(fund.address, INITIAL)
        .and.to.emit(coin, "Transfer")
        .withArgs(ethers.ZeroAddress, fund.address, INITIAL);
      expect(await coin.initialAllocationMinted()).to.equal(true);
      expect(await coin.balanceOf(fund.address)).to.equal(INITIAL);
      await expect(coin.mintInitialAllocation(fund.address))
        .to.be.revertedWithCustomError(coin, "SpinCoinInitialAllocationAlreadyMinted")
        .withArgs(fund.address);
    });

    it("refuses the initial allocation to zero, to a non-member, or by a non-admin", async () => {
      const { registry, admin, alice, outsiders } = await networkHelpers.loadFixture(setup);
      const coin = await ethers.deployContract("SpinCoin", [
        await registry.getAddress(),
        admin.address,
        INITIAL,
        CAP,
      ]);
      await expect(coin.mintInitialAllocation(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        coin,
        "SpinCoinZeroAddress",
      );
      await expect(coin.mintInitialAllocation(outsiders[0].address))
        .to.be.revertedWithCustomError(coin, "SpinCoinRecipientNotAllowed")
        .withArgs(outsiders[0].address, Status.None);
      expect(await coin.initialAllocationMinted()).to.equal(false);
      await expect(coin.connect(alice).mintInitialAllocation(alice.address))
        .to.be.revertedWithCustomError(coin, "AccessControlUnauthorizedAccount")
        .withArgs(alice.address, await coin.DEFAULT_ADMIN_ROLE());
    });
  });

  describe("minting under the yearly cap", () => {
    it("mints up to the cap in a year and counts each year from deployment", async () => {
      const { coin, alice } = await networkHelpers.loadFixture(setup);
      expect(await coin.currentYear()).to.equal(0n);
      await expect(coin.mint(alice.address, CAP - 1n))
        .to.emit(coin, "Minted")
        .withArgs(alice.address, CAP - 1n, 0, CAP - 1n);
      await expect(coin.mint(alice.address, 1n))
        .to.emit(coin, "Minted")
        .withArgs(alice.address, 1n, 0, CAP);
      expect(await coin.mintedInYear(0)).to.equal(CAP);
      await expect(coin.mint(alice.address, 1n))
        .to.be.revertedWithCustomError(coin, "SpinCoinYearlyCapExceeded")
        .withArgs(0, CAP, 1n, CAP);

      await networkHelpers.time.increaseTo(Number(await coin.deployedAt()) + YEAR);
      expect(await coin.currentYear()).to.equal(1n);
      await expect(coin.mint(alice.address, CAP))
        .to.emit(coin, "Minted")
        .withArgs(alice.address, CAP, 1, CAP);
      expect(await coin.totalSupply()).to.equal(INITIAL + 2n * CAP);
    });

    it("refuses one mint above the cap without minting anything", async () => {
      const { coin, alice } = await networkHelpers.loadFixture(setup);
      const supply = await coin.totalSupply();
      await expect(coin.mint(alice.address, CAP + 1n))
        .to.be.revertedWithCustomError(coin, "SpinCoinYearlyCapExceeded")
        .withArgs(0, 0, CAP + 1n, CAP);
      expect(await coin.totalSupply()).to.equal(supply);
      expect(await coin.mintedInYear(0)).to.equal(0n);
    });

    it("refuses mints by non-admins, to zero, and to accounts that may not hold coin", async () => {
      const { coin, registry, alice, bob, outsiders } = await networkHelpers.loadFixture(setup);
      await expect(coin.connect(alice).mint(alice.address, 1n))
        .to.be.revertedWithCustomError(coin, "AccessControlUnauthorizedAccount")
        .withArgs(alice.address, await coin.DEFAULT_ADMIN_ROLE());
      await expect(coin.mint(ethers.ZeroAddress, 1n)).to.be.revertedWithCustomError(
        coin,
        "SpinCoinZeroAddress",
      );
      await registry.suspend(bob.address, "");
      for (const [account, status] of [
        [outsiders[0], Status.None],
        [bob, Status.Suspended],
      ] as const) {
        await expect(coin.mint(account.address, 1n))
          .to.be.revertedWithCustomError(coin, "SpinCoinRecipientNotAllowed")
          .withArgs(account.address, status);
      }
      expect(await coin.mintedInYear(0)).to.equal(0n);
    });
  });

  describe("transfers", () => {
    it("moves coin between admitted members and protocol accounts", async () => {
      const { coin, alice, bob, coop, fund } = await networkHelpers.loadFixture(setup);
      await expect(coin.connect(alice).transfer(bob.address, 5n)).to.changeTokenBalances(
        ethers,
        coin,
        [alice, bob],
        [-5n, 5n],
      );
      await expect(coin.connect(bob).transfer(coop.address, 5n)).to.changeTokenBalances(
        ethers,
        coin,
        [bob, coop],
        [-5n, 5n],
      );
      await expect(coin.connect(coop).transfer(fund.address, 5n)).to.changeTokenBalances(
        ethers,
        coin,
        [coop, fund],
        [-5n, 5n],
      );
    });

    it("refuses recipients that may not hold coin", async () => {
      const { coin, registry, alice, bob, carol, outsiders } =
        await networkHelpers.loadFixture(setup);
      const [stranger, applicant] = outsiders;
      const admissions = await ethers.getContractAt("Admissions", await registry.admissions());
      await admissions.connect(applicant).applyForAdmission(Kind.Person, PROFILE, PROFILE_HASH);
      await registry.suspend(bob.address, "");
      await registry.expel(carol.address, "");
      for (const [account, status] of [
        [stranger, Status.None],
        [applicant, Status.None], // applications live in Admissions
        [bob, Status.Suspended],
        [carol, Status.Expelled],
      ] as const) {
        await expect(coin.connect(alice).transfer(account.address, 1n))
          .to.be.revertedWithCustomError(coin, "SpinCoinRecipientNotAllowed")
          .withArgs(account.address, status);
      }
    });

    it("freezes the coin of a suspended or expelled sender", async () => {
      const { coin, registry, alice, bob } = await networkHelpers.loadFixture(setup);
      await registry.suspend(alice.address, "");
      await expect(coin.connect(alice).transfer(bob.address, 1n))
        .to.be.revertedWithCustomError(coin, "SpinCoinSenderNotAllowed")
        .withArgs(alice.address, Status.Suspended);
      await registry.reinstate(alice.address, "");
      await expect(coin.connect(alice).transfer(bob.address, 1n)).to.changeTokenBalance(
        ethers,
        coin,
        bob,
        1n,
      );
      await registry.expel(alice.address, "");
      await expect(coin.connect(alice).transfer(bob.address, 1n))
        .to.be.revertedWithCustomError(coin, "SpinCoinSenderNotAllowed")
        .withArgs(alice.address, Status.Expelled);
    });

    it("freezes the coin of an unregistered protocol account", async () => {
      const { coin, registry, alice, fund } = await networkHelpers.loadFixture(setup);
      await registry.setProtocolAccount(fund.address, false);
      await expect(coin.connect(fund).transfer(alice.address, 1n))
        .to.be.revertedWithCustomError(coin, "SpinCoinSenderNotAllowed")
        .withArgs(fund.address, Status.None);
    });

    it("still checks balances after the permission check", async () => {
      const { coin, alice, bob } = await networkHelpers.loadFixture(setup);
      const balance = await coin.balanceOf(alice.address);
      await expect(coin.connect(alice).transfer(bob.address, balance + 1n))
        .to.be.revertedWithCustomError(coin, "ERC20InsufficientBalance")
        .withArgs(alice.address, balance, balance + 1n);
    });

    it("answers canTransfer like the transfer rule", async () => {
      const { coin, registry, alice, bob, fund, outsiders } =
        await networkHelpers.loadFixture(setup);
      await registry.suspend(bob.address, "");
      expect(await coin.canTransfer(alice.address, fund.address, 1n)).to.equal(true);
      expect(await coin.canTransfer(alice.address, bob.address, 1n)).to.equal(false);
      expect(await coin.canTransfer(bob.address, alice.address, 1n)).to.equal(false);
      expect(await coin.canTransfer(alice.address, outsiders[0].address, 1n)).to.equal(false);
      expect(await coin.canTransfer(ethers.ZeroAddress, alice.address, 1n)).to.equal(true);
      expect(await coin.canTransfer(ethers.ZeroAddress, bob.address, 1n)).to.equal(false);
    });
  });

  describe("allowances and permit", () => {
    it("lets an allowed spender move coin with a permit", async () => {
      const { coin, alice, bob, carol } = await networkHelpers.loadFixture(setup);
      const deadline = BigInt(await networkHelpers.time.latest()) + 3600n;
      const { v, r, s } = await signPermit(coin, alice, carol.address, 10n, deadline);
      await coin.connect(carol).permit(alice.address, carol.address, 10n, deadline, v, r, s);
      expect(await coin.allowance(alice.address, carol.address)).to.equal(10n);
      await expect(
        coin.connect(carol).transferFrom(alice.address, bob.address, 10n),
      ).to.changeTokenBalances(ethers, coin, [alice, bob], [-10n, 10n]);
      expect(await coin.allowance(alice.address, carol.address)).to.equal(0n);
    });

    it("lets a protocol account pull coin it was approved for", async () => {
      const { coin, alice, fund } = await networkHelpers.loadFixture(setup);
      await coin.connect(alice).approve(fund.address, 7n);
      await expect(
        coin.connect(fund).transferFrom(alice.address, fund.address, 7n),
      ).to.changeTokenBalance(ethers, coin, fund, 7n);
    });

    it("refuses a spender that is not allowed, even with an allowance given before", async () => {
      const { coin, registry, alice, bob, carol, outsiders } =
        await networkHelpers.loadFixture(setup);
      await coin.connect(alice).approve(carol.address, 10n);
      await coin.connect(alice).approve(outsiders[0].address, 10n);
      await registry.suspend(carol.address, "");
      for (const [spender, status] of [
        [carol, Status.Suspended],
        [outsiders[0], Status.None],
      ] as const) {
        await expect(coin.connect(spender).transferFrom(alice.address, bob.address, 1n))
          .to.be.revertedWithCustomError(coin, "SpinCoinSpenderNotAllowed")
          .withArgs(spender.address, status);
      }
      expect(await coin.allowance(alice.address, carol.address)).to.equal(10n);
    });

    it("refuses transferFrom from a suspended owner or to a non-member", async () => {
      const { coin, registry, alice, bob, carol, outsiders } =
        await networkHelpers.loadFixture(setup);
      await coin.connect(alice).approve(carol.address, 10n);
      await expect(coin.connect(carol).transferFrom(alice.address, outsiders[0].address, 1n))
        .to.be.revertedWithCustomError(coin, "SpinCoinRecipientNotAllowed")
        .withArgs(outsiders[0].address, Status.None);
      await registry.suspend(alice.address, "");
      await expect(coin.connect(carol).transferFrom(alice.address, bob.address, 1n))
        .to.be.revertedWithCustomError(coin, "SpinCoinSenderNotAllowed")
        .withArgs(alice.address, Status.Suspended);
    });
  });
});
