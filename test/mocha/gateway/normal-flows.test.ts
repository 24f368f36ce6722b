/**
 * What must keep working through the gateway's allow-list and limits, with its defaults, in front
 * of a real anvil: deploying SPIN with Hardhat Ignition, the indexer following the chain, a
 * wallet's calls and signed transactions (MetaMask's and viem's), and subscriptions.
 */
import { expect } from "chai";
import {
  createWalletClient,
  defineChain,
  http,
  parseEther,
  publicActions,
  type Chain,
  type Hex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { startGateway, type Gateway } from "@spin/gateway";
import { startIndexerService, type Service } from "../../../scripts/start/services.ts";
import { devKey, members, spinOnAnvil, type SpinNode } from "./fixture.ts";
import { memoryLogger, request, rpc, WsClient } from "./rpc.ts";

async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await read();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`still waiting for ${what} (last: ${String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("gateway: normal flows still pass (anvil)", function () {
  this.timeout(180_000);
  let spin: SpinNode;
  let gateway: Gateway;
  let logger: ReturnType<typeof memoryLogger>;

  before(async function () {
    spin = await spinOnAnvil();
    logger = memoryLogger();
    gateway = await startGateway(
      { upstream: spin.anvil.url, port: 0, registry: spin.registry },
      logger,
    );
  });
  after(async function () {
    await gateway?.close();
    await spin?.stop();
  });

  const localChain = (): Chain =>
    defineChain({
      id: spin.chainId,
      name: "SPIN local",
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [gateway.url] } },
    });

  it("deployed SPIN with Hardhat Ignition through the gateway, asking only for what it serves", function () {
    const { refusals } = spin.deployment.metrics;
    expect(spin.deployment.metrics.forwarded).to.be.greaterThan(100);
    expect(refusals.method_not_found).to.equal(0);
    expect(refusals.node_signing_disabled).to.equal(0);
    expect(refusals.sender_not_authorized).to.equal(0);
    // Hardhat and Ignition ask whether the node is a Hardhat node that mines on every
    // transaction; "not enabled" is an answer they handle (by waiting for confirmations).
    const disabled = spin.deployment.log.filter((e) => e.fields.reason === "method_not_enabled");
    expect(disabled.length).to.be.greaterThan(0);
    for (const line of disabled) {
      expect(["hardhat_getAutomine", "hardhat_metadata"]).to.include(line.fields.method);
    }
  });

  it("serves the indexer, which follows SPIN through it", async function () {
    let indexer: Service | undefined;
    try {
      indexer = await startIndexerService({
        rpcUrl: gateway.url,
        book: spin.book,
        port: 0,
        dataDir: "unused-in-memory",
        database: "memory",
        pollIntervalMs: 100,
      });
      const url = indexer.url;
      const head = Number(await spin.chain.getBlockNumber());
      await until("the indexer at the chain's head", async () => {
        const health = (await (await fetch(`${url}/health`)).json()) as { indexedBlock: number };
        return health.indexedBlock >= head ? health : undefined;
      });
      const participants = (await (await fetch(`${url}/participants`)).json()) as {
        items: { account: string }[];
      };
      const founders = Object.values(members).map((i) => privateKeyToAccount(devKey(i)).address);
      expect(participants.items.map((p) => p.account.toLowerCase())).to.include.members(
        founders.map((a) => a.toLowerCase()),
      );
      const { refusals } = gateway.metrics();
      expect(Object.values(refusals).reduce((a, b) => a + b, 0)).to.equal(0);
    } finally {
      await indexer?.stop();
    }
  });

  it("answers the reads a MetaMask-style wallet makes", async function () {
    const alice = privateKeyToAccount(devKey(members.alice)).address;
    const reads: [string, unknown[]][] = [
      ["eth_chainId", []],
      ["net_version", []],
      ["net_listening", []],
      ["net_peerCount", []],
      ["web3_clientVersion", []],
      ["web3_sha3", ["0x68656c6c6f"]],
      ["eth_blockNumber", []],
      ["eth_syncing", []],
      ["eth_gasPrice", []],
      ["eth_maxPriorityFeePerGas", []],
      ["eth_feeHistory", ["0x4", "latest", [25, 75]]],
      ["eth_getBalance", [alice, "latest"]],
      ["eth_getTransactionCount", [alice, "pending"]],
      ["eth_getCode", [spin.registry, "latest"]],
      ["eth_getStorageAt", [spin.registry, "0x0", "latest"]],
      ["eth_getBlockByNumber", ["latest", false]],
      ["eth_estimateGas", [{ from: alice, to: alice, value: "0x1" }]],
      ["eth_call", [{ to: spin.registry, data: "0x" }, "latest"]],
      ["eth_getLogs", [{ address: spin.registry, fromBlock: "0x0", toBlock: "latest" }]],
      ["eth_accounts", []],
    ];
    const before = gateway.metrics();
    for (const [method, params] of reads) {
      const viaGateway = await rpc(gateway.url, method, params);
      // The node's own answer, error or not (anvil knows no net_peerCount), comes through.
      const direct = await rpc(spin.anvil.url, method, params);
      expect(viaGateway.error?.code, method).to.equal(direct.error?.code);
    }
    const after = gateway.metrics();
    expect(after.refusals).to.deep.equal(before.refusals);
    // eth_accounts is answered by the gateway itself: it holds no accounts for anyone.
    expect(after.forwarded - before.forwarded).to.equal(reads.length - 1);
  });

  it("forwards a member's signed transactions from viem, Sync form included", async function () {
    const wallet = createWalletClient({
      account: privateKeyToAccount(devKey(members.bob)),
      chain: localChain(),
      transport: http(gateway.url),
    }).extend(publicActions);
    const to = privateKeyToAccount(devKey(members.carol)).address;
    const before = await spin.chain.getBalance({ address: to });
    const hash = await wallet.sendTransaction({ to, value: parseEther("1") });
    expect((await wallet.waitForTransactionReceipt({ hash })).status).to.equal("success");
    const raw = await wallet.signTransaction(
      await wallet.prepareTransactionRequest({ to, value: parseEther("1") }),
    );
    const synced = await rpc(gateway.url, "eth_sendRawTransactionSync", [raw]);
    expect((synced.result as { status: Hex }).status).to.equal("0x1");
    expect(await spin.chain.getBalance({ address: to })).to.equal(before + parseEther("2"));
  });

  it("relays newHeads and logs subscriptions over WebSocket", async function () {
    const client = await WsClient.open(gateway.wsUrl);
    try {
      const heads = await client.send(request("eth_subscribe", ["newHeads"]));
      const logs = await client.send(
        request("eth_subscribe", ["logs", { address: spin.registry }]),
      );
      expect(heads.result).to.be.a("string");
      expect(logs.result).to.be.a("string");
      const wallet = createWalletClient({
        account: privateKeyToAccount(devKey(members.alice)),
        chain: localChain(),
        transport: http(gateway.url),
      });
      await wallet.sendTransaction({ to: wallet.account.address, value: 1n });
      const head = await client.waitFor(
        (m) => m.method === "eth_subscription" && m.params?.subscription === heads.result,
        30_000,
      );
      expect(head.params?.result).to.have.property("number");
      expect((await client.send(request("eth_unsubscribe", [heads.result]))).result).to.equal(true);
      expect((await client.send(request("eth_unsubscribe", [logs.result]))).result).to.equal(true);
    } finally {
      client.close();
    }
  });
});
