/**
 * Governance and fund gas: SPIN's governor, timelock and common fund against the OpenZeppelin
 * wizard governor (ERC20Votes on a timestamp clock, GovernorSettings, GovernorCountingSimple,
 * GovernorVotesQuorumFraction, GovernorTimelockControl) run side by side on the same chain, with
 * the same six one-vote members, the same delegation (member 6 to member 5), the same settings and
 * the same order of votes. Both proposals carry one action that pays a grant in tokens: SPIN's
 * fund.grant, the reference timelock's ERC20 transfer.
 */
import type { ContractTransactionResponse } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import {
  DAY,
  QUORUM_PERCENT,
  TIMELOCK_DELAY,
  VOTING_DELAY,
  VOTING_PERIOD,
  Vote,
  deployGovernance,
  pass,
} from "../../test/mocha/governance/fixture.ts";
import type { GasSuite } from "./suites.ts";
import type { GasRow } from "./table.ts";

const GRANT = 1_000n * 10n ** 18n;
const DESCRIPTION = "Grant: a laser cutter for the Dakar fablab";

async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  const receipt = await (await tx).wait();
  if (receipt === null) throw new Error("transaction dropped");
  return receipt.gasUsed;
}

async function deployReference(connection: NetworkConnection, voters: string[]) {
  const { ethers } = connection;
  const [deployer] = await ethers.getSigners();
  const token = await ethers.deployContract("RefVotesToken");
  const timelock = await ethers.deployContract("SpinTimelock", [TIMELOCK_DELAY, [], [], deployer.address]);
  const governor = await ethers.deployContract("RefGovernor", [
    await token.getAddress(),
    await timelock.getAddress(),
    VOTING_DELAY,
    VOTING_PERIOD,
    QUORUM_PERCENT,
  ]);
  const grantToken = await ethers.deployContract("RefGrantToken");
  await grantToken.mint(await timelock.getAddress(), 1_000_000n * 10n ** 18n);
  for (const role of [
    await timelock.PROPOSER_ROLE(),
    await timelock.CANCELLER_ROLE(),
    await timelock.EXECUTOR_ROLE(),
  ]) {
    await timelock.grantRole(role, await governor.getAddress());
  }
  for (const voter of voters) await token.mint(voter, 1n);
  return { token, timelock, governor, grantToken };
}

