import { expect } from "chai";
import { network } from "hardhat";
import {
  DAY,
  deployRegistry,
  FABLAB,
  Kind,
  OTHER_HASH,
  Path,
  PROFILE,
  PROFILE_HASH,
  RULE,
  State,
  Status,
  THRESHOLD,
} from "./fixtures.ts";

const { ethers, networkHelpers } = await network.create();

/** The fixture plus Dan, who applied as a Person. */
async function withApplicant() {
  const setup = await deployRegistry(ethers);
  const [dan] = setup.outsiders;
  await setup.admissions.connect(dan).applyForAdmission(Kind.Person, PROFILE, PROFILE_HASH);
  return { ...setup, dan };
}

/** Dan has his two vouches: his admission is scheduled. */
async function withScheduled() {
  const setup = await withApplicant();
  await setup.admissions.connect(setup.alice).vouch(setup.dan.address, PROFILE_HASH);
  await setup.admissions.connect(setup.bob).vouch(setup.dan.address, PROFILE_HASH);
  return setup;
}

describe("Admissions: vouching and admitting", () => {
  describe("vouches", () => {
    it("count a vouch from an established member for the profile it read", async () => {
      const { admissions, alice, dan } = await networkHelpers.loadFixture(withApplicant);
      await expect(admissions.connect(alice).vouch(dan.address, PROFILE_HASH))
        .to.emit(admissions, "Vouched")
        .withArgs(alice.address, dan.address, 1, THRESHOLD)
        .and.not.to.emit(admissions, "AdmissionScheduled");
      expect(await admissions.hasVouched(dan.address, alice.address)).to.equal(true);
      expect((await admissions.applicationOf(dan.address)).vouches).to.equal(1n);
    });

    it("refuse a self-vouch, a double vouch and a vouch for another profile", async () => {
      const { admissions, alice, dan } = await networkHelpers.loadFixture(withApplicant);
      await expect(admissions.connect(dan).vouch(dan.address, PROFILE_HASH))
        .to.be.revertedWithCustomError(admissions, "AdmissionsSelfVouch")
        .withArgs(dan.address);
      await admissions.connect(alice).vouch(dan.address, PROFILE_HASH);
      await expect(admissions.connect(alice).vouch(dan.address, PROFILE_HASH))
        .to.be.revertedWithCustomError(admissions, "AdmissionsAlreadyVouched")
        .withArgs(alice.address, dan.address);
      await expect(admissions.connect(alice).vouch(dan.address, OTHER_HASH))
        .to.be.revertedWithCustomError(admissions, "AdmissionsProfileChanged")
        .withArgs(dan.address, OTHER_HASH, PROFILE_HASH);
    });

    it("refuse vouchers that are not members in good standing", async () => {
      const { registry, admissions, bob, coop, place, dan, outsiders } =
        await networkHelpers.loadFixture(withApplicant);
      const [, stranger, otherApplicant] = outsiders;
      await admissions
        .connect(otherApplicant)
        .applyForAdmission(Kind.Person, PROFILE, PROFILE_HASH);
      await registry.suspend(bob.address, "review");
      for (const [voucher, kind, status] of [
        [stranger, Kind.None, Status.None],
        [otherApplicant, Kind.None, Status.None],
        [bob, Kind.Person, Status.Suspended],
        [coop, Kind.Cooperative, Status.Admitted],
        [place, Kind.Place, Status.Admitted],
      ] as const) {
        await expect(admissions.connect(voucher).vouch(dan.address, PROFILE_HASH))
          .to.be.revertedWithCustomError(admissions, "AdmissionsVoucherNotMember")
          .withArgs(voucher.address, kind, status);
      }
    });

    it("refuse a member admitted less than the seniority ago", async () => {
      const { registry, admissions, dan, outsiders } =
        await networkHelpers.loadFixture(withApplicant);
      const newcomer = outsiders[1];
      await registry.admit(newcomer.address, Kind.Person, PROFILE, PROFILE_HASH);
      const since = BigInt(await networkHelpers.time.latest());
      await expect(admissions.connect(newcomer).vouch(dan.address, PROFILE_HASH))
        .to.be.revertedWithCustomError(admissions, "AdmissionsVoucherTooRecent")
        .withArgs(newcomer.address, since, since + BigInt(RULE.voucherSeniority));
      await networkHelpers.time.setNextBlockTimestamp(since + BigInt(RULE.voucherSeniority));
      await expect(admissions.connect(newcomer).vouch(dan.address, PROFILE_HASH)).to.emit(
        admissions,
        "Vouched",
      );
    });

    it("refuse a vouch for an account that is not applying, or after the window", async () => {
      const { admissions, alice, bob, dan, outsiders } =
        await networkHelpers.loadFixture(withApplicant);
      for (const candidate of [outsiders[1], bob]) {
        await expect(admissions.connect(alice).vouch(candidate.address, PROFILE_HASH))
          .to.be.revertedWithCustomError(admissions, "AdmissionsNotApplicant")
          .withArgs(candidate.address, State.None);
      }
      const { windowEnd } = await admissions.applicationOf(dan.address);
      await networkHelpers.time.setNextBlockTimestamp(windowEnd);
      await expect(admissions.connect(alice).vouch(dan.address, PROFILE_HASH)).to.emit(
        admissions,
        "Vouched",
      );
      await networkHelpers.time.setNextBlockTimestamp(windowEnd + 1n);
      await expect(admissions.connect(bob).vouch(dan.address, PROFILE_HASH))
        .to.be.revertedWithCustomError(admissions, "AdmissionsApplicationExpired")
        .withArgs(dan.address, windowEnd, windowEnd + 1n);
    });

    it("stop at each member's budget for the period, and resume in the next", async () => {
      const { admissions, alice, outsiders } = await networkHelpers.loadFixture(withApplicant);
      await admissions.setAdmissionRule({ ...RULE, budgetPeriod: DAY });
      const period = BigInt(DAY);
      const start = (BigInt(await networkHelpers.time.latest()) / period + 1n) * period;
      await networkHelpers.time.increaseTo(start);
      const candidates = outsiders.slice(1, 2 + RULE.vouchBudget);
      for (const candidate of candidates) {
        await admissions.connect(candidate).applyForAdmission(Kind.Person, PROFILE, PROFILE_HASH);
      }
      for (const candidate of candidates.slice(0, RULE.vouchBudget)) {
        await admissions.connect(alice).vouch(candidate.address, PROFILE_HASH);
      }
      expect(await admissions.vouchBudgetOf(alice.address)).to.deep.equal([0n, start + period]);
      const last = candidates[RULE.vouchBudget];
      await expect(admissions.connect(alice).vouch(last.address, PROFILE_HASH))
        .to.be.revertedWithCustomError(admissions, "AdmissionsVouchBudgetExhausted")
        .withArgs(alice.address, RULE.vouchBudget, start + period);
      await networkHelpers.time.setNextBlockTimestamp(start + period);
      await expect(admissions.connect(alice).vouch(last.address, PROFILE_HASH)).to.emit(
        admissions,
        "Vouched",
      );
    });
  });

  describe("the scheduled admission", () => {
    it("is scheduled by the k-th vouch, admissionDelay later", async () => {
      const { admissions, alice, bob, dan } = await networkHelpers.loadFixture(withApplicant);
      await admissions.connect(alice).vouch(dan.address, PROFILE_HASH);
      const tx = admissions.connect(bob).vouch(dan.address, PROFILE_HASH);
      const at = (await networkHelpers.time.latest()) + 1 + RULE.admissionDelay;
      await expect(tx).to.emit(admissions, "AdmissionScheduled").withArgs(dan.address, at);
      const application = await admissions.applicationOf(dan.address);
      expect([application.state, application.admissibleAt]).to.deep.equal([
        BigInt(State.Scheduled),
        BigInt(at),
      ]);
      await expect(admissions.connect(alice).vouch(dan.address, PROFILE_HASH))
        .to.be.revertedWithCustomError(admissions, "AdmissionsNotApplicant")
        .withArgs(dan.address, State.Scheduled);
    });

    it("cannot be completed before its delay, nor with another profile URI", async () => {
      const { admissions, dan } = await networkHelpers.loadFixture(withScheduled);
      const { admissibleAt } = await admissions.applicationOf(dan.address);
      await networkHelpers.time.setNextBlockTimestamp(admissibleAt - 1n);
      await expect(admissions.completeAdmission(dan.address, PROFILE))
        .to.be.revertedWithCustomError(admissions, "AdmissionsAdmissionNotDue")
        .withArgs(dan.address, admissibleAt, admissibleAt - 1n);
      await networkHelpers.time.setNextBlockTimestamp(admissibleAt);
      await expect(admissions.completeAdmission(dan.address, "ipfs://elsewhere"))
        .to.be.revertedWithCustomError(admissions, "AdmissionsProfileURIMismatch")
        .withArgs(dan.address, "ipfs://elsewhere");
      const stranger = ethers.Wallet.createRandom().address;
      await expect(admissions.completeAdmission(stranger, PROFILE))
        .to.be.revertedWithCustomError(admissions, "AdmissionsNotApplicant")
        .withArgs(stranger, State.None);
    });

    it("admits once due, by anyone: a membership whose vote ripens later", async () => {
      const { registry, admissions, coop, dan } = await networkHelpers.loadFixture(withScheduled);
      const { admissibleAt } = await admissions.applicationOf(dan.address);
      await networkHelpers.time.setNextBlockTimestamp(admissibleAt);
      const ripensAt = admissibleAt + BigInt(RULE.ripeningPeriod);
      await expect(admissions.connect(coop).completeAdmission(dan.address, PROFILE))
        .to.emit(registry, "Admitted")
        .withArgs(dan.address, Kind.Person, Path.Vouches)
        .and.to.emit(registry, "VoteRipening")
        .withArgs(dan.address, ripensAt)
        .and.to.emit(registry, "Transfer")
        .withArgs(ethers.ZeroAddress, dan.address, BigInt(dan.address))
        .and.to.emit(registry, "ProfileUpdated")
        .withArgs(dan.address, PROFILE, PROFILE_HASH)
        .and.not.to.emit(registry, "DelegateVotesChanged");
      expect(await registry.statusOf(dan.address)).to.equal(Status.Admitted);
      expect(await registry.delegates(dan.address)).to.equal(dan.address);
      expect(await registry.getVotes(dan.address)).to.equal(0n);
      expect((await registry.standingOf(dan.address)).voteRipensAt).to.equal(ripensAt);
      expect((await admissions.applicationOf(dan.address)).state).to.equal(State.None);
      expect(await admissions.hasApplication(dan.address)).to.equal(false);
    });

    it("admits a Place by vouches with no vote to ripen", async () => {
      const { registry, admissions, alice, bob, outsiders } =
        await networkHelpers.loadFixture(withApplicant);
      const lab = outsiders[1];
      await admissions.connect(lab).applyAsPlace(PROFILE, PROFILE_HASH, FABLAB);
      await admissions.connect(alice).vouch(lab.address, PROFILE_HASH);
      await admissions.connect(bob).vouch(lab.address, PROFILE_HASH);
      await networkHelpers.time.increase(RULE.admissionDelay);
      await expect(admissions.completeAdmission(lab.address, PROFILE))
        .to.emit(registry, "Admitted")
        .withArgs(lab.address, Kind.Place, Path.Vouches)
        .and.not.to.emit(registry, "VoteRipening");
      expect(await registry.isAllowed(lab.address)).to.equal(true);
      expect((await registry.standingOf(lab.address)).voteRipensAt).to.equal(0n);
    });

    it("keeps the rule the application was made under", async () => {
      const { admissions, alice, bob, dan } = await networkHelpers.loadFixture(withApplicant);
      await admissions.setAdmissionRule({ ...RULE, vouchThreshold: 1, admissionDelay: 0 });
      await admissions.connect(alice).vouch(dan.address, PROFILE_HASH);
      expect((await admissions.applicationOf(dan.address)).state).to.equal(State.Open);
      const tx = admissions.connect(bob).vouch(dan.address, PROFILE_HASH);
      const at = (await networkHelpers.time.latest()) + 1 + RULE.admissionDelay;
      await expect(tx).to.emit(admissions, "AdmissionScheduled").withArgs(dan.address, at);
    });
  });

  describe("ripening", () => {
    async function withNewMember() {
      const setup = await withScheduled();
      const { admissibleAt } = await setup.admissions.applicationOf(setup.dan.address);
      await networkHelpers.time.setNextBlockTimestamp(admissibleAt);
      await setup.admissions.completeAdmission(setup.dan.address, PROFILE);
      return { ...setup, ripensAt: admissibleAt + BigInt(RULE.ripeningPeriod) };
    }

    it("gives the vote from the ripen call on, leaving the past unchanged", async () => {
      const { registry, carol, dan, ripensAt } = await networkHelpers.loadFixture(withNewMember);
      const before = await registry.totalVotes();
      await networkHelpers.time.setNextBlockTimestamp(ripensAt - 1n);
      await expect(registry.connect(carol).ripen(dan.address))
        .to.be.revertedWithCustomError(registry, "CommonsRegistryVoteNotRipe")
        .withArgs(dan.address, ripensAt, ripensAt - 1n);
      await networkHelpers.time.setNextBlockTimestamp(ripensAt + 10n);
      await expect(registry.connect(carol).ripen(dan.address))
        .to.emit(registry, "VoteRipened")
        .withArgs(dan.address)
        .and.to.emit(registry, "DelegateVotesChanged")
        .withArgs(dan.address, 0, 1);
      await networkHelpers.mine();
      expect(await registry.getVotes(dan.address)).to.equal(1n);
      expect(await registry.totalVotes()).to.equal(before + 1n);
      expect(await registry.getPastVotes(dan.address, ripensAt + 9n)).to.equal(0n);
      expect(await registry.getPastTotalSupply(ripensAt + 9n)).to.equal(before);
      await expect(registry.ripen(dan.address))
        .to.be.revertedWithCustomError(registry, "CommonsRegistryNothingToRipen")
        .withArgs(dan.address, Kind.Person, Status.Admitted);
    });

    it("ripens a suspended member's vote for its reinstatement", async () => {
      const { registry, dan, ripensAt } = await networkHelpers.loadFixture(withNewMember);
      await registry.suspend(dan.address, "review");
      await expect(registry.reinstate(dan.address, "ok")).not.to.emit(
        registry,
        "DelegateVotesChanged",
      );
      await registry.suspend(dan.address, "review");
      await networkHelpers.time.increaseTo(ripensAt);
      await expect(registry.ripen(dan.address))
        .to.emit(registry, "VoteRipened")
        .and.not.to.emit(registry, "DelegateVotesChanged");
      expect(await registry.getVotes(dan.address)).to.equal(0n);
      await expect(registry.reinstate(dan.address, "ok"))
        .to.emit(registry, "DelegateVotesChanged")
        .withArgs(dan.address, 0, 1);
    });

    it("has nothing to ripen for founders, organisations, strangers and the expelled", async () => {
      const { registry, alice, coop, dan, outsiders, ripensAt } =
        await networkHelpers.loadFixture(withNewMember);
      await registry.expel(dan.address, "fraud");
      await networkHelpers.time.increaseTo(ripensAt);
      for (const [account, kind, status] of [
        [alice, Kind.Person, Status.Admitted],
        [coop, Kind.Cooperative, Status.Admitted],
        [outsiders[3], Kind.None, Status.None],
        [dan, Kind.Person, Status.Expelled],
      ] as const) {
        await expect(registry.ripen(account.address))
          .to.be.revertedWithCustomError(registry, "CommonsRegistryNothingToRipen")
          .withArgs(account.address, kind, status);
      }
    });
  });

  describe("governance", () => {
    it("admits an applicant at once, with a ripe vote", async () => {
      const { registry, admissions, dan } = await networkHelpers.loadFixture(withApplicant);
      await expect(admissions.admitApplicant(dan.address, PROFILE))
        .to.emit(registry, "Admitted")
        .withArgs(dan.address, Kind.Person, Path.Governance)
        .and.to.emit(registry, "DelegateVotesChanged")
        .withArgs(dan.address, 0, 1)
        .and.not.to.emit(registry, "VoteRipening");
      expect(await registry.getVotes(dan.address)).to.equal(1n);
    });

    it("rejects a scheduled application within its window: no admission, a cool-down", async () => {
      const { admissions, dan } = await networkHelpers.loadFixture(withScheduled);
      const tx = admissions.rejectApplication(dan.address, "no one knows this person");
      const t = BigInt(await networkHelpers.time.latest()) + 1n;
      await expect(tx)
        .to.emit(admissions, "ApplicationRejected")
        .withArgs(dan.address, "no one knows this person", t + BigInt(RULE.reapplyCooldown));
      const rejected = await admissions.applicationOf(dan.address);
      expect([rejected.state, rejected.mayApplyFrom]).to.deep.equal([
        BigInt(State.Closed),
        t + BigInt(RULE.reapplyCooldown),
      ]);
      await networkHelpers.time.increase(RULE.admissionDelay);
      await expect(admissions.completeAdmission(dan.address, PROFILE))
        .to.be.revertedWithCustomError(admissions, "AdmissionsNotApplicant")
        .withArgs(dan.address, State.Closed);
      await expect(admissions.connect(dan).applyForAdmission(Kind.Person, PROFILE, PROFILE_HASH))
        .to.be.revertedWithCustomError(admissions, "AdmissionsCoolingDown")
        .withArgs(dan.address, t + BigInt(RULE.reapplyCooldown));
      await expect(admissions.rejectApplication(dan.address, "again"))
        .to.be.revertedWithCustomError(admissions, "AdmissionsNotApplicant")
        .withArgs(dan.address, State.Closed);
    });

    it("admits only applicants, and stops completing one governance made a protocol account", async () => {
      const { registry, admissions, alice, dan, outsiders } =
        await networkHelpers.loadFixture(withScheduled);
      for (const account of [alice, outsiders[1]]) {
        await expect(admissions.admitApplicant(account.address, PROFILE))
          .to.be.revertedWithCustomError(admissions, "AdmissionsNotApplicant")
          .withArgs(account.address, State.None);
        expect(await admissions.hasVouched(account.address, dan.address)).to.equal(false);
      }
      await registry.setProtocolAccount(dan.address, true);
      await networkHelpers.time.increase(RULE.admissionDelay);
      await expect(admissions.completeAdmission(dan.address, PROFILE))
        .to.be.revertedWithCustomError(registry, "CommonsRegistryProtocolAccount")
        .withArgs(dan.address);
    });

    it("refuses every governance action from anyone but the registry's admin", async () => {
      const { registry, admissions, alice, dan } = await networkHelpers.loadFixture(withApplicant);
      const asAlice = admissions.connect(alice);
      for (const call of [
        asAlice.admitApplicant(dan.address, PROFILE),
        asAlice.rejectApplication(dan.address, ""),
        asAlice.setAdmissionRule(RULE),
      ]) {
        await expect(call)
          .to.be.revertedWithCustomError(admissions, "AdmissionsUnauthorized")
          .withArgs(alice.address);
      }
      // Governance moves with the registry's admin role: the timelock, later.
      await registry.grantRole(await registry.DEFAULT_ADMIN_ROLE(), alice.address);
      await expect(asAlice.rejectApplication(dan.address, "")).to.emit(
        admissions,
        "ApplicationRejected",
      );
    });

    it("sets the admission rule within its bounds", async () => {
      const { admissions } = await networkHelpers.loadFixture(withApplicant);
      const next = { ...RULE, vouchThreshold: 5, vouchBudget: 0 };
      await expect(admissions.setAdmissionRule(next)).to.emit(admissions, "AdmissionRuleChanged");
      expect((await admissions.admissionRule()).vouchThreshold).to.equal(5n);
      const year = 365 * DAY;
      for (const bad of [
        { vouchThreshold: 0 },
        { vouchThreshold: 65 },
        { vouchWindow: 3599 },
        { vouchWindow: year + 1 },
        { admissionDelay: year + 1 },
        { ripeningPeriod: year + 1 },
        { voucherSeniority: year + 1 },
        { vouchBudget: 65 },
        { budgetPeriod: DAY - 1 },
        { budgetPeriod: year + 1 },
        { reapplyCooldown: year + 1 },
      ]) {
        await expect(
          admissions.setAdmissionRule({ ...RULE, ...bad }),
        ).to.be.revertedWithCustomError(admissions, "AdmissionsInvalidAdmissionRule");
      }
    });

    it("keeps direct admission for accounts that never applied", async () => {
      const { registry, admissions, dan, outsiders } =
        await networkHelpers.loadFixture(withApplicant);
      await expect(registry.admit(dan.address, Kind.Person, PROFILE, PROFILE_HASH))
        .to.be.revertedWithCustomError(registry, "CommonsRegistryHasApplication")
        .withArgs(dan.address);
      await expect(
        registry.admit(outsiders[1].address, Kind.Person, PROFILE, PROFILE_HASH),
      ).to.emit(registry, "Admitted");
      await expect(
        registry.admitFromApplication(
          dan.address,
          Kind.Person,
          PROFILE,
          PROFILE_HASH,
          0,
          Path.Vouches,
        ),
      )
        .to.be.revertedWithCustomError(registry, "CommonsRegistryNotAdmissions")
        .withArgs((await ethers.getSigners())[0].address);
      expect(await admissions.hasApplication(outsiders[1].address)).to.equal(false);
    });
  });
});
