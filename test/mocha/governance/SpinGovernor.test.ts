import { expect } from "chai";
import { network } from "hardhat";
import {
  CAPS_BPS,
  DAY,
  INITIAL_SPLIT,
  Kind,
  LATE_QUORUM_EXTENSION,
  ProposalState,
  QUORUM_PERCENT,
  TIMELOCK_DELAY,
  VOTING_DELAY,
  VOTING_PERIOD,
  Vote,
  deployGovernance,
  endVoting,
  execute,
  pass,
  propose,
  queue,
  startVoting,
  type Governance,
} from "./fixture.ts";

const { ethers, networkHelpers } = await network.create();

async function fixture(): Promise<Governance> {
  return deployGovernance(ethers, networkHelpers);
}

async function grantCall(
  g: Governance,
  subFund: number,
  recipient: string,
  amount: bigint,
  memo: string,
) {
  return {
    target: await g.fund.getAddress(),
    data: g.fund.interface.encodeFunctionData("grant", [subFund, recipient, amount, memo]),
  };
}

describe("SpinGovernor", function () {
  describe("deployment", function () {
    it("reads like an OpenZeppelin governor on the membership's timestamp clock", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      expect(await g.governor.name()).to.equal("SPIN Governor");
      expect(await g.governor.CLOCK_MODE()).to.equal("mode=timestamp");
      expect(await g.governor.clock()).to.equal(await networkHelpers.time.latest());
      expect(await g.governor.COUNTING_MODE()).to.equal(
        "support=bravo,override&quorum=for,abstain&overridable=true",
      );
      expect(await g.governor.votingDelay()).to.equal(VOTING_DELAY);
      expect(await g.governor.votingPeriod()).to.equal(VOTING_PERIOD);
      expect(await g.governor.proposalThreshold()).to.equal(1n);
      expect(await g.governor["quorumNumerator()"]()).to.equal(QUORUM_PERCENT);
      expect(await g.governor.lateQuorumVoteExtension()).to.equal(LATE_QUORUM_EXTENSION);
      expect(await g.governor.timelock()).to.equal(await g.timelock.getAddress());
      expect(await g.governor.token()).to.equal(await g.registry.getAddress());
    });

    it("leaves no admin power with the deployer: the timelock holds every admin role", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const timelock = await g.timelock.getAddress();
      for (const c of [g.registry, g.coin, g.fund, g.timelock]) {
        const admin = await c.DEFAULT_ADMIN_ROLE();
        expect(await c.hasRole(admin, g.deployer.address)).to.equal(false);
        if (c !== g.timelock) expect(await c.hasRole(admin, timelock)).to.equal(true);
      }
      expect(await g.timelock.hasRole(await g.timelock.DEFAULT_ADMIN_ROLE(), timelock)).to.equal(
        true,
      );
      const governor = await g.governor.getAddress();
      expect(await g.timelock.hasRole(await g.timelock.PROPOSER_ROLE(), governor)).to.equal(true);
      expect(await g.timelock.hasRole(await g.timelock.EXECUTOR_ROLE(), governor)).to.equal(true);
      expect(await g.timelock.hasRole(await g.timelock.CANCELLER_ROLE(), governor)).to.equal(true);
      expect(
        await g.timelock.hasRole(await g.timelock.EXECUTOR_ROLE(), ethers.ZeroAddress),
      ).to.equal(false);
    });

    it("refuses a late-quorum extension longer than the voting period", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const args = [
        await g.registry.getAddress(),
        await g.timelock.getAddress(),
        VOTING_DELAY,
        VOTING_PERIOD,
        QUORUM_PERCENT,
        VOTING_PERIOD + 1n,
      ] as const;
      await expect(ethers.deployContract("SpinGovernor", [...args]))
        .to.be.revertedWithCustomError(g.governor, "GovernorPreventLateQuorumVoteExtensionTooLarge")
        .withArgs(VOTING_PERIOD + 1n, VOTING_PERIOD);
    });
  });

  describe("lifecycle", function () {
    it("passes a grant: propose, vote, override, queue, execute, with calldata people can read", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const [m1, m2, m3, m4, m5] = g.members;
      await g.registry.connect(m2).delegate(m1.address);
      const amount = 1_000n * 10n ** 18n;
      const memo = "work 0x" + "ab".repeat(32) + ": laser cutter jig";
      const call = await grantCall(g, 0, m5.address, amount, memo);
      const p = await propose(g, m1, [call], "Fund the laser cutter jig");

      const decoded = g.fund.interface.parseTransaction({ data: p.calldatas[0] });
      expect(decoded?.name).to.equal("grant");
      expect(decoded?.args.toArray()).to.deep.equal([0n, m5.address, amount, memo]);
      expect(await g.governor.state(p.id)).to.equal(ProposalState.Pending);

      await startVoting(g, p);
      expect(await g.governor.state(p.id)).to.equal(ProposalState.Active);
      await expect(g.governor.connect(m1).castVote(p.id, Vote.For))
        .to.emit(g.governor, "VoteCast")
        .withArgs(m1.address, p.id, Vote.For, 2n, "");
      await expect(g.governor.connect(m2).castOverrideVote(p.id, Vote.Abstain, "I abstain myself"))
        .to.emit(g.governor, "OverrideVoteCast")
        .withArgs(m2.address, p.id, Vote.Abstain, 1n, "I abstain myself")
        .and.to.emit(g.governor, "VoteReduced")
        .withArgs(m1.address, p.id, Vote.For, 1n);
      await g.governor.connect(m3).castVoteWithReason(p.id, Vote.For, "useful for all");
      await g.governor.connect(m4).castVote(p.id, Vote.Against);
      expect(await g.governor.proposalVotes(p.id)).to.deep.equal([1n, 2n, 1n]);
      expect(await g.governor.hasVoted(p.id, m1.address)).to.equal(true);
      expect(await g.governor.hasVoted(p.id, m2.address)).to.equal(false);
      expect(await g.governor.hasVotedOverride(p.id, m2.address)).to.equal(true);

      await endVoting(g, p);
      expect(await g.governor.state(p.id)).to.equal(ProposalState.Succeeded);
      await expect(queue(g, p)).to.emit(g.governor, "ProposalQueued");
      expect(await g.governor.state(p.id)).to.equal(ProposalState.Queued);
      await networkHelpers.time.increase(TIMELOCK_DELAY);
      await expect(execute(g, p))
        .to.emit(g.fund, "Granted")
        .withArgs(0n, m5.address, amount, memo)
        .and.to.emit(g.governor, "ProposalExecuted")
        .withArgs(p.id);
      expect(await g.governor.state(p.id)).to.equal(ProposalState.Executed);
      expect(await g.coin.balanceOf(m5.address)).to.equal(amount);
      expect((await g.fund.subFund(0)).balance).to.equal(INITIAL_SPLIT[0] - amount);
    });

    it("passes a stream the recipient then claims as it vests", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const recipient = g.members[5];
      const amount = 3_000n * 10n ** 18n;
      const start = BigInt(await networkHelpers.time.latest()) + 30n * DAY;
      const end = start + 300n * DAY;
      const call = {
        target: await g.fund.getAddress(),
        data: g.fund.interface.encodeFunctionData("createStream", [
          0,
          recipient.address,
          amount,
          start,
          end,
          "maintenance of the shared CNC",
        ]),
      };
      const { tx } = await pass(g, [call], "Stream for the shared CNC");
      await expect(tx)
        .to.emit(g.fund, "StreamCreated")
        .withArgs(0n, 0n, recipient.address, amount, start, end, "maintenance of the shared CNC");
      await networkHelpers.time.increaseTo(start + 150n * DAY);
      await g.fund.connect(recipient).claim(0);
      const paid = await g.coin.balanceOf(recipient.address);
      expect(paid).to.be.closeTo(amount / 2n, amount / 100n);
      await networkHelpers.time.increaseTo(end);
      await g.fund.connect(recipient).claim(0);
      expect(await g.coin.balanceOf(recipient.address)).to.equal(amount);
    });

    it("cancels a stream by governance and returns the unvested rest to its sub-fund", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const fund = await g.fund.getAddress();
      const amount = 1_000n * 10n ** 18n;
      const now = BigInt(await networkHelpers.time.latest());
      const create = {
        target: fund,
        data: g.fund.interface.encodeFunctionData("createStream", [
          0,
          g.members[4].address,
          amount,
          now,
          now + 1000n * DAY,
          "tooling",
        ]),
      };
      await pass(g, [create], "Stream for tooling");
      const cancel = {
        target: fund,
        data: g.fund.interface.encodeFunctionData("cancelStream", [0]),
      };
      const { tx } = await pass(g, [cancel], "Stop the tooling stream");
      await expect(tx).to.emit(g.fund, "StreamCancelled");
      const s = await g.fund.stream(0);
      expect(s.cancelled).to.equal(true);
      expect((await g.fund.subFund(0)).balance).to.equal(INITIAL_SPLIT[0] - s.amount);
      expect(await g.fund.claimable(0)).to.equal(s.amount);
    });
  });

  describe("delegation", function () {
    it("counts delegated votes and stops counting them once revoked", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const [m1, m2, m3] = g.members;
      await g.registry.connect(m2).delegate(m1.address);
      await g.registry.connect(m3).delegate(m1.address);
      await g.registry.connect(m3).delegate(m3.address);
      const p = await propose(g, m1, [await grantCall(g, 0, m3.address, 1n, "x")], "Delegation");
      await startVoting(g, p);
      expect(
        await g.governor.getVotes(m1.address, await g.governor.proposalSnapshot(p.id)),
      ).to.equal(2n);
      await expect(g.governor.connect(m1).castVote(p.id, Vote.For))
        .to.emit(g.governor, "VoteCast")
        .withArgs(m1.address, p.id, Vote.For, 2n, "");
      await g.governor.connect(m3).castVote(p.id, Vote.Against);
      expect(await g.governor.proposalVotes(p.id)).to.deep.equal([1n, 2n, 0n]);
    });

    it("lets a member vote directly before its delegate, whose vote then counts without it", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const [m1, m2, m3] = g.members;
      await g.registry.connect(m2).delegate(m1.address);
      await g.registry.connect(m3).delegate(m1.address);
      const p = await propose(
        g,
        m1,
        [await grantCall(g, 0, m3.address, 1n, "x")],
        "Override first",
      );
      await startVoting(g, p);
      await expect(g.governor.connect(m2).castOverrideVote(p.id, Vote.Against, ""))
        .to.emit(g.governor, "OverrideVoteCast")
        .and.not.to.emit(g.governor, "VoteReduced");
      await expect(g.governor.connect(m1).castVote(p.id, Vote.For))
        .to.emit(g.governor, "VoteCast")
        .withArgs(m1.address, p.id, Vote.For, 2n, "");
      expect(await g.governor.proposalVotes(p.id)).to.deep.equal([1n, 2n, 0n]);
    });

    it("lets overrides change the outcome", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const [m1, m2, m3, m4, m5] = g.members;
      await g.registry.connect(m2).delegate(m1.address);
      await g.registry.connect(m3).delegate(m1.address);
      const p = await propose(g, m1, [await grantCall(g, 0, m3.address, 1n, "x")], "Outcome");
      await startVoting(g, p);
      await g.governor.connect(m1).castVote(p.id, Vote.For);
      await g.governor.connect(m4).castVote(p.id, Vote.Against);
      await g.governor.connect(m5).castVote(p.id, Vote.Against);
      expect(await g.governor.proposalVotes(p.id)).to.deep.equal([2n, 3n, 0n]);
      await g.governor.connect(m2).castOverrideVote(p.id, Vote.Against, "not this one");
      await g.governor.connect(m3).castOverrideVote(p.id, Vote.Abstain, "");
      expect(await g.governor.proposalVotes(p.id)).to.deep.equal([3n, 1n, 1n]);
      await endVoting(g, p);
      expect(await g.governor.state(p.id)).to.equal(ProposalState.Defeated);
    });

    it("reduces a delegate's Against or Abstain vote when a delegator overrides it", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const [m1, m2, m3, m4] = g.members;
      await g.registry.connect(m2).delegate(m1.address);
      await g.registry.connect(m4).delegate(m3.address);
      const p = await propose(g, m1, [await grantCall(g, 0, m3.address, 1n, "x")], "Reduce");
      await startVoting(g, p);
      await g.governor.connect(m1).castVote(p.id, Vote.Against);
      await g.governor.connect(m3).castVote(p.id, Vote.Abstain);
      await expect(g.governor.connect(m2).castOverrideVote(p.id, Vote.For, ""))
        .to.emit(g.governor, "VoteReduced")
        .withArgs(m1.address, p.id, Vote.Against, 1n);
      await expect(g.governor.connect(m4).castOverrideVote(p.id, Vote.For, ""))
        .to.emit(g.governor, "VoteReduced")
        .withArgs(m3.address, p.id, Vote.Abstain, 1n);
      expect(await g.governor.proposalVotes(p.id)).to.deep.equal([1n, 2n, 1n]);
    });

    it("lets a member who voted for itself change its own vote once by override", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const [m1] = g.members;
      const p = await propose(g, m1, [await grantCall(g, 0, m1.address, 1n, "x")], "Self");
      await startVoting(g, p);
      await g.governor.connect(m1).castVote(p.id, Vote.For);
      await g.governor.connect(m1).castOverrideVote(p.id, Vote.Against, "changed my mind");
      expect(await g.governor.proposalVotes(p.id)).to.deep.equal([1n, 0n, 0n]);
      await expect(g.governor.connect(m1).castOverrideVote(p.id, Vote.For, ""))
        .to.be.revertedWithCustomError(g.governor, "GovernorAlreadyOverriddenVote")
        .withArgs(m1.address);
    });

    it("accepts signed ballots for direct and override votes", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const [m1, m2] = g.members;
      await g.registry.connect(m2).delegate(m1.address);
      const p = await propose(g, m1, [await grantCall(g, 0, m1.address, 1n, "x")], "Signed");
      await startVoting(g, p);
      const domain = {
        name: "SPIN Governor",
        version: "1",
        chainId: (await ethers.provider.getNetwork()).chainId,
        verifyingContract: await g.governor.getAddress(),
      };
      const types = {
        OverrideBallot: [
          { name: "proposalId", type: "uint256" },
          { name: "support", type: "uint8" },
          { name: "voter", type: "address" },
          { name: "nonce", type: "uint256" },
          { name: "reason", type: "string" },
        ],
      };
      const ballot = {
        proposalId: p.id,
        support: Vote.Against,
        voter: m2.address,
        nonce: 0n,
        reason: "sig",
      };
      const badSignature = await m1.signTypedData(domain, types, ballot);
      await expect(
        g.governor.castOverrideVoteBySig(p.id, Vote.Against, m2.address, "sig", badSignature),
      )
        .to.be.revertedWithCustomError(g.governor, "GovernorInvalidSignature")
        .withArgs(m2.address);
      const signature = await m2.signTypedData(domain, types, ballot);
      await expect(
        g.governor.castOverrideVoteBySig(p.id, Vote.Against, m2.address, "sig", signature),
      )
        .to.emit(g.governor, "OverrideVoteCast")
        .withArgs(m2.address, p.id, Vote.Against, 1n, "sig");
      expect(await g.governor.hasVotedOverride(p.id, m2.address)).to.equal(true);
    });
  });

  describe("quorum", function () {
    it("is a fraction of the members at the snapshot", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const p = await propose(
        g,
        g.members[0],
        [await grantCall(g, 0, g.members[0].address, 1n, "x")],
        "Q",
      );
      await startVoting(g, p);
      const snapshot = await g.governor.proposalSnapshot(p.id);
      expect(await g.governor.quorum(snapshot)).to.equal((6n * QUORUM_PERCENT) / 100n);
    });

    it("defeats a proposal that most voters support but too few members voted on", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const [m1, m2] = g.members;
      const p = await propose(g, m1, [await grantCall(g, 0, m1.address, 1n, "x")], "Few voters");
      await startVoting(g, p);
      await g.governor.connect(m1).castVote(p.id, Vote.For);
      await g.governor.connect(m2).castVote(p.id, Vote.For);
      await endVoting(g, p);
      expect(await g.governor.state(p.id)).to.equal(ProposalState.Defeated);
      await expect(queue(g, p)).to.be.revertedWithCustomError(
        g.governor,
        "GovernorUnexpectedProposalState",
      );
    });

    it("counts Abstain toward quorum but not toward success", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const [m1, m2, m3] = g.members;
      const p = await propose(g, m1, [await grantCall(g, 0, m1.address, 1n, "x")], "Abstain");
      await startVoting(g, p);
      await g.governor.connect(m1).castVote(p.id, Vote.For);
      await g.governor.connect(m2).castVote(p.id, Vote.Abstain);
      await g.governor.connect(m3).castVote(p.id, Vote.Abstain);
      await endVoting(g, p);
      expect(await g.governor.state(p.id)).to.equal(ProposalState.Succeeded);
    });

    it("extends voting when quorum is reached late", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const [m1, m2, m3] = g.members;
      const p = await propose(g, m1, [await grantCall(g, 0, m1.address, 1n, "x")], "Late");
      const deadline = await g.governor.proposalDeadline(p.id);
      await networkHelpers.time.increaseTo(deadline - 100n);
      await g.governor.connect(m1).castVote(p.id, Vote.For);
      await g.governor.connect(m2).castVote(p.id, Vote.For);
      const tx = g.governor.connect(m3).castVote(p.id, Vote.For);
      const reachedAt = deadline - 97n;
      await expect(tx)
        .to.emit(g.governor, "ProposalExtended")
        .withArgs(p.id, reachedAt + LATE_QUORUM_EXTENSION);
      expect(await g.governor.proposalDeadline(p.id)).to.equal(reachedAt + LATE_QUORUM_EXTENSION);
      await networkHelpers.time.increaseTo(deadline + 1n);
      expect(await g.governor.state(p.id)).to.equal(ProposalState.Active);
      await g.governor.connect(g.members[3]).castVote(p.id, Vote.Against);
      await endVoting(g, p);
      expect(await g.governor.state(p.id)).to.equal(ProposalState.Succeeded);
    });

    it("does not extend voting when quorum is reached early", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const [m1, m2, m3] = g.members;
      const p = await propose(g, m1, [await grantCall(g, 0, m1.address, 1n, "x")], "Early");
      const deadline = await g.governor.proposalDeadline(p.id);
      await startVoting(g, p);
      await g.governor.connect(m1).castVote(p.id, Vote.For);
      await g.governor.connect(m2).castVote(p.id, Vote.For);
      await expect(g.governor.connect(m3).castOverrideVote(p.id, Vote.For, "")).not.to.emit(
        g.governor,
        "ProposalExtended",
      );
      expect(await g.governor.proposalDeadline(p.id)).to.equal(deadline);
    });
  });

  describe("cancellation", function () {
    it("lets the proposer cancel before voting starts, and nobody else", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const [m1, m2] = g.members;
      const p = await propose(g, m1, [await grantCall(g, 0, m1.address, 1n, "x")], "Cancel me");
      const hash = ethers.id(p.description);
      await expect(g.governor.connect(m2).cancel(p.targets, p.values, p.calldatas, hash))
        .to.be.revertedWithCustomError(g.governor, "GovernorUnableToCancel")
        .withArgs(p.id, m2.address);
      await expect(g.governor.connect(m1).cancel(p.targets, p.values, p.calldatas, hash))
        .to.emit(g.governor, "ProposalCanceled")
        .withArgs(p.id);
      expect(await g.governor.state(p.id)).to.equal(ProposalState.Canceled);
      await startVoting(g, p);
      await expect(g.governor.connect(m2).castVote(p.id, Vote.For)).to.be.revertedWithCustomError(
        g.governor,
        "GovernorUnexpectedProposalState",
      );
    });

    it("refuses cancellation by the proposer once voting started", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const [m1] = g.members;
      const p = await propose(g, m1, [await grantCall(g, 0, m1.address, 1n, "x")], "Too late");
      await startVoting(g, p);
      await expect(
        g.governor.connect(m1).cancel(p.targets, p.values, p.calldatas, ethers.id(p.description)),
      ).to.be.revertedWithCustomError(g.governor, "GovernorUnableToCancel");
    });
  });

  describe("refusals", function () {
    it("refuses proposals from accounts that are not members", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const call = await grantCall(g, 0, g.members[0].address, 1n, "x");
      for (const [who, kind, status] of [
        [g.outsider, Kind.None, 0],
        [g.enterprise, Kind.Enterprise, 2],
      ] as const) {
        await expect(g.governor.connect(who).propose([call.target], [0n], [call.data], "No"))
          .to.be.revertedWithCustomError(g.governor, "SpinGovernorNotInGoodStanding")
          .withArgs(who.address, kind, status);
      }
    });

    it("lets a member who delegated its vote away still propose", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const [m1, m2] = g.members;
      await g.registry.connect(m2).delegate(m1.address);
      await networkHelpers.time.increase(1);
      const p = await propose(g, m2, [await grantCall(g, 0, m2.address, 1n, "x")], "Mine");
      expect(await g.governor.proposalProposer(p.id)).to.equal(m2.address);
    });

    it("refuses a proposal whose description restricts it to another proposer", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const [m1, m2] = g.members;
      const call = await grantCall(g, 0, m1.address, 1n, "x");
      const description = `Mine#proposer=${m1.address}`;
      await expect(g.governor.connect(m2).propose([call.target], [0n], [call.data], description))
        .to.be.revertedWithCustomError(g.governor, "GovernorRestrictedProposer")
        .withArgs(m2.address);
    });

    it("refuses a second vote and an invalid vote type", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const [m1, m2] = g.members;
      const p = await propose(g, m1, [await grantCall(g, 0, m1.address, 1n, "x")], "Twice");
      await startVoting(g, p);
      await g.governor.connect(m1).castVote(p.id, Vote.For);
      await expect(g.governor.connect(m1).castVote(p.id, Vote.Against))
        .to.be.revertedWithCustomError(g.governor, "GovernorAlreadyCastVote")
        .withArgs(m1.address);
      await expect(g.governor.connect(m2).castVote(p.id, 3)).to.be.revertedWithCustomError(
        g.governor,
        "GovernorInvalidVoteType",
      );
      await expect(
        g.governor.connect(m2).castOverrideVote(p.id, 3, ""),
      ).to.be.revertedWithCustomError(g.governor, "GovernorInvalidVoteType");
    });

    it("refuses votes and overrides outside the voting period", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const [m1, m2] = g.members;
      const p = await propose(g, m1, [await grantCall(g, 0, m1.address, 1n, "x")], "Outside");
      await expect(g.governor.connect(m1).castVote(p.id, Vote.For)).to.be.revertedWithCustomError(
        g.governor,
        "GovernorUnexpectedProposalState",
      );
      await endVoting(g, p);
      await expect(g.governor.connect(m1).castVote(p.id, Vote.For)).to.be.revertedWithCustomError(
        g.governor,
        "GovernorUnexpectedProposalState",
      );
      await expect(
        g.governor.connect(m2).castOverrideVote(p.id, Vote.For, ""),
      ).to.be.revertedWithCustomError(g.governor, "GovernorUnexpectedProposalState");
    });

    it("refuses execution before the timelock delay", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const p = await propose(
        g,
        g.members[0],
        [await grantCall(g, 0, g.members[0].address, 1n, "x")],
        "Wait",
      );
      await startVoting(g, p);
      for (const m of g.members.slice(0, 3)) await g.governor.connect(m).castVote(p.id, Vote.For);
      await endVoting(g, p);
      await queue(g, p);
      await networkHelpers.time.increase(TIMELOCK_DELAY - 10n);
      await expect(execute(g, p)).to.be.revertedWithCustomError(
        g.timelock,
        "TimelockUnexpectedOperationState",
      );
      await networkHelpers.time.increase(10n);
      await expect(execute(g, p)).to.emit(g.governor, "ProposalExecuted");
    });

    it("refuses to execute a grant from a locked sub-fund", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const lockedUntil = (await g.fund.subFund(1)).lockedUntil;
      const p = await propose(
        g,
        g.members[0],
        [await grantCall(g, 1, g.members[1].address, 1n, "x")],
        "Locked",
      );
      await startVoting(g, p);
      for (const m of g.members.slice(0, 3)) await g.governor.connect(m).castVote(p.id, Vote.For);
      await endVoting(g, p);
      await queue(g, p);
      await networkHelpers.time.increase(TIMELOCK_DELAY);
      await expect(execute(g, p))
        .to.be.revertedWithCustomError(g.fund, "CommonFundLocked")
        .withArgs(1n, lockedUntil);
    });

    it("refuses to execute a grant over the sub-fund's cap or to a non-member", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const cap = (INITIAL_SPLIT[0] * CAPS_BPS[0]) / 10_000n;
      const overCap = await grantCall(g, 0, g.members[1].address, cap + 1n, "too much");
      const toOutsider = await grantCall(g, 0, g.outsider.address, 1n, "outsider");
      for (const [call, error, args] of [
        [overCap, "CommonFundOverCap", [0n, cap + 1n, cap]],
        [toOutsider, "CommonFundNotAllowed", [g.outsider.address]],
      ] as const) {
        const p = await propose(g, g.members[0], [call], `Refused ${error}`);
        await startVoting(g, p);
        for (const m of g.members.slice(0, 3)) await g.governor.connect(m).castVote(p.id, Vote.For);
        await endVoting(g, p);
        await queue(g, p);
        await networkHelpers.time.increase(TIMELOCK_DELAY);
        await expect(execute(g, p))
          .to.be.revertedWithCustomError(g.fund, error)
          .withArgs(...args);
      }
    });
  });

  describe("settings", function () {
    it("change only through governance", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      await expect(g.governor.connect(g.members[0]).setVotingDelay(1n))
        .to.be.revertedWithCustomError(g.governor, "GovernorOnlyExecutor")
        .withArgs(g.members[0].address);
      await expect(g.governor.connect(g.members[0]).setLateQuorumVoteExtension(1n))
        .to.be.revertedWithCustomError(g.governor, "GovernorOnlyExecutor")
        .withArgs(g.members[0].address);
      const governor = await g.governor.getAddress();
      const encode = (name: string, args: unknown[]) => ({
        target: governor,
        data: g.governor.interface.encodeFunctionData(name as "setVotingDelay", args as [bigint]),
      });
      const { tx } = await pass(
        g,
        [
          encode("setVotingDelay", [2n * DAY]),
          encode("setVotingPeriod", [5n * DAY]),
          encode("updateQuorumNumerator", [60n]),
          encode("setLateQuorumVoteExtension", [DAY]),
        ],
        "Retune governance",
      );
      await expect(tx)
        .to.emit(g.governor, "LateQuorumVoteExtensionSet")
        .withArgs(LATE_QUORUM_EXTENSION, DAY);
      expect(await g.governor.votingDelay()).to.equal(2n * DAY);
      expect(await g.governor.votingPeriod()).to.equal(5n * DAY);
      expect(await g.governor["quorumNumerator()"]()).to.equal(60n);
      expect(await g.governor.lateQuorumVoteExtension()).to.equal(DAY);
    });

    it("refuses a late-quorum extension longer than the voting period, even from governance", async function () {
      const g = await networkHelpers.loadFixture(fixture);
      const call = {
        target: await g.governor.getAddress(),
        data: g.governor.interface.encodeFunctionData("setLateQuorumVoteExtension", [
          VOTING_PERIOD + 1n,
        ]),
      };
      const p = await propose(g, g.members[0], [call], "Too long");
      await startVoting(g, p);
      for (const m of g.members.slice(0, 3)) await g.governor.connect(m).castVote(p.id, Vote.For);
      await endVoting(g, p);
      await queue(g, p);
      await networkHelpers.time.increase(TIMELOCK_DELAY);
      await expect(execute(g, p))
        .to.be.revertedWithCustomError(g.governor, "GovernorPreventLateQuorumVoteExtensionTooLarge")
        .withArgs(VOTING_PERIOD + 1n, VOTING_PERIOD);
    });
  });
});
