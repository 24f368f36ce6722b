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
  THRESHOLD,
  WINDOW,
} from "./fixtures.ts";

const { ethers, networkHelpers } = await network.create();

async function setup() {
  return deployRegistry(ethers);
}

describe("CommonsRegistry admission", () => {
  describe("deployment", () => {
    it("gives the admin role and the admission rule", async () => {
      const { registry, admin } = await networkHelpers.loadFixture(setup);
      expect(await registry.hasRole(await registry.DEFAULT_ADMIN_ROLE(), admin.address)).to.equal(true);
      expect(await registry.vouchThreshold()).to.equal(THRESHOLD);
      expect(await registry.vouchWindow()).to.equal(WINDOW);
    });

    it("refuses a zero admin", async () => {
      const factory = await ethers.getContractFactory("CommonsRegistry");
      await expect(
        factory.deploy(ethers.ZeroAddress, THRESHOLD, WINDOW),
      ).to.be.revertedWithCustomError(factory, "CommonsRegistryZeroAddress");
    });

    it("refuses an admission rule out of bounds", async () => {
      const [admin] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("CommonsRegistry");
      for (const [threshold, window] of [
        [0, WINDOW],
        [65, WINDOW],
        [THRESHOLD, 3599],
        [THRESHOLD, 365 * 24 * 3600 + 1],
      ]) {
        await expect(factory.deploy(admin.address, threshold, window))
          .to.be.revertedWithCustomError(factory, "CommonsRegistryInvalidAdmissionRule")
          .withArgs(threshold, window);
      }
    });
  });

  describe("applying", () => {
    it("records an applicant, lists it and publishes its profile", async () => {
      const { registry, outsiders } = await networkHelpers.loadFixture(setup);
      const [dan] = outsiders;
      const countBefore = await registry.accountCount();
      const tx = registry.connect(dan).applyForAdmission(Kind.Person, PROFILE, PROFILE_HASH);
      const windowEnd = (await networkHelpers.time.latest()) + 1 + WINDOW;
      await expect(tx)
        .to.emit(registry, "Applied")
        .withArgs(dan.address, Kind.Person, PROFILE, PROFILE_HASH, windowEnd)
        .and.to.emit(registry, "ProfileUpdated")
        .withArgs(dan.address, PROFILE, PROFILE_HASH);
      expect(await registry.statusOf(dan.address)).to.equal(Status.Applicant);
      expect(await registry.kindOf(dan.address)).to.equal(Kind.Person);
      expect(await registry.applicationOf(dan.address)).to.deep.equal([0n, BigInt(windowEnd)]);
      expect(await registry.profileOf(dan.address)).to.deep.equal([PROFILE, PROFILE_HASH]);
      expect(await registry.accountCount()).to.equal(countBefore + 1n);
      expect(await registry.accountAt(countBefore)).to.equal(dan.address);
      expect(await registry.isAllowed(dan.address)).to.equal(false);
    });

    it("refuses the kinds None and Place (Places use applyAsPlace)", async () => {
      const { registry, outsiders } = await networkHelpers.loadFixture(setup);
      for (const kind of [Kind.None, Kind.Place]) {
        await expect(registry.connect(outsiders[0]).applyForAdmission(kind, PROFILE, PROFILE_HASH))
          .to.be.revertedWithCustomError(registry, "CommonsRegistryInvalidKind")
          .withArgs(kind);
      }
    });

    it("refuses an empty or overlong profile URI and a zero hash", async () => {
      const { registry, outsiders } = await networkHelpers.loadFixture(setup);
      const longURI = `ipfs://${"x".repeat(506)}`;
      for (const [uri, hash] of [
        ["", PROFILE_HASH],
        [longURI, PROFILE_HASH],
        [PROFILE, ethers.ZeroHash],
      ]) {
        await expect(registry.connect(outsiders[0]).applyForAdmission(Kind.Person, uri, hash))
          .to.be.revertedWithCustomError(registry, "CommonsRegistryInvalidProfile")
          .withArgs(uri, hash);
      }
      expect(await registry.statusOf(outsiders[0].address)).to.equal(Status.None);
    });

    it("refuses a duplicate application while the window is open", async () => {
      const { registry, outsiders } = await networkHelpers.loadFixture(setup);
      const [dan] = outsiders;
      await registry.connect(dan).applyForAdmission(Kind.Person, PROFILE, PROFILE_HASH);
      const [, windowEnd] = await registry.applicationOf(dan.address);
      await expect(registry.connect(dan).applyForAdmission(Kind.Cooperative, PROFILE, OTHER_HASH))
        .to.be.revertedWithCustomError(registry, "CommonsRegistryAlreadyApplied")
        .withArgs(dan.address, windowEnd);
      expect(await registry.kindOf(dan.address)).to.equal(Kind.Person);
    });

    it("renews an expired application, discarding its vouches, without listing it twice", async () => {
      const { registry, alice, outsiders } = await networkHelpers.loadFixture(setup);
      const [dan] = outsiders;
      await registry.connect(dan).applyForAdmission(Kind.Person, PROFILE, PROFILE_HASH);
      await registry.connect(alice).vouch(dan.address);
      const count = await registry.accountCount();
      await networkHelpers.time.increase(WINDOW + 1);
      await expect(registry.connect(dan).applyForAdmission(Kind.Enterprise, PROFILE, OTHER_HASH)).to.emit(
        registry,
        "Applied",
      );
      expect(await registry.accountCount()).to.equal(count);
      expect(await registry.kindOf(dan.address)).to.equal(Kind.Enterprise);
      expect((await registry.applicationOf(dan.address))[0]).to.equal(0n);
      expect(await registry.hasVouched(dan.address, alice.address)).to.equal(false);
      // Alice may vouch again for the new application.
      await expect(registry.connect(alice).vouch(dan.address))
        .to.emit(registry, "Vouched")
        .withArgs(alice.address, dan.address, 1, THRESHOLD);
    });

    it("refuses members, suspended and expelled accounts", async () => {
      const { registry, alice, bob, carol } = await networkHelpers.loadFixture(setup);
      await registry.suspend(bob.address, "spam");
      await registry.expel(carol.address, "fraud");
      for (const [account, status] of [
        [alice, Status.Admitted],
        [bob, Status.Suspended],
        [carol, Status.Expelled],
      ] as const) {
        await expect(registry.connect(account).applyForAdmission(Kind.Person, PROFILE, PROFILE_HASH))
          .to.be.revertedWithCustomError(registry, "CommonsRegistryCannotApply")
          .withArgs(account.address, status);
      }
    });

    it("refuses protocol accounts", async () => {
      const { registry, outsiders } = await networkHelpers.loadFixture(setup);
      const [fund] = outsiders;
      await registry.setProtocolAccount(fund.address, true);
      await expect(registry.connect(fund).applyForAdmission(Kind.Person, PROFILE, PROFILE_HASH))
        .to.be.revertedWithCustomError(registry, "CommonsRegistryProtocolAccount")
        .withArgs(fund.address);
    });
  });

  describe("applying as a Place", () => {
    it("records the place's name, location and machines in an event", async () => {
      const { registry, outsiders } = await networkHelpers.loadFixture(setup);
      const [lab] = outsiders;
      await expect(registry.connect(lab).applyAsPlace(PROFILE, PROFILE_HASH, FABLAB))
        .to.emit(registry, "PlaceUpdated")
        .withArgs(
          lab.address,
          FABLAB.name,
          FABLAB.latitudeE6,
          FABLAB.longitudeE6,
          FABLAB.country,
          FABLAB.machines,
        )
        .and.to.emit(registry, "Applied");
      expect(await registry.kindOf(lab.address)).to.equal(Kind.Place);
    });

    it("refuses a missing or overlong name", async () => {
      const { registry, outsiders } = await networkHelpers.loadFixture(setup);
      for (const name of ["", "n".repeat(129)]) {
        await expect(registry.connect(outsiders[0]).applyAsPlace(PROFILE, PROFILE_HASH, { ...FABLAB, name }))
          .to.be.revertedWithCustomError(registry, "CommonsRegistryInvalidPlaceName")
          .withArgs(name);
      }
    });

    it("refuses coordinates off the Earth", async () => {
      const { registry, outsiders } = await networkHelpers.loadFixture(setup);
      for (const [latitudeE6, longitudeE6] of [
        [90_000_001, 0],
        [-90_000_001, 0],
        [0, 180_000_001],
        [0, -180_000_001],
      ]) {
        await expect(
          registry.connect(outsiders[0]).applyAsPlace(PROFILE, PROFILE_HASH, { ...FABLAB, latitudeE6, longitudeE6 }),
        )
          .to.be.revertedWithCustomError(registry, "CommonsRegistryInvalidLocation")
          .withArgs(latitudeE6, longitudeE6);
      }
    });

    it("accepts the poles and the antimeridian", async () => {
      const { registry, outsiders } = await networkHelpers.loadFixture(setup);
      await expect(
        registry
          .connect(outsiders[0])
          .applyAsPlace(PROFILE, PROFILE_HASH, { ...FABLAB, latitudeE6: -90_000_000, longitudeE6: 180_000_000 }),
      ).to.emit(registry, "PlaceUpdated");
    });

    it("refuses a country that is not two capital letters", async () => {
      const { registry, outsiders } = await networkHelpers.loadFixture(setup);
      for (const country of ["0x6672", "0x4631", "0x4046", "0x465b"]) {
        await expect(registry.connect(outsiders[0]).applyAsPlace(PROFILE, PROFILE_HASH, { ...FABLAB, country }))
          .to.be.revertedWithCustomError(registry, "CommonsRegistryInvalidCountry")
          .withArgs(country);
      }
    });

    it("refuses more than 32 machines and empty or overlong machine names", async () => {
      const { registry, outsiders } = await networkHelpers.loadFixture(setup);
      const lab = registry.connect(outsiders[0]);
      const many = Array.from({ length: 33 }, (_, i) => `machine ${i}`);
      await expect(lab.applyAsPlace(PROFILE, PROFILE_HASH, { ...FABLAB, machines: many }))
        .to.be.revertedWithCustomError(registry, "CommonsRegistryTooManyMachines")
        .withArgs(33, 32);
      for (const bad of ["", "m".repeat(65)]) {
        await expect(lab.applyAsPlace(PROFILE, PROFILE_HASH, { ...FABLAB, machines: ["lathe", bad] }))
          .to.be.revertedWithCustomError(registry, "CommonsRegistryInvalidMachine")
          .withArgs(1, bad);
      }
      expect(await registry.statusOf(outsiders[0].address)).to.equal(Status.None);
    });
  });

  describe("vouching", () => {
    async function withApplicant() {
      const setupResult = await deployRegistry(ethers);
      const [dan] = setupResult.outsiders;
      await setupResult.registry.connect(dan).applyForAdmission(Kind.Person, PROFILE, PROFILE_HASH);
      return { ...setupResult, dan };
    }

    it("counts a vouch from an admitted Person", async () => {
      const { registry, alice, dan } = await networkHelpers.loadFixture(withApplicant);
      await expect(registry.connect(alice).vouch(dan.address))
        .to.emit(registry, "Vouched")
        .withArgs(alice.address, dan.address, 1, THRESHOLD)
        .and.not.to.emit(registry, "Admitted");
      expect(await registry.hasVouched(dan.address, alice.address)).to.equal(true);
      expect((await registry.applicationOf(dan.address))[0]).to.equal(1n);
      expect(await registry.statusOf(dan.address)).to.equal(Status.Applicant);
    });

    it("admits the candidate with the k-th distinct vouch, in the same transaction", async () => {
      const { registry, alice, bob, dan } = await networkHelpers.loadFixture(withApplicant);
      await registry.connect(alice).vouch(dan.address);
      await expect(registry.connect(bob).vouch(dan.address))
        .to.emit(registry, "Admitted")
        .withArgs(dan.address, Kind.Person, Path.Vouches)
        .and.to.emit(registry, "Transfer")
        .withArgs(ethers.ZeroAddress, dan.address, BigInt(dan.address));
      expect(await registry.statusOf(dan.address)).to.equal(Status.Admitted);
      expect(await registry.getVotes(dan.address)).to.equal(1n);
      expect(await registry.applicationOf(dan.address)).to.deep.equal([0n, 0n]);
      expect(await registry.hasVouched(dan.address, alice.address)).to.equal(false);
    });

    it("admits a Place by vouches without giving it a vote", async () => {
      const { registry, alice, bob, outsiders } = await networkHelpers.loadFixture(withApplicant);
      const lab = outsiders[1];
      await registry.connect(lab).applyAsPlace(PROFILE, PROFILE_HASH, FABLAB);
      await registry.connect(alice).vouch(lab.address);
      await expect(registry.connect(bob).vouch(lab.address))
        .to.emit(registry, "Admitted")
        .withArgs(lab.address, Kind.Place, Path.Vouches)
        .and.not.to.emit(registry, "Transfer");
      expect(await registry.balanceOf(lab.address)).to.equal(0n);
      expect(await registry.getVotes(lab.address)).to.equal(0n);
      expect(await registry.isAllowed(lab.address)).to.equal(true);
    });

    it("never admits with fewer than k vouches", async () => {
      const { registry, alice, bob, dan } = await networkHelpers.loadFixture(withApplicant);
      await registry.setAdmissionRule(3, WINDOW);
      await registry.connect(alice).vouch(dan.address);
      await registry.connect(bob).vouch(dan.address);
      expect(await registry.statusOf(dan.address)).to.equal(Status.Applicant);
      expect(await registry.isAllowed(dan.address)).to.equal(false);
    });

    it("admits on the next vouch once governance lowers k below the vouches gathered", async () => {
      const { registry, alice, bob, carol, dan } = await networkHelpers.loadFixture(withApplicant);
      await registry.setAdmissionRule(3, WINDOW);
      await registry.connect(alice).vouch(dan.address);
      await registry.connect(bob).vouch(dan.address);
      await registry.setAdmissionRule(1, WINDOW);
      await expect(registry.connect(carol).vouch(dan.address))
        .to.emit(registry, "Admitted")
        .withArgs(dan.address, Kind.Person, Path.Vouches);
    });

    it("refuses a self-vouch", async () => {
      const { registry, alice } = await networkHelpers.loadFixture(withApplicant);
      await expect(registry.connect(alice).vouch(alice.address))
        .to.be.revertedWithCustomError(registry, "CommonsRegistrySelfVouch")
        .withArgs(alice.address);
    });

    it("refuses a double vouch", async () => {
      const { registry, alice, dan } = await networkHelpers.loadFixture(withApplicant);
      await registry.connect(alice).vouch(dan.address);
      await expect(registry.connect(alice).vouch(dan.address))
        .to.be.revertedWithCustomError(registry, "CommonsRegistryAlreadyVouched")
        .withArgs(alice.address, dan.address);
      expect((await registry.applicationOf(dan.address))[0]).to.equal(1n);
    });

    it("refuses vouches by non-members, applicants, suspended Persons and organisations", async () => {
      const { registry, bob, coop, place, dan, outsiders } = await networkHelpers.loadFixture(withApplicant);
      const [, stranger, otherApplicant] = outsiders;
      await registry.connect(otherApplicant).applyForAdmission(Kind.Person, PROFILE, PROFILE_HASH);
      await registry.suspend(bob.address, "review");
      for (const [voucher, kind, status] of [
        [stranger, Kind.None, Status.None],
        [otherApplicant, Kind.Person, Status.Applicant],
        [bob, Kind.Person, Status.Suspended],
        [coop, Kind.Cooperative, Status.Admitted],
        [place, Kind.Place, Status.Admitted],
      ] as const) {
        await expect(registry.connect(voucher).vouch(dan.address))
          .to.be.revertedWithCustomError(registry, "CommonsRegistryVoucherNotMember")
          .withArgs(voucher.address, kind, status);
      }
    });

    it("refuses a vouch for an account that is not applying", async () => {
      const { registry, alice, bob, outsiders } = await networkHelpers.loadFixture(withApplicant);
      for (const [candidate, status] of [
        [outsiders[1], Status.None],
        [bob, Status.Admitted],
      ] as const) {
        await expect(registry.connect(alice).vouch(candidate.address))
          .to.be.revertedWithCustomError(registry, "CommonsRegistryNotApplicant")
          .withArgs(candidate.address, status);
      }
    });

    it("refuses a vouch after the window has expired", async () => {
      const { registry, alice, dan } = await networkHelpers.loadFixture(withApplicant);
      const [, windowEnd] = await registry.applicationOf(dan.address);
      await networkHelpers.time.setNextBlockTimestamp(windowEnd + 1n);
      await expect(registry.connect(alice).vouch(dan.address))
        .to.be.revertedWithCustomError(registry, "CommonsRegistryApplicationExpired")
        .withArgs(dan.address, windowEnd, windowEnd + 1n);
    });

    it("accepts a vouch at the last second of the window", async () => {
      const { registry, alice, dan } = await networkHelpers.loadFixture(withApplicant);
      const [, windowEnd] = await registry.applicationOf(dan.address);
      await networkHelpers.time.setNextBlockTimestamp(windowEnd);
      await expect(registry.connect(alice).vouch(dan.address)).to.emit(registry, "Vouched");
    });
  });
});
