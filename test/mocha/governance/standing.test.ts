/** Only members in good standing vote or propose, by every path the governor offers. */
import { expect } from "chai";
import { network } from "hardhat";
import { signBallot, signExtendedBallot, signOverrideBallot } from "./ballots.ts";
import {
  Kind,
  Vote,
  deployGovernance,
  propose,
  startVoting,
  type Governance,
  type Proposal,
} from "./fixture.ts";

const { ethers, networkHelpers } = await network.create();

const Status = { None: 0, Admitted: 2, Suspended: 3, Expelled: 4 } as const;

/** m2 and m3 delegated to m1; a proposal is open; then m1 is suspended and m4 expelled. */
async function openProposalWithSanctions() {
  const g = await deployGovernance(ethers, networkHelpers);
  const [m1, m2, m3, m4] = g.members;
  await g.registry.connect(m2).delegate(m1.address);
  await g.registry.connect(m3).delegate(m1.address);
  await networkHelpers.time.increase(1);
  const call = {
    target: await g.fund.getAddress(),
    data: g.fund.interface.encodeFunctionData("grant", [0, m1.address, 1n, "x"]),
  };
  const p = await propose(g, m1, [call], "Sanctions after the snapshot");
  await startVoting(g, p);
  const timelock = await g.ethers.getImpersonatedSigner(await g.timelock.getAddress());
  await networkHelpers.setBalance(timelock.address, 10n ** 18n);
  await g.registry.connect(timelock).suspend(m1.address, "review");
  await g.registry.connect(timelock).expel(m4.address, "fraud");
  return { g, p, suspended: m1, expelled: m4, delegators: [m2, m3] };
}

/** Every way to vote, for `account`, as the governor offers them. */
async function everyVotingPath(g: Governance, p: Proposal, account: (typeof g.members)[number]) {
  const relayer = g.members[5];
  return [
    () => g.governor.connect(account).castVote(p.id, Vote.For),
    () => g.governor.connect(account).castVoteWithReason(p.id, Vote.For, "r"),
    () => g.governor.connect(account).castVoteWithReasonAndParams(p.id, Vote.For, "r", "0x01"),
    async () =>
      g.governor
        .connect(relayer)
        .castVoteBySig(
          p.id,
          Vote.For,
          account.address,
          await signBallot(g, account, p.id, Vote.For),
        ),
    async () =>
      g.governor
        .connect(relayer)
        .castVoteWithReasonAndParamsBySig(
          p.id,
          Vote.For,
          account.address,
          "r",
          "0x01",
          await signExtendedBallot(g, account, p.id, Vote.For, "r", "0x01"),
        ),
    () => g.governor.connect(account).castOverrideVote(p.id, Vote.For, "r"),
    async () =>
      g.governor
        .connect(relayer)
        .castOverrideVoteBySig(
          p.id,
          Vote.For,
          account.address,
          "r",
          await signOverrideBallot(g, account, p.id, Vote.For, "r"),
        ),
  ];
}