export const governanceSuite: GasSuite = async (connection) => {
  const { ethers, networkHelpers } = connection;
  const g = await deployGovernance(ethers, networkHelpers);
  const m = g.members;
  const ref = await deployReference(
    connection,
    m.map((s) => s.address),
  );
  for (const [i, voter] of m.entries()) {
    await ref.token.connect(voter).delegate(i === 5 ? m[4].address : voter.address);
  }
  await g.registry.connect(m[5]).delegate(m[4].address);
  await networkHelpers.time.increase(1);

  // One action each: a grant paid in tokens.
  const spinTargets = [await g.fund.getAddress()];
  const spinCalls = [g.fund.interface.encodeFunctionData("grant", [0, m[3].address, GRANT, "work 1"])];
  const refTargets = [await ref.grantToken.getAddress()];
  const refCalls = [ref.grantToken.interface.encodeFunctionData("transfer", [m[3].address, GRANT])];
  const hash = ethers.id(DESCRIPTION);
  const spinId = await g.governor.hashProposal(spinTargets, [0n], spinCalls, hash);
  const refId = await ref.governor.hashProposal(refTargets, [0n], refCalls, hash);

  const propose = [
    await gasOf(g.governor.connect(m[0]).propose(spinTargets, [0n], spinCalls, DESCRIPTION)),
    await gasOf(ref.governor.connect(m[0]).propose(refTargets, [0n], refCalls, DESCRIPTION)),
  ];
  await networkHelpers.time.increase(VOTING_DELAY + 1n);

  const voteAll = async (governor: typeof g.governor | typeof ref.governor, id: bigint) => ({
    first: await gasOf(governor.connect(m[0]).castVote(id, Vote.For)),
    later: await gasOf(governor.connect(m[1]).castVote(id, Vote.For)),
    reason: await gasOf(governor.connect(m[2]).castVoteWithReason(id, Vote.For, "for the commons")),
    delegate: await gasOf(governor.connect(m[4]).castVote(id, Vote.For)),
  });
  const spinVotes = await voteAll(g.governor, spinId);
  const refVotes = await voteAll(ref.governor, refId);
  const override = await gasOf(g.governor.connect(m[5]).castOverrideVote(spinId, Vote.Against, ""));

  await networkHelpers.time.increase(VOTING_PERIOD);
  const spinQueue = await gasOf(g.governor.queue(spinTargets, [0n], spinCalls, hash));
  const refQueue = await gasOf(ref.governor.queue(refTargets, [0n], refCalls, hash));
  await networkHelpers.time.increase(TIMELOCK_DELAY);
  const spinExecute = await gasOf(g.governor.execute(spinTargets, [0n], spinCalls, hash));
  const refExecute = await gasOf(ref.governor.execute(refTargets, [0n], refCalls, hash));

  const delegate = [
    await gasOf(g.registry.connect(m[3]).delegate(m[0].address)),
    await gasOf(ref.token.connect(m[3]).delegate(m[0].address)),
  ];

  // Deposit: the grant's recipient pays coin back into a sub-fund; the reference is a plain
  // ERC20 transferFrom by an approved spender into an account that already holds tokens.
  await g.coin.connect(m[3]).approve(await g.fund.getAddress(), ethers.MaxUint256);
  await ref.grantToken.connect(m[3]).approve(m[0].address, ethers.MaxUint256);
  const deposit = [
    await gasOf(g.fund.connect(m[3]).deposit(0, GRANT / 2n)),
    await gasOf(
      ref.grantToken.connect(m[0]).transferFrom(m[3].address, await ref.timelock.getAddress(), GRANT / 2n),
    ),
  ];

  // Stream claim halfway through, against OpenZeppelin's VestingWallet release.
  const start = BigInt(await networkHelpers.time.latest()) + 30n * DAY;
  const duration = 100n * DAY;
  const streamCall = g.fund.interface.encodeFunctionData("createStream", [
    0,
    m[2].address,
    GRANT,
    start,
    start + duration,
    "work 2",
  ]);
  await pass(g, [{ target: await g.fund.getAddress(), data: streamCall }], "Stream for work 2");
  const wallet = await ethers.deployContract("RefVestingWallet", [m[2].address, start, duration]);
  await ref.grantToken.connect(m[3]).transfer(await wallet.getAddress(), GRANT / 2n);
  await networkHelpers.time.increaseTo(start + duration / 2n);
  const streamId = (await g.fund.streamCount()) - 1n;
  const claim = [
    await gasOf(g.fund.connect(m[2]).claim(streamId)),
    await gasOf(wallet.connect(m[2])["release(address)"](await ref.grantToken.getAddress())),
  ];

  const rows: GasRow[] = [
    {
      operation: "governor propose (1 action: grant)",
      ours: propose[0],
      reference: propose[1],
      referenceName: "OZ Governor+TimelockControl propose (1 action: ERC20 transfer)",
      goal: { maxRatio: 1.1 },
    },
    {
      operation: "castVote (first voter)",
      ours: spinVotes.first,
      reference: refVotes.first,
      referenceName: "OZ Governor CountingSimple castVote (first voter)",
    },
    {
      operation: "castVote (later voter)",
      ours: spinVotes.later,
      reference: refVotes.later,
      referenceName: "OZ Governor CountingSimple castVote (later voter)",
      goal: { maxRatio: 1.0 },
    },
    {
      operation: "castVoteWithReason (3rd voter, reaches quorum)",
      ours: spinVotes.reason,
      reference: refVotes.reason,
      referenceName: "OZ Governor castVoteWithReason (3rd voter, no late-quorum module)",
    },
    {
      operation: "castVote by a delegate (2 votes)",
      ours: spinVotes.delegate,
      reference: refVotes.delegate,
      referenceName: "OZ Governor castVote by a delegate (2 votes)",
    },
    {
      operation: "castOverrideVote (reduces the delegate's vote)",
      ours: override,
      reference: refVotes.later,
      referenceName: "OZ Governor castVote, later voter (the reference has no override)",
    },
    {
      operation: "queue + execute (grant)",
      ours: spinQueue + spinExecute,
      reference: refQueue + refExecute,
      referenceName: "OZ Governor+TimelockControl queue + execute (ERC20 transfer)",
      goal: { maxRatio: 1.0 },
    },
    {
      operation: "execute (grant from the fund)",
      ours: spinExecute,
      reference: refExecute,
      referenceName: "OZ Governor+TimelockControl execute (ERC20 transfer)",
    },
    {
      operation: "delegate (membership, to another member)",
      ours: delegate[0],
      reference: delegate[1],
      referenceName: "OZ ERC20Votes delegate (self to another holder)",
    },
    {
      operation: "fund deposit",
      ours: deposit[0],
      reference: deposit[1],
      referenceName: "OZ ERC20 transferFrom by an approved spender",
    },
    {
      operation: "fund stream claim (halfway)",
      ours: claim[0],
      reference: claim[1],
      referenceName: "OZ VestingWallet release(token) (halfway)",
    },
  ];
  return rows;
};
