import { parseAbi } from "viem";

/** The part of ICommonsRegistry the gateway reads (Besu's account rule). */
export const transactionRuleAbi = parseAbi([
  "function transactionAllowed(address sender, address target, uint256 value, uint256 gasPrice, uint256 gasLimit, bytes payload) view returns (bool)",
]);
