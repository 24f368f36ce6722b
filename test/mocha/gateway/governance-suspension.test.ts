/**
 * The whole path of a suspension on the permissioned local network: members propose and vote
 * through the gateway, the timelock suspends a member, and from then on the gateway refuses that
 * member's transactions with Besu's error.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { HDNodeWallet, JsonRpcProvider, type Wallet } from "ethers";
import { serveProvider, startGateway, type Gateway, type ProviderServer } from "@spin/gateway";
import { deploySpin } from "../../../scripts/deploy/spin.ts";
import { memoryLogger, rpc } from "./rpc.ts";

const connection = await network.create();
const { ethers, provider } = connection;
const MNEMONIC = "test test test test test test test test test test test junk";
const For = 1;

function account(index: number): HDNodeWallet {
  return HDNodeWallet.fromPhrase(MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`);
}

describe("gateway: a member suspended by a governance vote", function () {
  let node: ProviderServer;
  let gateway: Gateway;
  let via: JsonRpcProvider;

  before(async function () {
    node = await serveProvider(provider);
  });
  after(async function () {
    via?.destroy();
    await gateway?.close();
    await node.close();
  });

  it("is refused with -32007 once the proposal to suspend it is executed", async function () {
    const [alice, bob, carol] = [1, 2, 3].map(account);
    const book = await deploySpin(connection, {
      parameters: {
        votingDelay: 1,
        votingPeriod: 600,
        lateQuorumExtension: 60,
        timelockDelay: 60,
        quorumPercent: 50,
      },
      founders: [alice, bob, carol].map((w, i) => ({
        account: w.address,
        kind: "Person" as const,
        profileURI: `ipfs://member-${i}`,
        profileHash: ethers.id(`member-${i}`),
      })),
    });
    gateway = await startGateway(
      { upstream: node.url, port: 0, registry: book.contracts.CommonsRegistry.address },
      memoryLogger(),
    );
    via = new JsonRpcProvider(gateway.url, undefined, { staticNetwork: true, cacheTimeout: -1 });
    const as = (wallet: HDNodeWallet): Wallet => wallet.connect(via) as unknown as Wallet;
    const registry = await ethers.getContractAt(
      "CommonsRegistry",
      book.contracts.CommonsRegistry.address,
    );
    const governor = await ethers.getContractAt(
      "SpinGovernor",
      book.contracts.SpinGovernor.address,
    );
    const skip = async (seconds: number) => {
      await provider.request({ method: "evm_increaseTime", params: [seconds] });
      await provider.request({ method: "evm_mine", params: [] });
    };

    const targets = [book.contracts.CommonsRegistry.address];
    const calldatas = [registry.interface.encodeFunctionData("suspend", [carol.address, "vote 1"])];
    const description = "Suspend Carol while the fraud report is examined";
    await (await governor.connect(as(alice)).propose(targets, [0], calldatas, description)).wait();
    const id = await governor.hashProposal(targets, [0], calldatas, ethers.id(description));
    await skip(2);
    await (await governor.connect(as(alice)).castVote(id, For)).wait();
    await (await governor.connect(as(bob)).castVote(id, For)).wait();
    await skip(601);
    await (
      await governor.connect(as(bob)).queue(targets, [0], calldatas, ethers.id(description))
    ).wait();
    await skip(61);

    // Carol can still send until the vote takes effect.
    const before = await as(carol).sendTransaction({ to: alice.address, value: 1n });
    await before.wait();
    await (
      await governor.connect(as(alice)).execute(targets, [0], calldatas, ethers.id(description))
    ).wait();
    expect(await registry.statusOf(carol.address)).to.equal(3n); // Suspended

    const signed = await carol.signTransaction({
      type: 2,
      chainId: book.chainId,
      nonce: await via.getTransactionCount(carol.address),
      to: alice.address,
      value: 1n,
      gasLimit: 21_000n,
      maxFeePerGas: 10n ** 10n,
      maxPriorityFeePerGas: 10n ** 9n,
    });
    const refused = await rpc(gateway.url, "eth_sendRawTransaction", [signed]);
    expect(refused.error).to.deep.include({ code: -32007 });
    expect(refused.error?.message).to.equal("Sender account not authorized to send transactions");
    // Alice, still a member, is not affected.
    await (await as(alice).sendTransaction({ to: bob.address, value: 1n })).wait();
  });
});
