/**
 * The quorum's floor and rounding, and why neither a quorum change nor an admission-rule change
 * can take effect in the execution that spends under it: both are fixed at a snapshot.
 */
import { expect } from "chai";
import { network } from "hardhat";
import {
  DAY,
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
} from "./fixture.ts";

const { ethers, networkHelpers } = await network.create();

async function grant(g: Governance) {
  return {
    target: await g.fund.getAddress(),
    data: g.fund.interface.encodeFunctionData("grant", [0, g.members[0].address, 1n, "x"]),
  };
}

async function governorCall(
  g: Governance,
  name: "updateQuorumNumerator" | "setQuorumFloor",
  value: bigint,
) {
  return {
    target: await g.governor.getAddress(),
    data: g.governor.interface.encodeFunctionData(name as "setQuorumFloor", [value]),
  };
}

/** Quorum at the snapshot of a fresh proposal. */
async function quorumOfAFreshProposal(g: Governance) {
  const p = await propose(g, g.members[0], [await grant(g)], `Q ${Math.random()}`);
  await startVoting(g, p);
  return { p, quorum: await g.governor.quorum(await g.governor.proposalSnapshot(p.id)) };
}

describe("SpinGovernor quorum", function () {
  it("never rounds below the floor: 20 % of 3 members is 2 votes, not 0", async function () {
    const g = await deployGovernance(ethers, networkHelpers, { persons: 3, quorumPercent: 20n });
    expect(await g.governor.quorumFloor()).to.equal(2n);
    const { p, quorum } = await quorumOfAFreshProposal(g);
    expect(quorum).to.equal(2n);
    await g.governor.connect(g.members[0]).castVote(p.id, Vote.For);
    await endVoting(g, p);
    expect(await g.governor.state(p.id)).to.equal(ProposalState.Defeated);
  });

  it("rounds the fraction up: 20 % of 11 members is 3 votes", async function () {
    const g = await deployGovernance(ethers, networkHelpers, { persons: 11, quorumPercent: 20n });
    expect((await quorumOfAFreshProposal(g)).quorum).to.equal(3n);
  });

  it("never asks for more votes than exist: a commons of one decides alone", async function () {
    const g = await deployGovernance(ethers, networkHelpers, { persons: 1, quorumPercent: 20n });
    const { p, quorum } = await quorumOfAFreshProposal(g);
    expect(quorum).to.equal(1n);
    await g.governor.connect(g.members[0]).castVote(p.id, Vote.For);
    await endVoting(g, p);
    expect(await g.governor.state(p.id)).to.equal(ProposalState.Succeeded);
  });

  it("sets the floor only through governance, for proposals whose snapshot comes after", async function () {
    const g = await deployGovernance(ethers, networkHelpers, { persons: 10, quorumPercent: 20n });
    await expect(g.governor.connect(g.members[0]).setQuorumFloor(4n))
      .to.be.revertedWithCustomError(g.governor, "GovernorOnlyExecutor")
      .withArgs(g.members[0].address);
    const before = await propose(g, g.members[1], [await grant(g)], "Before the new floor");
    const { tx } = await pass(g, [await governorCall(g, "setQuorumFloor", 4n)], "Floor of four");
    await expect(tx).to.emit(g.governor, "QuorumFloorSet").withArgs(2n, 4n);
    expect(await g.governor.quorumFloor()).to.equal(4n);
    const snapshot = await g.governor.proposalSnapshot(before.id);
    expect(await g.governor.quorumFloorAt(snapshot)).to.equal(2n);
    expect(await g.governor.quorum(snapshot)).to.equal(2n);
    expect((await quorumOfAFreshProposal(g)).quorum).to.equal(4n);
  });

  it("does not let a quorum change rescue a proposal voted under the old one", async function () {
    const g = await deployGovernance(ethers, networkHelpers, { persons: 6, quorumPercent: 50n });
    const [m1, m2, m3] = g.members;
    // A lowers the quorum to 1 % with a floor of 1; B, voting at the same time, has 1 vote.
    const a = await propose(
      g,
      m1,
      [
        await governorCall(g, "updateQuorumNumerator", 1n),
        await governorCall(g, "setQuorumFloor", 1n),
      ],
      "Lower the quorum",
    );
    const b = await propose(g, m2, [await grant(g)], "Spend with one vote");
    await startVoting(g, b);
    for (const m of [m1, m2, m3]) await g.governor.connect(m).castVote(a.id, Vote.For);
    await g.governor.connect(m2).castVote(b.id, Vote.For);
    await endVoting(g, b);
    await queue(g, a);
    await networkHelpers.time.increase(TIMELOCK_DELAY);
    await execute(g, a);
    expect(await g.governor["quorumNumerator()"]()).to.equal(1n);
    // B's quorum is the one at its snapshot: 3 of 6. It stays defeated.
    expect(await g.governor.quorum(await g.governor.proposalSnapshot(b.id))).to.equal(3n);
    expect(await g.governor.state(b.id)).to.equal(ProposalState.Defeated);
    // Only proposals made after the change run under it.
    expect((await quorumOfAFreshProposal(g)).quorum).to.equal(1n);
  });

  it("fixes the admission rule into each application, as the quorum is fixed at a snapshot", async function () {
    const day = Number(DAY);
    const strict: AdmissionRule = {
      vouchThreshold: 3,
      vouchWindow: 30 * day,
      admissionDelay: 14 * day,
      ripeningPeriod: 14 * day,
      voucherSeniority: 0,
      vouchBudget: 10,
      budgetPeriod: 30 * day,
      reapplyCooldown: 30 * day,
    };
    const g = await deployGovernance(ethers, networkHelpers, { admissionRule: strict });
    const [early, late] = [g.outsider, ethers.Wallet.createRandom().connect(ethers.provider)];
    const profileHash = `0x${"ee".repeat(32)}`;
    await g.admissions.connect(early).applyForAdmission(1, "ipfs://early", profileHash);
    const lax = { ...strict, vouchThreshold: 1, admissionDelay: 0, ripeningPeriod: 0 };
    await pass(
      g,
      [
        {
          target: await g.admissions.getAddress(),
          data: g.admissions.interface.encodeFunctionData("setAdmissionRule", [lax]),
        },
      ],
      "Admit faster",
    );
    // The open application keeps the rule it was made under: 3 vouches, a 14-day delay.
    const kept = await g.admissions.applicationOf(early.address);
    expect([kept.threshold, kept.admissionDelay, kept.ripeningPeriod]).to.deep.equal([
      3n,
      14n * DAY,
      14n * DAY,
    ]);
    await g.admissions.connect(g.members[0]).vouch(early.address, profileHash);
    expect((await g.admissions.applicationOf(early.address)).state).to.equal(1n /* Open */);
    // An application made after the change runs under the new rule.
    await networkHelpers.setBalance(late.address, 10n ** 18n);
    await g.admissions.connect(late).applyForAdmission(1, "ipfs://late", profileHash);
    await g.admissions.connect(g.members[0]).vouch(late.address, profileHash);
    await expect(g.admissions.completeAdmission(late.address, "ipfs://late")).to.emit(
      g.registry,
      "Admitted",
    );
    expect(await g.registry.getVotes(late.address)).to.equal(1n);
  });
});
