/**
 * A local chain with the registry, the coin and the common fund deployed, and a workload that
 * emits their events (admissions, mints, approvals, deposits).
 */
import { network } from "hardhat";
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { IndexerConfigInput } from "../../../../indexer/src/index.ts";
import type {
  CommonFund,
  CommonsRegistry,
  SpinCoin,
} from "../../../../types/ethers-contracts/index.js";
import { startRpcServer, type Eip1193, type RpcServer } from "./rpc-server.ts";

const PERSON = 1;
const PROFILE_HASH = `0x${"11".repeat(32)}`;
export const COIN = 10n ** 18n;

export interface Chain {
  ethers: HardhatEthers;
  provider: Eip1193;
  rpc: RpcServer;
  registry: CommonsRegistry;
  coin: SpinCoin;
  fund: CommonFund;
  members: HardhatEthersSigner[];
  contracts: IndexerConfigInput["contracts"];
  chainId: number;
  close(): Promise<void>;
}

export async function deployChain(): Promise<Chain> {
  const connection = await network.create();
  const { ethers, provider } = connection;
  const [admin, ...others] = await ethers.getSigners();
  const members = others.slice(0, 5);
  const startBlock = await ethers.provider.getBlockNumber();
  const registry = await ethers.deployContract("CommonsRegistry", [
    admin.address,
    2,
    7 * 24 * 3600,
  ]);
  const coin = await ethers.deployContract("SpinCoin", [
    await registry.getAddress(),
    admin.address,
    1_000_000n * COIN,
    10n ** 30n,
  ]);
  const fund = await ethers.deployContract("CommonFund", [
    admin.address,
    await coin.getAddress(),
    await registry.getAddress(),
    [0, 0, 0],
    [5_000, 5_000, 5_000, 5_000],
  ]);
  await registry.setProtocolAccount(await fund.getAddress(), true);
  for (const member of members) {
    await registry.admit(member.address, PERSON, "ipfs://profile", PROFILE_HASH);
    await coin.mint(member.address, 1_000n * COIN);
    await coin.connect(member).approve(await fund.getAddress(), 2n ** 255n);
  }
  const rpc = await startRpcServer(provider as unknown as Eip1193);
  const deploymentBlock = startBlock + 1;
  return {
    ethers,
    provider: provider as unknown as Eip1193,
    rpc,
    registry,
    coin,
    fund,
    members,
    chainId: Number((await ethers.provider.getNetwork()).chainId),
    contracts: {
      CommonsRegistry: { address: await registry.getAddress(), deploymentBlock },
      Admissions: { address: await registry.admissions(), deploymentBlock },
      SpinCoin: { address: await coin.getAddress(), deploymentBlock },
      CommonFund: { address: await fund.getAddress(), deploymentBlock },
    },
    async close() {
      await rpc.close();
      await connection.close();
    },
  };
}

/** `count` deposits, spread over members and the Pooled and Commons sub-funds. */
export async function deposit(chain: Chain, count: number, seed = 1): Promise<void> {
  for (let i = 0; i < count; i++) {
    const member = chain.members[(i + seed) % chain.members.length];
    await chain.fund
      .connect(member)
      .deposit((i + seed) % 2 === 0 ? 0 : 2, BigInt(seed * 1000 + i + 1));
  }
}

export async function headBlock(
  chain: Pick<Chain, "ethers">,
): Promise<{ number: number; hash: string }> {
  const block = await chain.ethers.provider.getBlock("latest");
  return { number: block!.number, hash: block!.hash! };
}
