import type { Address } from "viem";
import { encodeQbftExtraData } from "./qbft-extra-data.ts";

export type GenesisOptions = {
  chainId: number;
  validators: readonly Address[];
  blockPeriodSeconds?: number;
  requestTimeoutSeconds?: number;
  epochLength?: number;
  gasLimit?: bigint;
};

/** Besu's fixed mixHash for Istanbul-family (IBFT 2.0, QBFT) blocks. */
const BFT_MIX_HASH = "0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365";

/** Validators in ascending address order, as Besu's QBFT docs ask for the genesis list. */
export function sortValidators(validators: readonly Address[]): Address[] {
  return [...validators].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
}

/**
 * A QBFT genesis with header-based validator selection, every fork up to Cancun active from
 * block 0 (the contracts are compiled for Cancun) and a zero base fee: gas is free, so members
 * need no coin to transact and no account is pre-funded.
 */
export function buildQbftGenesis(options: GenesisOptions): Record<string, unknown> {
  if (options.validators.length === 0)
    throw new Error("a QBFT network needs at least one validator");
  return {
    config: {
      chainId: options.chainId,
      homesteadBlock: 0,
      eip150Block: 0,
      eip155Block: 0,
      eip158Block: 0,
      byzantiumBlock: 0,
      constantinopleBlock: 0,
      petersburgBlock: 0,
      istanbulBlock: 0,
      muirGlacierBlock: 0,
      berlinBlock: 0,
      londonBlock: 0,
      shanghaiTime: 0,
      cancunTime: 0,
      zeroBaseFee: true,
      qbft: {
        blockperiodseconds: options.blockPeriodSeconds ?? 2,
        epochlength: options.epochLength ?? 30_000,
        requesttimeoutseconds: options.requestTimeoutSeconds ?? 4,
      },
    },
    nonce: "0x0",
    timestamp: "0x0",
    gasLimit: `0x${(options.gasLimit ?? 0x1fffffffffffffn).toString(16)}`,
    difficulty: "0x1",
    mixHash: BFT_MIX_HASH,
    coinbase: "0x0000000000000000000000000000000000000000",
    alloc: {},
    extraData: encodeQbftExtraData(sortValidators(options.validators)),
  };
}
