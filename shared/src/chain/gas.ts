/**
 * Headroom on every gas estimate before a transaction is signed.
 *
 * Votes are kept per second (the ERC-6372 timestamp clock). A node estimates a transaction on a
 * block that may share the latest block's second, where a checkpoint written in that second is
 * rewritten in place; if the transaction lands in a later second, each checkpoint it touches takes
 * a new storage slot instead (about 21,700 gas more each). The worst case is a delegation moving a
 * vote between two other members, three checkpoints: 56,073 gas estimated in the same second,
 * 121,259 needed in the next, 2.16 times as much (test/mocha/deploy/gas-margin.test.ts). Unused
 * gas is refunded: the margin only raises the balance a sender must hold while it waits.
 */
export const GAS_MULTIPLIER = 2.5;

/** The gas limit to send with a transaction whose estimate is `estimate`. */
export function withGasMargin(estimate: bigint): bigint {
  return (estimate * BigInt(GAS_MULTIPLIER * 10)) / 10n;
}
