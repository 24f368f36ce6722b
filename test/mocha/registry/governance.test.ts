import { expect } from "chai";
import { network } from "hardhat";
import {
  deployRegistry,
  FABLAB,
  Kind,
  OTHER_HASH,
  Path,
  PROFILE,
  PROFILE_HASH,
  Status,
} from "./fixtures.ts";

const { ethers, networkHelpers } = await network.create();

async function setup() {
  return deployRegistry(ethers);
}

describe("CommonsRegistry governance", () => {
  describe("admitting directly", () => {
    it("admits a fresh Person, lists it and gives it a self-delegated vote", async () => {
      const { registry, outsiders } = await networkHelpers.loadFixture(setup);
      const [dan] = outsiders;
      const count = await registry.accountCount();
      const votesBefore = await registry.totalVotes();
      await expect(registry.admit(dan.address, Kind.Person, PROFILE, PROFILE_HASH))
        .to.emit(registry, "ProfileUpdated")
        .withArgs(dan.address, PROFILE, PROFILE_HASH)
        .and.to.emit(registry, "Admitted")
        .withArgs(dan.address, Kind.Person, Path.Governance)
        .and.to.emit(registry, "Locked")
        .withArgs(BigInt(dan.address))
        .and.to.emit(registry, "DelegateChanged")
        .withArgs(dan.address, ethers.ZeroAddress, dan.address)
        .and.to.emit(registry, "DelegateVotesChanged")
        .withArgs(dan.address, 0, 1);
      expect(await registry.statusOf(dan.address)).to.equal(Status.Admitted);
      expect(await registry.accountAt(count)).to.equal(dan.address);
      expect(await registry.totalVotes()).to.equal(votesBefore + 1n);
      expect(await registry.isAllowed(dan.address)).to.equal(true);
    });

    it("admits a Place with its place data", async () => {
      const { registry, outsiders } = await networkHelpers.loadFixture(setup);
      await expect(registry.admitPlace(outsiders[0].address, PROFILE, PROFILE_HASH, FABLAB))
        .to.emit(registry, "PlaceUpdated")
        .and.to.emit(registry, "Admitted")
        .withArgs(outsiders[0].address, Kind.Place, Path.Governance);
      expect(await registry.kindOf(outsiders[0].address)).to.equal(Kind.Place);
    });

    it("refuses an invalid place", async () => {
      const { registry, outsiders } = await networkHelpers.loadFixture(setup);
      await expect(
        registry.admitPlace(outsiders[0].address, PROFILE, PROFILE_HASH, { ...FABLAB, name: "" }),
      ).to.be.revertedWithCustomError(registry, "CommonsRegistryInvalidPlaceName");
      expect(await registry.statusOf(outsiders[0].address)).to.equal(Status.None);
    });

    it("refuses the zero address, the kinds None and Place, and protocol accounts", async () => {
      const { registry, outsiders } = await networkHelpers.loadFixture(setup);
      await expect(
        registry.admit(ethers.ZeroAddress, Kind.Person, PROFILE, PROFILE_HASH),
      ).to.be.revertedWithCustomError(registry, "CommonsRegistryZeroAddress");
      for (const kind of [Kind.None, Kind.Place]) {
        await expect(registry.admit(outsiders[0].address, kind, PROFILE, PROFILE_HASH))
          .to.be.revertedWithCustomError(registry, "CommonsRegistryInvalidKind")
          .withArgs(kind);
      }
      await registry.setProtocolAccount(outsiders[1].address, true);
      await expect(registry.admit(outsiders[1].address, Kind.Person, PROFILE, PROFILE_HASH))
        .to.be.revertedWithCustomError(registry, "CommonsRegistryProtocolAccount")
        .withArgs(outsiders[1].address);
    });

    it("refuses to admit again admitted, suspended or expelled accounts", async () => {
      const { registry, alice, bob, carol } = await networkHelpers.loadFixture(setup);
      await registry.suspend(bob.address, "");
      await registry.expel(carol.address, "");
      for (const [account, status] of [
        [alice, Status.Admitted],
        [bob, Status.Suspended],
        [carol, Status.Expelled],
      ] as const) {
        await expect(registry.admit(account.address, Kind.Person, PROFILE, PROFILE_HASH))
          .to.be.revertedWithCustomError(registry, "CommonsRegistryCannotAdmit")
          .withArgs(account.address, status);
      }
    });

    it("refuses an invalid profile without admitting", async () => {
      const { registry, outsiders } = await networkHelpers.loadFixture(setup);
      await expect(registry.admit(outsiders[0].address, Kind.Person, "", PROFILE_HASH))
        .to.be.revertedWithCustomError(registry, "CommonsRegistryInvalidProfile")
        .withArgs("", PROFILE_HASH);
      expect(await registry.statusOf(outsiders[0].address)).to.equal(Status.None);
      expect(await registry.getVotes(outsiders[0].address)).to.equal(0n);
    });
  });

  describe("suspending, reinstating, expelling", () => {
    it("suspends: refused everywhere and the Person's vote is gone", async () => {
      const { registry, alice } = await networkHelpers.loadFixture(setup);
      const total = await registry.totalVotes();
      await expect(registry.suspend(alice.address, "spam"))
        .to.emit(registry, "Suspended")
        .withArgs(alice.address, "spam")
        .and.to.emit(registry, "DelegateVotesChanged")
        .withArgs(alice.address, 1, 0);
      expect(await registry.statusOf(alice.address)).to.equal(Status.Suspended);
      expect(await registry.isAllowed(alice.address)).to.equal(false);
      expect(
        await registry.transactionAllowed(alice.address, alice.address, 0, 0, 0, "0x"),
      ).to.equal(false);
      expect(await registry.getVotes(alice.address)).to.equal(0n);
      expect(await registry.totalVotes()).to.equal(total - 1n);
      // The token stays, locked.
      expect(await registry.balanceOf(alice.address)).to.equal(1n);
    });

    it("takes the suspended Person's vote from its delegate and gives it back on reinstatement", async () => {
      const { registry, alice, bob } = await networkHelpers.loadFixture(setup);
      await registry.connect(alice).delegate(bob.address);
      expect(await registry.getVotes(bob.address)).to.equal(2n);
      await expect(registry.suspend(alice.address, ""))
        .to.emit(registry, "DelegateVotesChanged")
        .withArgs(bob.address, 2, 1);
      expect(await registry.getVotes(bob.address)).to.equal(1n);
      expect(await registry.getVotes(alice.address)).to.equal(0n);
      await expect(registry.reinstate(alice.address, "cleared"))
        .to.emit(registry, "Reinstated")
        .withArgs(alice.address, "cleared")
        .and.to.emit(registry, "DelegateVotesChanged")
        .withArgs(bob.address, 1, 2);
      expect(await registry.delegates(alice.address)).to.equal(bob.address);
      expect(await registry.isAllowed(alice.address)).to.equal(true);
    });

    it("suspends and reinstates an organisation without touching votes", async () => {
      const { registry, coop } = await networkHelpers.loadFixture(setup);
      const total = await registry.totalVotes();
      await expect(registry.suspend(coop.address, "")).not.to.emit(
        registry,
        "DelegateVotesChanged",
      );
      expect(await registry.isAllowed(coop.address)).to.equal(false);
      await registry.reinstate(coop.address, "");
      expect(await registry.isAllowed(coop.address)).to.equal(true);
      expect(await registry.totalVotes()).to.equal(total);
    });

    it("refuses to suspend an account that is not admitted", async () => {
      const { registry, alice, outsiders } = await networkHelpers.loadFixture(setup);
      await registry.suspend(alice.address, "");
      for (const [account, status] of [
        [outsiders[0], Status.None],
        [alice, Status.Suspended],
      ] as const) {
        await expect(registry.suspend(account.address, ""))
          .to.be.revertedWithCustomError(registry, "CommonsRegistryNotAdmitted")
          .withArgs(account.address, status);
      }
    });

    it("refuses to reinstate an account that is not suspended", async () => {
      const { registry, alice } = await networkHelpers.loadFixture(setup);
      await expect(registry.reinstate(alice.address, ""))
        .to.be.revertedWithCustomError(registry, "CommonsRegistryNotSuspended")
        .withArgs(alice.address, Status.Admitted);
    });

    it("expels a Person for good: token burnt, vote gone", async () => {
      const { registry, alice, bob } = await networkHelpers.loadFixture(setup);
      await registry.connect(alice).delegate(bob.address);
      const total = await registry.totalVotes();
      await expect(registry.expel(alice.address, "fraud"))
        .to.emit(registry, "Expelled")
        .withArgs(alice.address, "fraud")
        .and.to.emit(registry, "Transfer")
        .withArgs(alice.address, ethers.ZeroAddress, BigInt(alice.address))
        .and.to.emit(registry, "DelegateVotesChanged")
        .withArgs(bob.address, 2, 1);
      expect(await registry.statusOf(alice.address)).to.equal(Status.Expelled);
      expect(await registry.balanceOf(alice.address)).to.equal(0n);
      expect(await registry.totalVotes()).to.equal(total - 1n);
      await expect(registry.ownerOf(BigInt(alice.address)))
        .to.be.revertedWithCustomError(registry, "ERC721NonexistentToken")
        .withArgs(BigInt(alice.address));
    });

    it("expels a suspended Person without counting its vote twice", async () => {
      const { registry, alice } = await networkHelpers.loadFixture(setup);
      await registry.suspend(alice.address, "");
      const total = await registry.totalVotes();
      await expect(registry.expel(alice.address, ""))
        .to.emit(registry, "Transfer")
        .and.not.to.emit(registry, "DelegateVotesChanged");
      expect(await registry.totalVotes()).to.equal(total);
    });

    it("expels an organisation, keeping it out of Admissions too", async () => {
      const { registry, admissions, coop } = await networkHelpers.loadFixture(setup);
      await expect(registry.expel(coop.address, "")).not.to.emit(registry, "Transfer");
      expect(await registry.statusOf(coop.address)).to.equal(Status.Expelled);
      await expect(
        admissions.connect(coop).applyForAdmission(Kind.Cooperative, PROFILE, PROFILE_HASH),
      )
        .to.be.revertedWithCustomError(admissions, "AdmissionsCannotApply")
        .withArgs(coop.address, Status.Expelled);
    });

    it("refuses to expel unknown or already expelled accounts", async () => {
      const { registry, alice, outsiders } = await networkHelpers.loadFixture(setup);
      await registry.expel(alice.address, "");
      for (const [account, status] of [
        [outsiders[0], Status.None],
        [alice, Status.Expelled],
      ] as const) {
        await expect(registry.expel(account.address, ""))
          .to.be.revertedWithCustomError(registry, "CommonsRegistryNotParticipant")
          .withArgs(account.address, status);
      }
    });
  });

  describe("rules and roles", () => {
    it("refuses every governance action from a non-admin", async () => {
      const { registry, alice, bob, outsiders } = await networkHelpers.loadFixture(setup);
      const role = await registry.DEFAULT_ADMIN_ROLE();
      const asAlice = registry.connect(alice);
      const calls = [
        asAlice.admit(outsiders[0].address, Kind.Person, PROFILE, PROFILE_HASH),
        asAlice.admitPlace(outsiders[0].address, PROFILE, PROFILE_HASH, FABLAB),
        asAlice.suspend(bob.address, ""),
        asAlice.reinstate(bob.address, ""),
        asAlice.expel(bob.address, ""),
        asAlice.setProtocolAccount(outsiders[0].address, true),
        asAlice.addEnode("a1".repeat(64), "10.0.0.1", 30303, bob.address),
        asAlice.removeEnode("a1".repeat(64), "10.0.0.1", 30303),
      ];
      for (const call of calls) {
        await expect(call)
          .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
          .withArgs(alice.address, role);
      }
    });

    it("hands governance from the deployer to the timelock", async () => {
      const { registry, admin, outsiders } = await networkHelpers.loadFixture(setup);
      const [timelock, dan] = outsiders;
      const role = await registry.DEFAULT_ADMIN_ROLE();
      await registry.grantRole(role, timelock.address);
      await registry.renounceRole(role, admin.address);
      await expect(registry.admit(dan.address, Kind.Person, PROFILE, PROFILE_HASH))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(admin.address, role);
      await expect(
        registry.connect(timelock).admit(dan.address, Kind.Person, PROFILE, PROFILE_HASH),
      ).to.emit(registry, "Admitted");
    });
  });

  describe("protocol accounts", () => {
    it("may hold coin but never sign transactions and have no kind", async () => {
      const { registry, outsiders } = await networkHelpers.loadFixture(setup);
      const [fund] = outsiders;
      await expect(registry.setProtocolAccount(fund.address, true))
        .to.emit(registry, "ProtocolAccountSet")
        .withArgs(fund.address, true);
      expect(await registry.isProtocolAccount(fund.address)).to.equal(true);
      expect(await registry.isAllowed(fund.address)).to.equal(true);
      expect(await registry.transactionAllowed(fund.address, fund.address, 0, 0, 0, "0x")).to.equal(
        false,
      );
      expect(await registry.kindOf(fund.address)).to.equal(Kind.None);
      expect(await registry.statusOf(fund.address)).to.equal(Status.None);
      await registry.setProtocolAccount(fund.address, false);
      expect(await registry.isAllowed(fund.address)).to.equal(false);
    });

    it("refuses the zero address and participants", async () => {
      const { registry, alice } = await networkHelpers.loadFixture(setup);
      await expect(
        registry.setProtocolAccount(ethers.ZeroAddress, true),
      ).to.be.revertedWithCustomError(registry, "CommonsRegistryZeroAddress");
      await expect(registry.setProtocolAccount(alice.address, true))
        .to.be.revertedWithCustomError(registry, "CommonsRegistryParticipantNotProtocol")
        .withArgs(alice.address, Status.Admitted);
    });
  });

  describe("profiles", () => {
    it("lets admitted participants update their profile", async () => {
      const { registry, alice } = await networkHelpers.loadFixture(setup);
      await expect(registry.connect(alice).updateProfile("ipfs://new", OTHER_HASH))
        .to.emit(registry, "ProfileUpdated")
        .withArgs(alice.address, "ipfs://new", OTHER_HASH);
      expect(await registry.profileOf(alice.address)).to.deep.equal(["ipfs://new", OTHER_HASH]);
      await expect(registry.connect(alice).updateProfile("ipfs://new", ethers.ZeroHash))
        .to.be.revertedWithCustomError(registry, "CommonsRegistryInvalidProfile")
        .withArgs("ipfs://new", ethers.ZeroHash);
    });

    it("refuses profile updates from unknown, suspended and expelled accounts", async () => {
      const { registry, alice, bob, outsiders } = await networkHelpers.loadFixture(setup);
      await registry.suspend(alice.address, "");
      await registry.expel(bob.address, "");
      for (const [account, status] of [
        [outsiders[0], Status.None],
        [alice, Status.Suspended],
        [bob, Status.Expelled],
      ] as const) {
        await expect(registry.connect(account).updateProfile("ipfs://new", OTHER_HASH))
          .to.be.revertedWithCustomError(registry, "CommonsRegistryCannotUpdateProfile")
          .withArgs(account.address, status);
      }
    });

    it("lets an admitted Place update its place data", async () => {
      const { registry, admissions, place, outsiders } = await networkHelpers.loadFixture(setup);
      const moved = {
        ...FABLAB,
        latitudeE6: 45_764_043,
        longitudeE6: 4_835_659,
        machines: ["CNC router"],
      };
      await expect(registry.connect(place).updatePlace(moved))
        .to.emit(registry, "PlaceUpdated")
        .withArgs(
          place.address,
          moved.name,
          moved.latitudeE6,
          moved.longitudeE6,
          moved.country,
          moved.machines,
        );
      // An applicant's place data is part of the application it signed: it cannot change it here.
      await admissions.connect(outsiders[0]).applyAsPlace(PROFILE, PROFILE_HASH, FABLAB);
      await expect(registry.connect(outsiders[0]).updatePlace(moved))
        .to.be.revertedWithCustomError(registry, "CommonsRegistryNotPlace")
        .withArgs(outsiders[0].address, Kind.None);
      await expect(registry.connect(place).updatePlace({ ...moved, country: "0x0000" }))
        .to.be.revertedWithCustomError(registry, "CommonsRegistryInvalidCountry")
        .withArgs("0x0000");
    });

    it("refuses place updates from non-Places and suspended Places", async () => {
      const { registry, alice, place } = await networkHelpers.loadFixture(setup);
      await expect(registry.connect(alice).updatePlace(FABLAB))
        .to.be.revertedWithCustomError(registry, "CommonsRegistryNotPlace")
        .withArgs(alice.address, Kind.Person);
      await registry.suspend(place.address, "");
      await expect(registry.connect(place).updatePlace(FABLAB))
        .to.be.revertedWithCustomError(registry, "CommonsRegistryCannotUpdateProfile")
        .withArgs(place.address, Status.Suspended);
    });
  });
});
