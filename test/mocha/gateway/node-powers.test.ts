/**
 * Issue 12, items 1, 2 and 6, against the gateway in front of a real anvil holding SPIN: an
 * anonymous client with no key tries to act as the timelock (anvil's eth_sendUnsignedTransaction),
 * to use the node's unlocked member accounts, and the node's other powers. Each is refused with
 * Besu's error, over HTTP and WebSocket, and the chain is unchanged.
 */
import { expect } from "chai";
import { encodeFunctionData, keccak256, toBytes, toHex, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { commonsRegistryAbi, spinCoinAbi } from "@spin/shared";
import { RpcErrorCode, startGateway, type Gateway } from "@spin/gateway";
import { devKey, isAllowed, members, spinOnAnvil, type SpinNode } from "./fixture.ts";
import { memoryLogger, post, request, rpc, WsClient, type RpcBody } from "./rpc.ts";

const COIN = 10n ** 18n;
const attacker: Address = "0x000000000000000000000000000000000000bEEF";

describe("gateway: the node's powers are not for strangers (anvil)", function () {
  this.timeout(120_000);
  let spin: SpinNode;
  let gateway: Gateway;
  let logger: ReturnType<typeof memoryLogger>;
  let timelock: Address;
  let alice: Address;
  /** The timelock's three admin calls the attack made: admit itself, mint, suspend a founder. */
  let asTimelock: { to: Address; data: Hex }[];

  before(async function () {
    spin = await spinOnAnvil();
    timelock = spin.book.contracts.SpinTimelock.address;
    alice = privateKeyToAccount(devKey(members.alice)).address;
    asTimelock = [
      {
        to: spin.registry,
        data: encodeFunctionData({
          abi: commonsRegistryAbi,
          functionName: "admit",
          args: [attacker, 1, "https://evil.example", keccak256(toBytes("evil"))],
        }),
      },
      {
        to: spin.book.contracts.SpinCoin.address,
        data: encodeFunctionData({
          abi: spinCoinAbi,
          functionName: "mint",
          args: [attacker, 100_000n * COIN],
        }),
      },
      {
        to: spin.registry,
        data: encodeFunctionData({
          abi: commonsRegistryAbi,
          functionName: "suspend",
          args: [alice, "a stranger said so"],
        }),
      },
    ];
  });
  after(async function () {
    await spin?.stop();
  });
  beforeEach(async function () {
    logger = memoryLogger();
    gateway = await startGateway(
      { upstream: spin.anvil.url, port: 0, registry: spin.registry },
      logger,
    );
  });
  afterEach(async function () {
    await gateway.close();
  });

  async function attackerBalance(): Promise<bigint> {
    return spin.chain.readContract({
      address: spin.book.contracts.SpinCoin.address,
      abi: spinCoinAbi,
      functionName: "balanceOf",
      args: [attacker],
    });
  }

  it("would let anyone act as the timelock if the node were reached directly", async function () {
    // The attack as it worked before: fund the timelock, then send as it with no signature.
    const snapshot = await spin.node<string>("evm_snapshot");
    try {
      await spin.node("tenderly_setBalance", [timelock, toHex(COIN)]);
      for (const call of asTimelock) {
        // A fixed gas limit: an estimate made in one second can fall short in the next block's.
        const hash = await spin.node<Hex>("eth_sendUnsignedTransaction", [
          { from: timelock, gas: toHex(1_000_000), ...call },
        ]);
        const receipt = await spin.chain.waitForTransactionReceipt({ hash });
        expect(receipt.status, `the timelock's call ${call.data.slice(0, 10)}`).to.equal("success");
      }
      expect(await isAllowed(spin, attacker)).to.equal(true);
      expect(await attackerBalance()).to.equal(100_000n * COIN);
      expect(await isAllowed(spin, alice)).to.equal(false);
    } finally {
      await spin.node("evm_revert", [snapshot]);
    }
    expect(await isAllowed(spin, attacker)).to.equal(false);
  });

  it("refuses eth_sendUnsignedTransaction as the timelock over HTTP, WebSocket and in a batch", async function () {
    const block = await spin.chain.getBlockNumber({ cacheTime: 0 });
    const funding = await rpc(gateway.url, "tenderly_setBalance", [timelock, toHex(COIN)]);
    expect(funding.error?.code).to.equal(RpcErrorCode.methodNotEnabled);
    const sends = asTimelock.map((call) =>
      request("eth_sendUnsignedTransaction", [{ from: timelock, ...call }]),
    );
    const answers: RpcBody[] = [];
    for (const send of sends) answers.push((await post(gateway.url, send)).json);
    answers.push(...(await post(gateway.url, sends)).json);
    const ws = await WsClient.open(gateway.wsUrl);
    try {
      for (const send of sends) answers.push(await ws.send({ ...send, id: `ws-${send.id}` }));
    } finally {
      ws.close();
    }
    expect(answers).to.have.length(9);
    for (const answer of answers) {
      expect(answer.error).to.deep.include({ code: -32604, message: "Method not enabled" });
    }
    expect(await spin.chain.getBlockNumber({ cacheTime: 0 })).to.equal(block);
    expect(await isAllowed(spin, attacker)).to.equal(false);
    expect(await attackerBalance()).to.equal(0n);
    expect(await isAllowed(spin, alice)).to.equal(true);
    expect(gateway.metrics().forwarded).to.equal(0);
    expect(gateway.metrics().refusals.method_not_enabled).to.equal(10);
  });

  const knownButDisabled = (): [string, unknown[]][] => [
    ["eth_sendTransactionSync", [{ from: alice, to: attacker, value: "0x1" }]],
    ["tenderly_setBalance", [attacker, "0xffff"]],
    ["anvil_setBalance", [attacker, "0xffff"]],
    ["anvil_impersonateAccount", [timelock]],
    ["anvil_autoImpersonateAccount", [true]],
    ["anvil_setCode", [attacker, "0x00"]],
    ["evm_mine", []],
    ["evm_increaseTime", [3600]],
    ["evm_snapshot", []],
    ["hardhat_setBalance", [attacker, "0xffff"]],
    ["txpool_content", []],
    ["txpool_status", []],
    ["trace_block", ["latest"]],
    ["ots_getApiLevel", []],
    ["debug_traceTransaction", ["0x" + "00".repeat(32)]],
    ["admin_nodeInfo", []],
    ["personal_sendTransaction", [{ from: alice, to: attacker, value: "0x1" }, ""]],
    ["personal_sign", ["0x00", alice]],
    ["miner_start", []],
    ["eth_coinbase", []],
  ];

  it("answers every method a node knows but the gateway does not serve with -32604, over HTTP and WebSocket", async function () {
    const ws = await WsClient.open(gateway.wsUrl);
    try {
      for (const [method, params] of knownButDisabled()) {
        const overHttp = await rpc(gateway.url, method, params);
        const overWs = await ws.send(request(method, params));
        for (const answer of [overHttp, overWs]) {
          expect(answer.error?.code, method).to.equal(-32604);
          expect(answer.error?.message, method).to.equal("Method not enabled");
        }
      }
    } finally {
      ws.close();
    }
    expect(gateway.metrics().forwarded).to.equal(0);
    expect(await spin.node("eth_getBalance", [attacker, "latest"])).to.equal("0x0");
    expect(await spin.node("eth_getCode", [attacker, "latest"])).to.equal("0x");
  });

  it("answers any other name with -32601, whatever its prefix", async function () {
    for (const method of [
      "eth_noSuchMethod",
      "spin_admin",
      "ETH_CHAINID",
      "eth_chainid",
      "x",
      "_",
    ]) {
      const answer = await rpc(gateway.url, method);
      expect(answer.error, method).to.deep.include({ code: -32601, message: "Method not found" });
    }
    expect(gateway.metrics().forwarded).to.equal(0);
    const lines = logger.entries.filter((e) => e.fields.reason === "method_not_found");
    expect(lines).to.have.length(6);
    expect(
      lines.every((line) => line.level === "info" && line.fields.client === "127.0.0.1"),
    ).to.equal(true);
  });

  describe("node-signed sending and signing, without the development flag", function () {
    const aliceTx = () => ({ from: alice, to: attacker, value: "0x1" });
    const attempts = (): [string, unknown[]][] => [
      ["eth_sendTransaction", [aliceTx()]],
      ["eth_signTransaction", [aliceTx()]],
      ["eth_sign", [alice, "0xdeadbeef"]],
      ["eth_signTypedData_v4", [alice, JSON.stringify({ types: {}, domain: {}, message: {} })]],
    ];

    it("refuses each as a member's unlocked account, over HTTP and WebSocket, and signs nothing", async function () {
      const nonce = await spin.chain.getTransactionCount({ address: alice });
      const ws = await WsClient.open(gateway.wsUrl);
      try {
        for (const [method, params] of attempts()) {
          for (const answer of [
            await rpc(gateway.url, method, params),
            await ws.send(request(method, params)),
          ]) {
            expect(answer.result, method).to.equal(undefined);
            expect(answer.error?.code, method).to.equal(-32604);
            expect(String(answer.error?.data), method).to.match(/eth_sendRawTransaction/);
          }
        }
      } finally {
        ws.close();
      }
      expect(await spin.chain.getTransactionCount({ address: alice })).to.equal(nonce);
      expect(gateway.metrics().refusals.node_signing_disabled).to.equal(8);
      expect(gateway.metrics().forwarded).to.equal(0);
    });

    it("answers eth_accounts with no accounts rather than the node's keys", async function () {
      const nodeAccounts = await spin.node<string[]>("eth_accounts");
      expect(nodeAccounts.map((a) => a.toLowerCase())).to.include(alice.toLowerCase());
      expect((await rpc(gateway.url, "eth_accounts")).result).to.deep.equal([]);
    });
  });
});
