import { expect } from "chai";
import { network } from "hardhat";
import type { CommonsRegistry } from "../../../types/ethers-contracts/index.ts";
import type { Wallet } from "ethers";
import {
  SENDER_NOT_AUTHORIZED_MESSAGE,
  serveProvider,
  startGateway,
  type Gateway,
  type ProviderServer,
} from "@spin/gateway";
import { memoryLogger, rpc, WsClient, request } from "./rpc.ts";

const { ethers, provider } = await network.create();
const chainId = Number(await provider.request({ method: "eth_chainId" }));
const Kind = { Person: 1 };
const REFUSAL = { code: -32007, message: SENDER_NOT_AUTHORIZED_MESSAGE };

// The gateway in front of a real node, deciding with a deployed CommonsRegistry.
describe("gateway: permission decisions from the commons registry", function () {
  let node: ProviderServer;
  let gateway: Gateway;
  let logger: ReturnType<typeof memoryLogger>;
  let registry: CommonsRegistry;
  let member: Wallet;
  let outsider: Wallet;
  let admin: string;

  async function newFundedWallet(): Promise<Wallet> {
    const wallet = new ethers.Wallet(ethers.Wallet.createRandom().privateKey);
    await provider.request({
      method: "hardhat_setBalance",
      params: [wallet.address, "0x56bc75e2d63100000"],
    });
    return wallet;
  }

  async function signedTransfer(wallet: Wallet): Promise<string> {
    const nonce = Number(
      await provider.request({
        method: "eth_getTransactionCount",
        params: [wallet.address, "latest"],
      }),
    );
    return wallet.signTransaction({
      type: 2,
      chainId,
      nonce,
      to: outsider.address,
      value: 1n,
      gasLimit: 21_000n,
      maxFeePerGas: 10n ** 10n,
      maxPriorityFeePerGas: 10n ** 9n,
    });
  }

  before(async function () {
    node = await serveProvider(provider);
    const [signer] = await ethers.getSigners();
    admin = signer.address;
    registry = await ethers.deployContract("CommonsRegistry", [admin, 2, 7 * 24 * 3600]);
    member = await newFundedWallet();
    outsider = await newFundedWallet();
    await (
      await registry.admit(member.address, Kind.Person, "ipfs://m", ethers.id("profile"))
    ).wait();
  });

  beforeEach(async function () {
    logger = memoryLogger();
    gateway = await startGateway(
      { upstream: node.url, port: 0, registry: await registry.getAddress() },
      logger,
    );
  });

  const stopped: Array<() => Promise<void>> = [];

  afterEach(async function () {
    await gateway.close();
    for (const stop of stopped.splice(0)) await stop();
  });

  after(async function () {
    await node.close();
  });

  it("logs the registry it checks against", async function () {
    const entry = logger.entries.find((e) => e.message.startsWith("checking every transaction"));
    expect(entry?.fields.registry).to.equal(await registry.getAddress());
  });

  it("forwards a member's transaction to the node", async function () {
    const answer = await rpc(gateway.url, "eth_sendRawTransaction", [await signedTransfer(member)]);
    expect(answer.error).to.equal(undefined);
    const receipt = await provider.request({
      method: "eth_getTransactionReceipt",
      params: [answer.result],
    });
    expect((receipt as { status: string }).status).to.equal("0x1");
  });

  it("refuses a non-member's transaction with -32007 and logs one line", async function () {
    const before = await provider.request({
      method: "eth_getTransactionCount",
      params: [outsider.address, "latest"],
    });
    const answer = await rpc(gateway.url, "eth_sendRawTransaction", [
      await signedTransfer(outsider),
    ]);
    expect(answer.error).to.deep.equal(REFUSAL);
    const after = await provider.request({
      method: "eth_getTransactionCount",
      params: [outsider.address, "latest"],
    });
    expect(after).to.equal(before);
    const refusals = logger.entries.filter((e) => e.fields.reason === "sender_not_authorized");
    expect(refusals).to.have.length(1);
    expect(refusals[0].level).to.equal("info");
    expect(refusals[0].fields).to.include({
      sender: outsider.address,
      method: "eth_sendRawTransaction",
      registry: await registry.getAddress(),
    });
  });

  async function devGateway(): Promise<Gateway> {
    const dev = await startGateway(
      { upstream: node.url, port: 0, registry: await registry.getAddress(), devNodeSigning: true },
      logger,
    );
    stopped.push(() => dev.close());
    return dev;
  }

  it("refuses the deployer's node-signed transaction too unless the registry admits it", async function () {
    const answer = await rpc((await devGateway()).url, "eth_sendTransaction", [
      { from: admin, to: outsider.address, value: "0x1" },
    ]);
    expect(answer.error).to.deep.equal(REFUSAL);
  });

  it("forwards a member's node-signed eth_sendTransaction (checked by from)", async function () {
    await provider.request({
      method: "hardhat_impersonateAccount",
      params: [member.address],
    });
    const answer = await rpc((await devGateway()).url, "eth_sendTransaction", [
      { from: member.address, to: outsider.address, value: "0x1" },
    ]);
    expect(answer.error).to.equal(undefined);
    expect(answer.result).to.match(/^0x[0-9a-f]{64}$/);
  });

  it("refuses a member once governance suspends it, and forwards again once reinstated", async function () {
    const suspended = await newFundedWallet();
    const admit = registry.admit;
    await (await admit(suspended.address, Kind.Person, "ipfs://s", ethers.id("profile"))).wait();
    const allowed = await rpc(gateway.url, "eth_sendRawTransaction", [
      await signedTransfer(suspended),
    ]);
    expect(allowed.error).to.equal(undefined);

    await (await registry.suspend(suspended.address, "test")).wait();
    const refused = await rpc(gateway.url, "eth_sendRawTransaction", [
      await signedTransfer(suspended),
    ]);
    expect(refused.error).to.deep.equal(REFUSAL);

    await (await registry.reinstate(suspended.address, "test")).wait();
    const again = await rpc(gateway.url, "eth_sendRawTransaction", [
      await signedTransfer(suspended),
    ]);
    expect(again.error).to.equal(undefined);
  });

  it("passes reads through, registry calls included", async function () {
    const data = registry.interface.encodeFunctionData("isAllowed", [member.address]);
    const answer = await rpc(gateway.url, "eth_call", [
      { to: await registry.getAddress(), data },
      "latest",
    ]);
    expect(BigInt(answer.result as string)).to.equal(1n);
  });

  it("decides over WebSocket the same way", async function () {
    const client = await WsClient.open(gateway.wsUrl);
    try {
      const refused = await client.send(
        request("eth_sendRawTransaction", [await signedTransfer(outsider)]),
      );
      expect(refused.error).to.deep.equal(REFUSAL);
      const allowed = await client.send(
        request("eth_sendRawTransaction", [await signedTransfer(member)]),
      );
      expect(allowed.result).to.match(/^0x[0-9a-f]{64}$/);
    } finally {
      client.close();
    }
  });

  it("lets a deployment through in bootstrap mode, then checks the registry once it is set", async function () {
    const bootstrap = await startGateway(
      { upstream: node.url, port: 0, bootstrapAccounts: [outsider.address] },
      logger,
    );
    try {
      const during = await rpc(bootstrap.url, "eth_sendRawTransaction", [
        await signedTransfer(outsider),
      ]);
      expect(during.error).to.equal(undefined);
      bootstrap.setRegistry(await registry.getAddress());
      const after = await rpc(bootstrap.url, "eth_sendRawTransaction", [
        await signedTransfer(outsider),
      ]);
      expect(after.error).to.deep.equal(REFUSAL);
      const memberAfter = await rpc(bootstrap.url, "eth_sendRawTransaction", [
        await signedTransfer(member),
      ]);
      expect(memberAfter.error).to.equal(undefined);
    } finally {
      await bootstrap.close();
    }
  });
});
