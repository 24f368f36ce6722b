/**
 * Issue 11's attacks on who votes, performed as an attacker would with the demo parameters
 * (10 founders, vouch threshold 3, quorum 20 %), each refused with its custom error.
 */
import { expect } from "chai";
import { network } from "hardhat";
import type { HDNodeWallet } from "ethers";
import { signApplication } from "../registry/fixtures.ts";
import { signBallot, signExtendedBallot } from "./ballots.ts";
import {
  DAY,
  INITIAL_SPLIT,
  Kind,
  ProposalState,
  TIMELOCK_DELAY,
  Vote,
  deployGovernance,
  endVoting,
  execute,
  pass,
  propose,
  queue,
  startVoting,
  type AdmissionRule,
  type Governance,
  type Proposal,
} from "./fixture.ts";

const { ethers, networkHelpers } = await network.create();

/** The demo commons' admission rule (the deployment's defaults). */
const DEMO_RULE: AdmissionRule = {
  vouchThreshold: 3,
  vouchWindow: 30 * 86_400,
  admissionDelay: 14 * 86_400,
  ripeningPeriod: 14 * 86_400,
  voucherSeniority: 28 * 86_400,
  vouchBudget: 2,
  budgetPeriod: 30 * 86_400,
  reapplyCooldown: 30 * 86_400,
};
const PROFILE = "ipfs://sybil";
const PROFILE_HASH = `0x${"5b".repeat(32)}`;

/** Ten founders, the demo rule, a quorum of 20 %; the founders are senior enough to vouch. */
async function demoCommons(): Promise<Governance> {
  const g = await deployGovernance(ethers, networkHelpers, {
    persons: 10,
    quorumPercent: 20n,
    admissionRule: DEMO_RULE,
  });
  // Start at the beginning of a budget period, past the founders' seniority.
  const period = BigInt(DEMO_RULE.budgetPeriod);
  const senior = BigInt(await networkHelpers.time.latest()) + BigInt(DEMO_RULE.voucherSeniority);
  await networkHelpers.time.increaseTo((senior / period + 1n) * period);
  return g;
}

const now = async () => BigInt(await networkHelpers.time.latest());

/**
 * The colluders relay twelve sybils' signed applications and vouch for them as far as their
 * budgets go. Returns the sybils whose admission got scheduled and the refusals.
 */
async function sybilCampaign(g: Governance) {
  const colluders = g.members.slice(0, 3);
  const sybils: HDNodeWallet[] = Array.from({ length: 12 }, () => ethers.Wallet.createRandom());
  for (const sybil of sybils) {
    const signed = await signApplication(g.admissions, sybil, {
      now: await now(),
      profileURI: PROFILE,
      profileHash: PROFILE_HASH,
    });
    await g.admissions.connect(colluders[0]).applyBySig(signed.application, signed.signature);
  }
  const scheduled: HDNodeWallet[] = [];
  const nextPeriod =
    ((await now()) / BigInt(DEMO_RULE.budgetPeriod) + 1n) * BigInt(DEMO_RULE.budgetPeriod);
  let refusals = 0;
  for (const [i, sybil] of sybils.entries()) {
    if (i < 2) {
      for (const c of colluders) await g.admissions.connect(c).vouch(sybil.address, PROFILE_HASH);
      scheduled.push(sybil);
      continue;
    }
    for (const c of colluders) {
      await expect(g.admissions.connect(c).vouch(sybil.address, PROFILE_HASH))
        .to.be.revertedWithCustomError(g.admissions, "AdmissionsVouchBudgetExhausted")
        .withArgs(c.address, DEMO_RULE.vouchBudget, nextPeriod);
      refusals++;
    }
  }
  return { colluders, honest: g.members.slice(3), sybils, scheduled, refusals };
}

async function grantAll(g: Governance, to: string) {
  return {
    target: await g.fund.getAddress(),
    // The Pooled sub-fund's cap per grant: as much as one proposal can take.
    data: g.fund.interface.encodeFunctionData("grant", [0, to, INITIAL_SPLIT[0] / 10n, "ours"]),
  };
}

async function voteAll(g: Governance, p: Proposal, voters: typeof g.members, support: number) {
  for (const v of voters) await g.governor.connect(v).castVote(p.id, support);
}

