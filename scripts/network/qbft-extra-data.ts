import { toRlp, type Address, type Hex } from "viem";

const EMPTY_VANITY: Hex = `0x${"00".repeat(32)}`;

/**
 * The `extraData` of a QBFT genesis block with header-based validator selection:
 * RLP([32-byte vanity, [validators...], no vote, round 0, no seals]).
 * Validators are encoded in the order given; `genesis.ts` sorts them as Besu's docs ask.
 */
export function encodeQbftExtraData(
  validators: readonly Address[],
  vanity: Hex = EMPTY_VANITY,
): Hex {
  if (vanity.length !== 66) throw new Error("QBFT vanity data is exactly 32 bytes");
  const noVote: Hex[] = [];
  const roundZero: Hex = "0x";
  const noSeals: Hex[] = [];
  return toRlp([vanity, validators.map((v) => v.toLowerCase() as Hex), noVote, roundZero, noSeals]);
}
