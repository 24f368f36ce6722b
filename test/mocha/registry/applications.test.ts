import { expect } from "chai";
import { network } from "hardhat";
import {
  applicationTypes,
  admissionsDomain,
  deployRegistry,
  FABLAB,
  Kind,
  NO_PLACE,
  OTHER_HASH,
  profileChangeTypes,
  PROFILE,
  PROFILE_HASH,
  RULE,
  signApplication,
  State,
  Status,
  THRESHOLD,
  WINDOW,
} from "./fixtures.ts";

const { ethers, networkHelpers } = await network.create();

async function setup() {
  return deployRegistry(ethers);
}

const now = async () => BigInt(await networkHelpers.time.latest());

describe("Admissions: applying", () => {
  describe("deployment", () => {
    it("is created by the registry, bound to it, with the initial rule", async () => {
      const factory = await ethers.getContractFactory("CommonsRegistry");
      const [admin] = await ethers.getSigners();
      const registry = await factory.deploy(admin.address, 3, 30 * 24 * 3600);
      const admissions = await ethers.getContractAt("Admissions", await registry.admissions());
      expect(await admissions.registry()).to.equal(await registry.getAddress());
      const rule = await admissions.admissionRule();
      expect([rule.vouchThreshold, rule.vouchWindow]).to.deep.equal([3n, 30n * 86_400n]);
      expect(rule.admissionDelay).to.equal(14n * 86_400n);
      expect(rule.ripeningPeriod).to.equal(14n * 86_400n);
      expect(rule.voucherSeniority).to.equal(28n * 86_400n);
      expect([rule.vouchBudget, rule.budgetPeriod]).to.deep.equal([2n, 30n * 86_400n]);
      expect(rule.reapplyCooldown).to.equal(30n * 86_400n);
    });

    it("refuses an initial rule out of bounds", async () => {
      const [admin] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("CommonsRegistry");
      const admissionsFactory = await ethers.getContractFactory("Admissions");
      for (const [threshold, window] of [
        [0, WINDOW],
        [65, WINDOW],
        [THRESHOLD, 3599],
        [THRESHOLD, 365 * 24 * 3600 + 1],
      ]) {
        await expect(
          factory.deploy(admin.address, threshold, window),
        ).to.be.revertedWithCustomError(admissionsFactory, "AdmissionsInvalidAdmissionRule");
      }
    });

    it("refuses a zero admin", async () => {
      const factory = await ethers.getContractFactory("CommonsRegistry");
      await expect(
        factory.deploy(ethers.ZeroAddress, THRESHOLD, WINDOW),
      ).to.be.revertedWithCustomError(factory, "CommonsRegistryZeroAddress");
    });
  });

  describe("by transaction", () => {
    it("records an open application and publishes its profile, leaving the registry untouched", async () => {
      const { registry, admissions, outsiders } = await networkHelpers.loadFixture(setup);
      const [dan] = outsiders;
      const countBefore = await registry.accountCount();
      const tx = admissions.connect(dan).applyForAdmission(Kind.Person, PROFILE, PROFILE_HASH);
      const windowEnd = (await networkHelpers.time.latest()) + 1 + WINDOW;
      await expect(tx)
        .to.emit(admissions, "Applied")
        .withArgs(dan.address, Kind.Person, PROFILE, PROFILE_HASH, windowEnd, 1)
        .and.to.emit(admissions, "ProfileUpdated")
        .withArgs(dan.address, PROFILE, PROFILE_HASH);
      const application = await admissions.applicationOf(dan.address);
      expect(application.state).to.equal(State.Open);
      expect(application.kind).to.equal(Kind.Person);
      expect([application.vouches, application.threshold]).to.deep.equal([0n, BigInt(THRESHOLD)]);
      expect(application.windowEnd).to.equal(BigInt(windowEnd));
      expect(application.profileHash).to.equal(PROFILE_HASH);
      expect(application.profileURIHash).to.equal(ethers.id(PROFILE));
      expect(await admissions.hasApplication(dan.address)).to.equal(true);
      expect(await admissions.nonces(dan.address)).to.equal(1n);
      expect(await registry.statusOf(dan.address)).to.equal(Status.None);
      expect(await registry.accountCount()).to.equal(countBefore);
      expect(await registry.isAllowed(dan.address)).to.equal(false);
    });

    it("refuses the kind None, and Place outside applyAsPlace", async () => {
      const { admissions, outsiders } = await networkHelpers.loadFixture(setup);
      for (const kind of [Kind.None, Kind.Place]) {
        await expect(
          admissions.connect(outsiders[0]).applyForAdmission(kind, PROFILE, PROFILE_HASH),
        )
          .to.be.revertedWithCustomError(admissions, "AdmissionsInvalidKind")
          .withArgs(kind);
      }
    });

    it("refuses an empty or overlong profile URI and a zero hash", async () => {
      const { admissions, registry, outsiders } = await networkHelpers.loadFixture(setup);
      const longURI = `ipfs://${"x".repeat(506)}`;
      for (const [uri, hash] of [
        ["", PROFILE_HASH],
        [longURI, PROFILE_HASH],
        [PROFILE, ethers.ZeroHash],
      ]) {
        await expect(admissions.connect(outsiders[0]).applyForAdmission(Kind.Person, uri, hash))
          .to.be.revertedWithCustomError(registry, "CommonsRegistryInvalidProfile")
          .withArgs(uri, hash);
      }
      expect((await admissions.applicationOf(outsiders[0].address)).state).to.equal(State.None);
    });

    it("refuses participants of the registry and protocol accounts", async () => {
      const { registry, admissions, alice, bob, carol, outsiders } =
        await networkHelpers.loadFixture(setup);
      await registry.suspend(bob.address, "spam");
      await registry.expel(carol.address, "fraud");
      for (const [account, status] of [
        [alice, Status.Admitted],
        [bob, Status.Suspended],
        [carol, Status.Expelled],
      ] as const) {
        await expect(
          admissions.connect(account).applyForAdmission(Kind.Person, PROFILE, PROFILE_HASH),
        )
          .to.be.revertedWithCustomError(admissions, "AdmissionsCannotApply")
          .withArgs(account.address, status);
      }
      const [fund] = outsiders;
      await registry.setProtocolAccount(fund.address, true);
      await expect(admissions.connect(fund).applyForAdmission(Kind.Person, PROFILE, PROFILE_HASH))
        .to.be.revertedWithCustomError(admissions, "AdmissionsProtocolAccount")
        .withArgs(fund.address);
    });
  });

  describe("as a Place", () => {
    it("records the place's name, location and machines in an event", async () => {
      const { admissions, outsiders } = await networkHelpers.loadFixture(setup);
      const [lab] = outsiders;
      await expect(admissions.connect(lab).applyAsPlace(PROFILE, PROFILE_HASH, FABLAB))
        .to.emit(admissions, "PlaceUpdated")
        .withArgs(
          lab.address,
          FABLAB.name,
          FABLAB.latitudeE6,
          FABLAB.longitudeE6,
          FABLAB.country,
          FABLAB.machines,
        )
        .and.to.emit(admissions, "Applied");
      expect((await admissions.applicationOf(lab.address)).kind).to.equal(Kind.Place);
    });

    it("refuses invalid place data: name, coordinates, country, machines", async () => {
      const { admissions, registry, outsiders } = await networkHelpers.loadFixture(setup);
      const lab = admissions.connect(outsiders[0]);
      const apply = (place: typeof FABLAB) => lab.applyAsPlace(PROFILE, PROFILE_HASH, place);
      for (const name of ["", "n".repeat(129)]) {
        await expect(apply({ ...FABLAB, name }))
          .to.be.revertedWithCustomError(registry, "CommonsRegistryInvalidPlaceName")
          .withArgs(name);
      }
      for (const [latitudeE6, longitudeE6] of [
        [90_000_001, 0],
        [-90_000_001, 0],
        [0, 180_000_001],
        [0, -180_000_001],
      ]) {
        await expect(apply({ ...FABLAB, latitudeE6, longitudeE6 }))
          .to.be.revertedWithCustomError(registry, "CommonsRegistryInvalidLocation")
          .withArgs(latitudeE6, longitudeE6);
      }
      for (const country of ["0x6672", "0x4631", "0x4046", "0x465b"]) {
        await expect(apply({ ...FABLAB, country }))
          .to.be.revertedWithCustomError(registry, "CommonsRegistryInvalidCountry")
          .withArgs(country);
      }
      const many = Array.from({ length: 33 }, (_, i) => `machine ${i}`);
      await expect(apply({ ...FABLAB, machines: many }))
        .to.be.revertedWithCustomError(registry, "CommonsRegistryTooManyMachines")
        .withArgs(33, 32);
      for (const bad of ["", "m".repeat(65)]) {
        await expect(apply({ ...FABLAB, machines: ["lathe", bad] }))
          .to.be.revertedWithCustomError(registry, "CommonsRegistryInvalidMachine")
          .withArgs(1, bad);
      }
      await expect(apply({ ...FABLAB, latitudeE6: -90_000_000, longitudeE6: 180_000_000 })).to.emit(
        admissions,
        "PlaceUpdated",
      );
    });
  });

  describe("by signature", () => {
    it("lets a member relay a newcomer's signed application, under the same rules", async () => {
      const { admissions, alice, outsiders } = await networkHelpers.loadFixture(setup);
      const [dan] = outsiders;
      const { application, signature } = await signApplication(admissions, dan, {
        now: await now(),
      });
      await expect(admissions.connect(alice).applyBySig(application, signature))
        .to.emit(admissions, "Applied")
        .withArgs(dan.address, Kind.Person, PROFILE, PROFILE_HASH, (t: bigint) => t > 0n, 1);
      expect((await admissions.applicationOf(dan.address)).state).to.equal(State.Open);
      expect(await admissions.nonces(dan.address)).to.equal(1n);
      // The same signature cannot be used twice: its nonce is spent.
      await expect(admissions.connect(alice).applyBySig(application, signature))
        .to.be.revertedWithCustomError(admissions, "InvalidAccountNonce")
        .withArgs(dan.address, 1);
    });

    it("submits a signed Place application with its place data", async () => {
      const { admissions, bob, outsiders } = await networkHelpers.loadFixture(setup);
      const [lab] = outsiders;
      const { application, signature } = await signApplication(admissions, lab, {
        now: await now(),
        kind: Kind.Place,
        place: FABLAB,
      });
      await expect(admissions.connect(bob).applyBySig(application, signature))
        .to.emit(admissions, "PlaceUpdated")
        .withArgs(
          lab.address,
          FABLAB.name,
          FABLAB.latitudeE6,
          FABLAB.longitudeE6,
          FABLAB.country,
          FABLAB.machines,
        );
    });

    it("lets the relaying member vouch in the same transaction", async () => {
      const { admissions, alice, outsiders } = await networkHelpers.loadFixture(setup);
      const [dan] = outsiders;
      const { application, signature } = await signApplication(admissions, dan, {
        now: await now(),
      });
      await expect(admissions.connect(alice).applyBySigAndVouch(application, signature))
        .to.emit(admissions, "Vouched")
        .withArgs(alice.address, dan.address, 1, THRESHOLD);
      expect(await admissions.hasVouched(dan.address, alice.address)).to.equal(true);
    });

    it("refuses an expired signature, a wrong nonce, a forged signer and altered fields", async () => {
      const { admissions, alice, outsiders } = await networkHelpers.loadFixture(setup);
      const [dan, mallory] = outsiders;
      const t = await now();
      const expired = await signApplication(admissions, dan, { now: t, deadline: t });
      await expect(admissions.applyBySig(expired.application, expired.signature))
        .to.be.revertedWithCustomError(admissions, "AdmissionsExpiredSignature")
        .withArgs(dan.address, t);
      const ahead = await signApplication(admissions, dan, { now: t, nonce: 5n });
      await expect(admissions.applyBySig(ahead.application, ahead.signature))
        .to.be.revertedWithCustomError(admissions, "InvalidAccountNonce")
        .withArgs(dan.address, 0);
      // Mallory signs an application naming Dan.
      const forged = await signApplication(admissions, mallory, { now: t });
      const asDan = { ...forged.application, applicant: dan.address, nonce: 0n };
      await expect(admissions.applyBySig(asDan, forged.signature))
        .to.be.revertedWithCustomError(admissions, "AdmissionsInvalidSignature")
        .withArgs(dan.address);
      // A relayer changes the kind or the profile Dan signed.
      const honest = await signApplication(admissions, dan, { now: t });
      for (const altered of [
        { ...honest.application, kind: Kind.Enterprise },
        { ...honest.application, profileHash: OTHER_HASH },
        { ...honest.application, profileURI: "ipfs://other" },
      ]) {
        await expect(admissions.connect(alice).applyBySig(altered, honest.signature))
          .to.be.revertedWithCustomError(admissions, "AdmissionsInvalidSignature")
          .withArgs(dan.address);
      }
      await expect(admissions.applyBySig(honest.application, "0x1234"))
        .to.be.revertedWithCustomError(admissions, "AdmissionsInvalidSignature")
        .withArgs(dan.address);
      expect((await admissions.applicationOf(dan.address)).state).to.equal(State.None);
    });

    it("refuses place data on an application that is not a Place's", async () => {
      const { admissions, outsiders } = await networkHelpers.loadFixture(setup);
      const t = await now();
      for (const place of [
        FABLAB,
        { ...NO_PLACE, machines: ["lathe"] },
        { ...NO_PLACE, latitudeE6: 1 },
        { ...NO_PLACE, longitudeE6: -1 },
        { ...NO_PLACE, country: "0x4652" },
      ]) {
        const signed = await signApplication(admissions, outsiders[0], { now: t, place });
        await expect(admissions.applyBySig(signed.application, signed.signature))
          .to.be.revertedWithCustomError(admissions, "AdmissionsUnexpectedPlace")
          .withArgs(Kind.Person);
      }
    });

    it("signs the documented EIP-712 type", async () => {
      const { admissions, outsiders } = await networkHelpers.loadFixture(setup);
      const { application } = await signApplication(admissions, outsiders[0], { now: await now() });
      const digest = ethers.TypedDataEncoder.hash(
        await admissionsDomain(admissions),
        applicationTypes,
        application,
      );
      expect(digest).to.match(/^0x[0-9a-f]{64}$/);
      const [, name, version] = await admissions.eip712Domain();
      expect([name, version]).to.deep.equal(["SPIN Admissions", "1"]);
    });
  });

  describe("one application at a time", () => {
    it("refuses a second application while one is open or scheduled", async () => {
      const { admissions, alice, bob, outsiders } = await networkHelpers.loadFixture(setup);
      const [dan] = outsiders;
      await admissions.connect(dan).applyForAdmission(Kind.Person, PROFILE, PROFILE_HASH);
      await expect(admissions.connect(dan).applyForAdmission(Kind.Cooperative, PROFILE, OTHER_HASH))
        .to.be.revertedWithCustomError(admissions, "AdmissionsAlreadyApplied")
        .withArgs(dan.address, State.Open);
      await admissions.connect(alice).vouch(dan.address, PROFILE_HASH);
      await admissions.connect(bob).vouch(dan.address, PROFILE_HASH);
      await expect(admissions.connect(dan).applyForAdmission(Kind.Person, PROFILE, PROFILE_HASH))
        .to.be.revertedWithCustomError(admissions, "AdmissionsAlreadyApplied")
        .withArgs(dan.address, State.Scheduled);
    });

    it("lets an expired application be renewed only after the cool-down, vouches discarded", async () => {
      const { admissions, alice, outsiders } = await networkHelpers.loadFixture(setup);
      const [dan] = outsiders;
      await admissions.connect(dan).applyForAdmission(Kind.Person, PROFILE, PROFILE_HASH);
      await admissions.connect(alice).vouch(dan.address, PROFILE_HASH);
      const { windowEnd } = await admissions.applicationOf(dan.address);
      await networkHelpers.time.increaseTo(windowEnd + 1n);
      const closed = await admissions.applicationOf(dan.address);
      expect(closed.state).to.equal(State.Closed);
      const mayApplyFrom = windowEnd + 1n + BigInt(RULE.reapplyCooldown);
      expect(closed.mayApplyFrom).to.equal(mayApplyFrom);
      await expect(admissions.connect(dan).applyForAdmission(Kind.Enterprise, PROFILE, OTHER_HASH))
        .to.be.revertedWithCustomError(admissions, "AdmissionsCoolingDown")
        .withArgs(dan.address, mayApplyFrom);
      await networkHelpers.time.setNextBlockTimestamp(mayApplyFrom);
      await expect(
        admissions.connect(dan).applyForAdmission(Kind.Enterprise, PROFILE, OTHER_HASH),
      ).to.emit(admissions, "Applied");
      const renewed = await admissions.applicationOf(dan.address);
      expect([renewed.kind, renewed.vouches, renewed.round]).to.deep.equal([
        BigInt(Kind.Enterprise),
        0n,
        2n,
      ]);
      expect(await admissions.hasVouched(dan.address, alice.address)).to.equal(false);
      await expect(admissions.connect(alice).vouch(dan.address, OTHER_HASH))
        .to.emit(admissions, "Vouched")
        .withArgs(alice.address, dan.address, 1, THRESHOLD);
    });
  });

  describe("changing the profile", () => {
    it("restarts the application: vouches discarded, a scheduled admission cancelled", async () => {
      const { admissions, alice, bob, outsiders } = await networkHelpers.loadFixture(setup);
      const [dan] = outsiders;
      await admissions.connect(dan).applyForAdmission(Kind.Person, PROFILE, PROFILE_HASH);
      await admissions.connect(alice).vouch(dan.address, PROFILE_HASH);
      await admissions.connect(bob).vouch(dan.address, PROFILE_HASH);
      expect((await admissions.applicationOf(dan.address)).state).to.equal(State.Scheduled);
      await expect(admissions.connect(dan).updateApplication("ipfs://v2", OTHER_HASH))
        .to.emit(admissions, "Applied")
        .withArgs(dan.address, Kind.Person, "ipfs://v2", OTHER_HASH, (t: bigint) => t > 0n, 2)
        .and.to.emit(admissions, "ProfileUpdated")
        .withArgs(dan.address, "ipfs://v2", OTHER_HASH);
      const restarted = await admissions.applicationOf(dan.address);
      expect([restarted.state, restarted.vouches, restarted.admissibleAt]).to.deep.equal([
        BigInt(State.Open),
        0n,
        0n,
      ]);
      expect(await admissions.hasVouched(dan.address, alice.address)).to.equal(false);
      // A vouch for the profile Alice read earlier no longer counts; she vouches for the new one.
      await expect(admissions.connect(alice).vouch(dan.address, PROFILE_HASH))
        .to.be.revertedWithCustomError(admissions, "AdmissionsProfileChanged")
        .withArgs(dan.address, PROFILE_HASH, OTHER_HASH);
      await expect(admissions.connect(alice).vouch(dan.address, OTHER_HASH)).to.emit(
        admissions,
        "Vouched",
      );
    });

    it("accepts a signed profile change relayed by anyone, once", async () => {
      const { admissions, alice, outsiders } = await networkHelpers.loadFixture(setup);
      const [dan] = outsiders;
      await admissions.connect(dan).applyForAdmission(Kind.Person, PROFILE, PROFILE_HASH);
      const change = {
        applicant: dan.address,
        profileURI: "ipfs://v2",
        profileHash: OTHER_HASH,
        nonce: await admissions.nonces(dan.address),
        deadline: (await now()) + 3600n,
      };
      const signature = await dan.signTypedData(
        await admissionsDomain(admissions),
        profileChangeTypes,
        change,
      );
      await expect(admissions.connect(alice).updateApplicationBySig(change, signature))
        .to.emit(admissions, "Applied")
        .withArgs(dan.address, Kind.Person, "ipfs://v2", OTHER_HASH, (t: bigint) => t > 0n, 2);
      await expect(admissions.connect(alice).updateApplicationBySig(change, signature))
        .to.be.revertedWithCustomError(admissions, "InvalidAccountNonce")
        .withArgs(dan.address, 2);
    });

    it("refuses a change from an account with no open application", async () => {
      const { admissions, outsiders } = await networkHelpers.loadFixture(setup);
      const [dan, erin] = outsiders;
      await expect(admissions.connect(erin).updateApplication(PROFILE, OTHER_HASH))
        .to.be.revertedWithCustomError(admissions, "AdmissionsNotApplicant")
        .withArgs(erin.address, State.None);
      await admissions.connect(dan).applyForAdmission(Kind.Person, PROFILE, PROFILE_HASH);
      const { windowEnd } = await admissions.applicationOf(dan.address);
      await networkHelpers.time.setNextBlockTimestamp(windowEnd + 1n);
      await expect(admissions.connect(dan).updateApplication(PROFILE, OTHER_HASH))
        .to.be.revertedWithCustomError(admissions, "AdmissionsApplicationExpired")
        .withArgs(dan.address, windowEnd, windowEnd + 1n);
    });
  });
});