describe("SpinGovernor: only members in good standing vote", function () {
  it("refuses a suspended member by every castVote variant, by transaction or signature", async function () {
    const { g, p, suspended } = await networkHelpers.loadFixture(openProposalWithSanctions);
    // It held three votes at the snapshot: history is exact, the standing is today's.
    expect(
      await g.governor.getVotes(suspended.address, await g.governor.proposalSnapshot(p.id)),
    ).to.equal(3n);
    for (const vote of await everyVotingPath(g, p, suspended)) {
      await expect(vote())
        .to.be.revertedWithCustomError(g.governor, "SpinGovernorNotInGoodStanding")
        .withArgs(suspended.address, Kind.Person, Status.Suspended);
    }
    expect(await g.governor.proposalVotes(p.id)).to.deep.equal([0n, 0n, 0n]);
  });

  it("refuses an expelled member by every castVote variant", async function () {
    const { g, p, expelled } = await networkHelpers.loadFixture(openProposalWithSanctions);
    for (const vote of await everyVotingPath(g, p, expelled)) {
      await expect(vote())
        .to.be.revertedWithCustomError(g.governor, "SpinGovernorNotInGoodStanding")
        .withArgs(expelled.address, Kind.Person, Status.Expelled);
    }
  });

  it("refuses accounts that never were members, and organisations", async function () {
    const { g, p } = await networkHelpers.loadFixture(openProposalWithSanctions);
    for (const [account, kind, status] of [
      [g.outsider, Kind.None, Status.None],
      [g.enterprise, Kind.Enterprise, Status.Admitted],
    ] as const) {
      await expect(g.governor.connect(account).castVote(p.id, Vote.For))
        .to.be.revertedWithCustomError(g.governor, "SpinGovernorNotInGoodStanding")
        .withArgs(account.address, kind, status);
    }
  });

  it("leaves the suspended delegate's delegated votes to their owners, by override", async function () {
    const { g, p, delegators } = await networkHelpers.loadFixture(openProposalWithSanctions);
    const [m2, m3] = delegators;
    await expect(g.governor.connect(m2).castOverrideVote(p.id, Vote.Against, "mine"))
      .to.emit(g.governor, "OverrideVoteCast")
      .withArgs(m2.address, p.id, Vote.Against, 1n, "mine")
      .and.not.to.emit(g.governor, "VoteReduced");
    // m3 says nothing: its vote is cast by nobody.
    expect(await g.governor.proposalVotes(p.id)).to.deep.equal([1n, 0n, 0n]);
    expect(await g.governor.hasVotedOverride(p.id, m3.address)).to.equal(false);
  });

  it("keeps counting the members in good standing, with their snapshot weight", async function () {
    const { g, p } = await networkHelpers.loadFixture(openProposalWithSanctions);
    const m5 = g.members[4];
    await expect(g.governor.connect(m5).castVote(p.id, Vote.For))
      .to.emit(g.governor, "VoteCast")
      .withArgs(m5.address, p.id, Vote.For, 1n, "");
  });

  it("refuses proposals from a suspended member, even one holding delegated votes", async function () {
    const { g, suspended } = await networkHelpers.loadFixture(openProposalWithSanctions);
    await networkHelpers.time.increase(1);
    const target = await g.fund.getAddress();
    const data = g.fund.interface.encodeFunctionData("grant", [0, suspended.address, 1n, "x"]);
    await expect(g.governor.connect(suspended).propose([target], [0n], [data], "Mine"))
      .to.be.revertedWithCustomError(g.governor, "SpinGovernorNotInGoodStanding")
      .withArgs(suspended.address, Kind.Person, Status.Suspended);
  });

  it("counts a member's vote with params as OpenZeppelin does (VoteCastWithParams)", async function () {
    const { g, p } = await networkHelpers.loadFixture(openProposalWithSanctions);
    const m5 = g.members[4];
    await expect(
      g.governor.connect(m5).castVoteWithReasonAndParams(p.id, Vote.Against, "r", "0x01"),
    )
      .to.emit(g.governor, "VoteCastWithParams")
      .withArgs(m5.address, p.id, Vote.Against, 1n, "r", "0x01");
  });

  it("lets a member whose vote has not ripened vote with no weight, and not propose", async function () {
    const g = await deployGovernance(ethers, networkHelpers, {
      admissionRule: {
        vouchThreshold: 1,
        vouchWindow: 7 * 86_400,
        admissionDelay: 0,
        ripeningPeriod: 14 * 86_400,
        voucherSeniority: 0,
        vouchBudget: 5,
        budgetPeriod: 30 * 86_400,
        reapplyCooldown: 86_400,
      },
    });
    const newcomer = g.outsider;
    const profileHash = `0x${"ab".repeat(32)}`;
    await g.admissions.connect(newcomer).applyForAdmission(Kind.Person, "ipfs://new", profileHash);
    await g.admissions.connect(g.members[0]).vouch(newcomer.address, profileHash);
    await g.admissions.completeAdmission(newcomer.address, "ipfs://new");
    await networkHelpers.time.increase(1);
    const target = await g.fund.getAddress();
    const data = g.fund.interface.encodeFunctionData("grant", [0, newcomer.address, 1n, "x"]);
    await expect(g.governor.connect(newcomer).propose([target], [0n], [data], "Too soon"))
      .to.be.revertedWithCustomError(g.governor, "GovernorInsufficientProposerVotes")
      .withArgs(newcomer.address, 0n, 1n);
    const p = await propose(g, g.members[0], [{ target, data }], "Open");
    await startVoting(g, p);
    await expect(g.governor.connect(newcomer).castVote(p.id, Vote.For))
      .to.emit(g.governor, "VoteCast")
      .withArgs(newcomer.address, p.id, Vote.For, 0n, "");
  });
});
