/**
 * Only the governor executes on the timelock: a ready operation runs through `governor.execute`
 * (which anyone may call), never around it, so every execution is the governor's ProposalExecuted.
 */
import { expect } from "chai";
import { network } from "hardhat";
import {
  ProposalState,
  TIMELOCK_DELAY,
  Vote,
  deployGovernance,
  endVoting,
  propose,
  queue,
  startVoting,
} from "./fixture.ts";

const { ethers, networkHelpers } = await network.create();

async function fixture() {
  return deployGovernance(ethers, networkHelpers);
}

describe("SpinTimelock executor", function () {
  it("refuses a ready operation executed around the governor, and runs it through the governor for anyone", async function () {
    const g = await networkHelpers.loadFixture(fixture);
    const target = await g.fund.getAddress();
    const data = g.fund.interface.encodeFunctionData("grant", [0, g.members[1].address, 1n, "x"]);
    const p = await propose(g, g.members[0], [{ target, data }], "Through the governor");
    await startVoting(g, p);
    for (const m of g.members.slice(0, 3)) await g.governor.connect(m).castVote(p.id, Vote.For);
    await endVoting(g, p);
    await queue(g, p);
    await networkHelpers.time.increase(TIMELOCK_DELAY);

    // GovernorTimelockControl's salt: the governor's address (as bytes20) xor the description hash.
    const governor = BigInt(await g.governor.getAddress());
    const salt = ethers.toBeHex((governor << 96n) ^ BigInt(ethers.id(p.description)), 32);
    const operation = await g.timelock.hashOperationBatch(
      [target],
      [0n],
      [data],
      ethers.ZeroHash,
      salt,
    );
    expect(await g.timelock.isOperationReady(operation)).to.equal(true);
    await expect(
      g.timelock.connect(g.outsider).executeBatch([target], [0n], [data], ethers.ZeroHash, salt),
    )
      .to.be.revertedWithCustomError(g.timelock, "AccessControlUnauthorizedAccount")
      .withArgs(g.outsider.address, await g.timelock.EXECUTOR_ROLE());

    await expect(
      g.governor.connect(g.outsider).execute([target], [0n], [data], ethers.id(p.description)),
    )
      .to.emit(g.governor, "ProposalExecuted")
      .withArgs(p.id);
    expect(await g.governor.state(p.id)).to.equal(ProposalState.Executed);
  });
});
