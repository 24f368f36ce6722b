/**
 * Node-signed sending and signing behind the development flag: served on the local chain
 * (31337) for the accounts the registry allows, refused for every other account, and refused
 * whoever asks as soon as the node's chain is any other chain.
 */
import { expect } from "chai";
import { toHex, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { LOCAL_CHAIN_ID, startGateway, type Gateway } from "@spin/gateway";
import { startAnvil, type Anvil } from "../../../scripts/chain/anvil.ts";
import { freePort } from "../../../scripts/lib/net.ts";
import { devKey, members, spinOnAnvil, type SpinNode } from "./fixture.ts";
import { memoryLogger, request, rpc, WsClient } from "./rpc.ts";

/** An account anvil holds the key of that is no member of the commons. */
const UNLOCKED_STRANGER = 10;

describe("gateway: node signing with the development flag (anvil)", function () {
  this.timeout(120_000);
  let spin: SpinNode;
  let gateway: Gateway;
  let alice: Address;
  let stranger: Address;

  before(async function () {
    spin = await spinOnAnvil();
    alice = privateKeyToAccount(devKey(members.alice)).address;
    stranger = privateKeyToAccount(devKey(UNLOCKED_STRANGER)).address;
    gateway = await startGateway(
      { upstream: spin.anvil.url, port: 0, registry: spin.registry, devNodeSigning: true },
      memoryLogger(),
    );
  });
  after(async function () {
    await gateway?.close();
    await spin?.stop();
  });

  it("runs on the local chain id", function () {
    expect(spin.chainId).to.equal(LOCAL_CHAIN_ID);
  });

  it("serves a member's eth_sendTransaction, eth_sign and eth_signTransaction", async function () {
    const sent = await rpc(gateway.url, "eth_sendTransaction", [
      { from: alice, to: stranger, value: "0x1" },
    ]);
    expect(sent.error).to.equal(undefined);
    const receipt = await spin.chain.waitForTransactionReceipt({
      hash: sent.result as `0x${string}`,
    });
    expect(receipt.status).to.equal("success");
    const signature = await rpc(gateway.url, "eth_sign", [alice, "0xdeadbeef"]);
    expect(signature.result).to.match(/^0x[0-9a-f]{130}$/);
    const signed = await rpc(gateway.url, "eth_signTransaction", [
      { from: alice, to: stranger, value: "0x1", gas: "0x5208", nonce: "0x100" },
    ]);
    expect(signed.error).to.equal(undefined);
    const accounts = (await rpc(gateway.url, "eth_accounts")).result as string[];
    expect(accounts.map((a) => a.toLowerCase())).to.include(alice.toLowerCase());
  });

  it("refuses a non-member's node-signed sending and signing with -32007, over HTTP and WebSocket", async function () {
    const nonce = await spin.chain.getTransactionCount({ address: stranger });
    const attempts: [string, unknown[]][] = [
      ["eth_sendTransaction", [{ from: stranger, to: alice, value: "0x1" }]],
      ["eth_signTransaction", [{ from: stranger, to: alice, value: "0x1" }]],
      ["eth_sign", [stranger, "0xdeadbeef"]],
      ["eth_signTypedData_v4", [stranger, JSON.stringify({ types: {}, domain: {}, message: {} })]],
    ];
    const ws = await WsClient.open(gateway.wsUrl);
    try {
      for (const [method, params] of attempts) {
        for (const answer of [
          await rpc(gateway.url, method, params),
          await ws.send(request(method, params)),
        ]) {
          expect(answer.result, method).to.equal(undefined);
          expect(answer.error?.code, method).to.equal(-32007);
        }
      }
    } finally {
      ws.close();
    }
    expect(await spin.chain.getTransactionCount({ address: stranger })).to.equal(nonce);
  });

  describe("on a chain that is not the local one", function () {
    let other: Anvil;
    let onOther: Gateway;
    let logger: ReturnType<typeof memoryLogger>;

    before(async function () {
      other = await startAnvil({ port: await freePort(), chainId: 1337 });
      logger = memoryLogger();
      // Even an account the gateway lets send (bootstrap mode) may not use the node's key.
      onOther = await startGateway(
        { upstream: other.url, port: 0, bootstrapAccounts: [alice], devNodeSigning: true },
        logger,
      );
    });
    after(async function () {
      await onOther?.close();
      await other?.stop();
    });

    it("refuses node-signed sending and signing whoever asks, naming the chain id", async function () {
      const before = await rpc(other.url, "eth_getTransactionCount", [alice, "latest"]);
      for (const [method, params] of [
        ["eth_sendTransaction", [{ from: alice, to: stranger, value: toHex(1) }]],
        ["eth_signTransaction", [{ from: alice, to: stranger, value: toHex(1) }]],
        ["eth_sign", [alice, "0xdeadbeef"]],
        ["eth_signTypedData_v4", [alice, "{}"]],
      ] as [string, unknown[]][]) {
        const answer = await rpc(onOther.url, method, params);
        expect(answer.error?.code, method).to.equal(-32604);
        expect(String(answer.error?.data), method).to.match(/chain id 31337.*chain id is 1337/);
      }
      expect((await rpc(onOther.url, "eth_accounts")).result).to.deep.equal([]);
      const after = await rpc(other.url, "eth_getTransactionCount", [alice, "latest"]);
      expect(after.result).to.equal(before.result);
      const lines = logger.entries.filter((e) => e.fields.reason === "node_signing_disabled");
      expect(lines).to.have.length(4);
    });

    it("still serves transactions signed by their sender", async function () {
      const account = privateKeyToAccount(devKey(members.alice));
      const raw = await account.signTransaction({
        chainId: 1337,
        nonce: 0,
        to: stranger,
        value: 1n,
        gas: 21_000n,
        maxFeePerGas: 10n ** 10n,
        maxPriorityFeePerGas: 10n ** 9n,
      });
      const answer = await rpc(onOther.url, "eth_sendRawTransaction", [raw]);
      expect(answer.result).to.match(/^0x[0-9a-f]{64}$/);
    });
  });
});