describe("Attacks on who votes (issue 11)", function () {
  describe("item 1: Sybil admission by three colluding founders", function () {
    it("schedules exactly floor(f * b / k) = 2 admissions per period and refuses the rest", async function () {
      const g = await networkHelpers.loadFixture(demoCommons);
      const { scheduled, refusals } = await sybilCampaign(g);
      expect(scheduled).to.have.length(
        Math.floor((3 * DEMO_RULE.vouchBudget) / DEMO_RULE.vouchThreshold),
      );
      expect(refusals).to.equal(30);
      for (const sybil of scheduled) {
        const application = await g.admissions.applicationOf(sybil.address);
        // Nobody is a member yet, and the admission cannot be hurried.
        expect(await g.registry.statusOf(sybil.address)).to.equal(0n);
        await expect(g.admissions.completeAdmission(sybil.address, PROFILE))
          .to.be.revertedWithCustomError(g.admissions, "AdmissionsAdmissionNotDue")
          .withArgs(sybil.address, application.admissibleAt, (await now()) + 1n);
      }
    });

    it("loses the treasury vote 3 to 7, and governance rejects the sybils within the window", async function () {
      const g = await networkHelpers.loadFixture(demoCommons);
      const { colluders, honest, scheduled } = await sybilCampaign(g);
      const { admissibleAt } = await g.admissions.applicationOf(scheduled[0].address);
      const { admissibleAt: lastAdmissibleAt } = await g.admissions.applicationOf(
        scheduled[scheduled.length - 1].address,
      );

      // The colluders ask for the treasury at once; the honest members propose the rejections.
      const grab = await propose(
        g,
        colluders[0],
        [await grantAll(g, colluders[0].address)],
        "Ours",
      );
      const reject = await propose(
        g,
        honest[0],
        await Promise.all(
          scheduled.map(async (sybil) => ({
            target: await g.admissions.getAddress(),
            data: g.admissions.interface.encodeFunctionData("rejectApplication", [
              sybil.address,
              "vouched for by the same three members in one hour",
            ]),
          })),
        ),
        "Reject the sybil applications",
      );
      await startVoting(g, reject);
      // At the snapshot the sybils are not even members: 3 votes against 7.
      const snapshot = await g.governor.proposalSnapshot(grab.id);
      expect(await g.registry.getPastTotalSupply(snapshot)).to.equal(10n);
      await voteAll(g, grab, colluders, Vote.For);
      await voteAll(g, grab, honest, Vote.Against);
      await voteAll(g, reject, honest, Vote.For);
      await voteAll(g, reject, colluders, Vote.Against);
      await endVoting(g, reject);
      expect(await g.governor.state(grab.id)).to.equal(ProposalState.Defeated);
      await queue(g, reject);
      await networkHelpers.time.increase(TIMELOCK_DELAY);
      await expect(execute(g, reject)).to.emit(g.admissions, "ApplicationRejected");
      // Governance reacted inside the admission window.
      expect(await now()).to.be.lessThan(admissibleAt);

      await networkHelpers.time.increaseTo(lastAdmissibleAt);
      for (const sybil of scheduled) {
        await expect(g.admissions.completeAdmission(sybil.address, PROFILE))
          .to.be.revertedWithCustomError(g.admissions, "AdmissionsNotApplicant")
          .withArgs(sybil.address, 2 /* Closed */);
        expect(await g.registry.statusOf(sybil.address)).to.equal(0n);
      }
    });

    it("gives admitted sybils no vote before two full governance cycles", async function () {
      const g = await networkHelpers.loadFixture(demoCommons);
      const { colluders, honest, scheduled } = await sybilCampaign(g);
      const { admissibleAt } = await g.admissions.applicationOf(
        scheduled[scheduled.length - 1].address,
      );
      const cycle = DAY + 7n * DAY + 2n * DAY + TIMELOCK_DELAY; // delay + period + late quorum + timelock
      expect(BigInt(DEMO_RULE.admissionDelay)).to.be.greaterThan(cycle);
      expect(BigInt(DEMO_RULE.ripeningPeriod)).to.be.greaterThan(cycle);

      // Nobody stopped them: the admissions complete, but the votes have not ripened.
      await networkHelpers.time.increaseTo(admissibleAt);
      for (const sybil of scheduled) await g.admissions.completeAdmission(sybil.address, PROFILE);
      const grab = await propose(
        g,
        colluders[0],
        [await grantAll(g, colluders[0].address)],
        "Now ours",
      );
      await startVoting(g, grab);
      expect(
        await g.registry.getPastTotalSupply(await g.governor.proposalSnapshot(grab.id)),
      ).to.equal(10n);
      for (const sybil of scheduled) {
        const voter = sybil.connect(ethers.provider);
        await g.deployer.sendTransaction({ to: sybil.address, value: 10n ** 17n });
        await g.governor.connect(voter).castVote(grab.id, Vote.For);
        const ripensAt = (await g.registry.standingOf(sybil.address)).voteRipensAt;
        await expect(g.registry.ripen(sybil.address))
          .to.be.revertedWithCustomError(g.registry, "CommonsRegistryVoteNotRipe")
          .withArgs(sybil.address, ripensAt, (await now()) + 1n);
      }
      await voteAll(g, grab, colluders, Vote.For);
      await voteAll(g, grab, honest, Vote.Against);
      expect(await g.governor.proposalVotes(grab.id)).to.deep.equal([7n, 3n, 0n]);
      await endVoting(g, grab);
      expect(await g.governor.state(grab.id)).to.equal(ProposalState.Defeated);
      // The sybils cannot vouch either until they are senior.
      const voter = scheduled[0].connect(ethers.provider);
      await expect(
        g.admissions.connect(voter).vouch(colluders[0].address, PROFILE_HASH),
      ).to.be.revertedWithCustomError(g.admissions, "AdmissionsVoucherTooRecent");
    });
  });

  describe("item 2: an expelled or suspended delegate's votes", function () {
    /** Six members delegate to m4; governance then expels m4. */
    async function expelledDelegate() {
      const g = await demoCommons();
      const [ally, , , delegate, ...delegators] = g.members;
      for (const d of delegators) await g.registry.connect(d).delegate(delegate.address);
      await pass(
        g,
        [
          {
            target: await g.registry.getAddress(),
            data: g.registry.interface.encodeFunctionData("expel", [delegate.address, "fraud"]),
          },
        ],
        "Expel a fraudulent delegate",
        g.members.slice(0, 3),
      );
      return { g, ally, delegate, delegators };
    }

    it("refuses the ally relaying the expelled delegate's signed ballots", async function () {
      const { g, ally, delegate, delegators } = await networkHelpers.loadFixture(expelledDelegate);
      const p = await propose(g, ally, [await grantAll(g, ally.address)], "After the expulsion");
      await startVoting(g, p);
      // The six delegated votes still sit with the delegate at the snapshot (history is exact)...
      expect(
        await g.registry.getPastVotes(delegate.address, await g.governor.proposalSnapshot(p.id)),
      ).to.equal(BigInt(delegators.length));
      // ...but no path lets it cast them.
      const refused = (call: Promise<unknown>) =>
        expect(call)
          .to.be.revertedWithCustomError(g.governor, "SpinGovernorNotInGoodStanding")
          .withArgs(delegate.address, Kind.Person, 4 /* Expelled */);
      await refused(
        g.governor
          .connect(ally)
          .castVoteBySig(
            p.id,
            Vote.For,
            delegate.address,
            await signBallot(g, delegate, p.id, Vote.For),
          ),
      );
      await refused(
        g.governor
          .connect(ally)
          .castVoteWithReasonAndParamsBySig(
            p.id,
            Vote.For,
            delegate.address,
            "relayed",
            "0x",
            await signExtendedBallot(g, delegate, p.id, Vote.For, "relayed", "0x"),
          ),
      );
      await refused(g.governor.connect(delegate).castVote(p.id, Vote.For));
      expect(await g.governor.proposalVotes(p.id)).to.deep.equal([0n, 0n, 0n]);
      expect(await g.governor.hasVoted(p.id, delegate.address)).to.equal(false);

      // The delegators' votes count only if they cast them themselves.
      await g.governor.connect(delegators[0]).castOverrideVote(p.id, Vote.Against, "my own vote");
      expect(await g.governor.proposalVotes(p.id)).to.deep.equal([1n, 0n, 0n]);
    });

    it("refuses a suspended delegate too, and counts it again once reinstated", async function () {
      const g = await networkHelpers.loadFixture(demoCommons);
      const [ally, , , delegate, ...delegators] = g.members;
      for (const d of delegators) await g.registry.connect(d).delegate(delegate.address);
      const registry = await g.registry.getAddress();
      const suspendCall = {
        target: registry,
        data: g.registry.interface.encodeFunctionData("suspend", [delegate.address, "review"]),
      };
      await pass(g, [suspendCall], "Suspend a delegate under review", g.members.slice(0, 3));
      const p = await propose(g, ally, [await grantAll(g, ally.address)], "While suspended");
      await startVoting(g, p);
      await expect(
        g.governor
          .connect(ally)
          .castVoteBySig(
            p.id,
            Vote.For,
            delegate.address,
            await signBallot(g, delegate, p.id, Vote.For),
          ),
      )
        .to.be.revertedWithCustomError(g.governor, "SpinGovernorNotInGoodStanding")
        .withArgs(delegate.address, Kind.Person, 3 /* Suspended */);
      await expect(g.governor.connect(delegate).castOverrideVote(p.id, Vote.For, ""))
        .to.be.revertedWithCustomError(g.governor, "SpinGovernorNotInGoodStanding")
        .withArgs(delegate.address, Kind.Person, 3);
      await endVoting(g, p);

      const reinstateCall = {
        target: registry,
        data: g.registry.interface.encodeFunctionData("reinstate", [delegate.address, "cleared"]),
      };
      await pass(g, [reinstateCall], "Reinstate the delegate", g.members.slice(0, 3));
      const later = await propose(
        g,
        ally,
        [await grantAll(g, ally.address)],
        "After reinstatement",
      );
      await startVoting(g, later);
      await expect(g.governor.connect(delegate).castVote(later.id, Vote.Against))
        .to.emit(g.governor, "VoteCast")
        .withArgs(delegate.address, later.id, Vote.Against, BigInt(delegators.length + 1), "");
    });
  });
});
