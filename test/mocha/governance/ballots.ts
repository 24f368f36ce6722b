/** EIP-712 ballots for the governor's by-signature votes, signed as a wallet would. */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { Governance } from "./fixture.ts";

export const ballotTypes = {
  Ballot: [
    { name: "proposalId", type: "uint256" },
    { name: "support", type: "uint8" },
    { name: "voter", type: "address" },
    { name: "nonce", type: "uint256" },
  ],
};

export const extendedBallotTypes = {
  ExtendedBallot: [
    { name: "proposalId", type: "uint256" },
    { name: "support", type: "uint8" },
    { name: "voter", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "reason", type: "string" },
    { name: "params", type: "bytes" },
  ],
};

export const overrideBallotTypes = {
  OverrideBallot: [
    { name: "proposalId", type: "uint256" },
    { name: "support", type: "uint8" },
    { name: "voter", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "reason", type: "string" },
  ],
};

export async function governorDomain(g: Governance) {
  return {
    name: "SPIN Governor",
    version: "1",
    chainId: (await g.ethers.provider.getNetwork()).chainId,
    verifyingContract: await g.governor.getAddress(),
  };
}

/** `voter` signs a plain ballot with its next nonce. */
export async function signBallot(
  g: Governance,
  voter: HardhatEthersSigner,
  proposalId: bigint,
  support: number,
): Promise<string> {
  const nonce = await g.governor.nonces(voter.address);
  return voter.signTypedData(await governorDomain(g), ballotTypes, {
    proposalId,
    support,
    voter: voter.address,
    nonce,
  });
}

/** `voter` signs a ballot with a reason and params with its next nonce. */
export async function signExtendedBallot(
  g: Governance,
  voter: HardhatEthersSigner,
  proposalId: bigint,
  support: number,
  reason: string,
  params: string,
): Promise<string> {
  const nonce = await g.governor.nonces(voter.address);
  return voter.signTypedData(await governorDomain(g), extendedBallotTypes, {
    proposalId,
    support,
    voter: voter.address,
    nonce,
    reason,
    params,
  });
}

/** `voter` signs an override ballot with its next nonce. */
export async function signOverrideBallot(
  g: Governance,
  voter: HardhatEthersSigner,
  proposalId: bigint,
  support: number,
  reason: string,
): Promise<string> {
  const nonce = await g.governor.nonces(voter.address);
  return voter.signTypedData(await governorDomain(g), overrideBallotTypes, {
    proposalId,
    support,
    voter: voter.address,
    nonce,
    reason,
  });
}
