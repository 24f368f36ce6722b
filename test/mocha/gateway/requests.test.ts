import { expect } from "chai";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { network } from "hardhat";
import type { Wallet } from "ethers";
import {
  RpcErrorCode,
  SENDER_NOT_AUTHORIZED_MESSAGE,
  serveProvider,
  startGateway,
  type Gateway,
  type ProviderServer,
} from "@spin/gateway";
import { memoryLogger, post, request, rpc, WsClient } from "./rpc.ts";

// Bootstrap mode (no registry yet) and everything that is not a permission decision:
// malformed requests, batches, limits and timeouts. Registry decisions: permission.test.ts.
const { ethers, provider } = await network.create();
const chainId = Number(await provider.request({ method: "eth_chainId" }));

describe("gateway: bootstrap mode, malformed requests and limits", function () {
  let node: ProviderServer;
  let gateway: Gateway;
  let logger: ReturnType<typeof memoryLogger>;
  let deployer: Wallet;
  let stranger: Wallet;
  const stopped: Array<() => Promise<void>> = [];

  async function fund(wallet: Wallet): Promise<void> {
    await provider.request({
      method: "hardhat_setBalance",
      params: [wallet.address, "0x56bc75e2d63100000"],
    });
  }

  async function signedTransfer(wallet: Wallet, nonce = 0): Promise<string> {
    return wallet.signTransaction({
      type: 2,
      chainId,
      nonce,
      to: ethers.Wallet.createRandom().address,
      value: 1n,
      gasLimit: 21_000n,
      maxFeePerGas: 10n ** 10n,
      maxPriorityFeePerGas: 10n ** 9n,
    });
  }

  before(async function () {
    node = await serveProvider(provider);
    deployer = new ethers.Wallet(ethers.Wallet.createRandom().privateKey);
    stranger = new ethers.Wallet(ethers.Wallet.createRandom().privateKey);
    await fund(deployer);
    await fund(stranger);
  });

  beforeEach(async function () {
    logger = memoryLogger();
    gateway = await startGateway(
      { upstream: node.url, port: 0, bootstrapAccounts: [deployer.address] },
      logger,
    );
  });

  afterEach(async function () {
    await gateway.close();
    for (const stop of stopped.splice(0)) await stop();
  });

  after(async function () {
    await node.close();
  });

  describe("methods outside the allow-list", function () {
    const controlling: [string, unknown[]][] = [
      ["evm_mine", []],
      ["evm_increaseTime", [3600]],
      ["hardhat_setBalance", ["0x0000000000000000000000000000000000000001", "0x1"]],
      ["anvil_impersonateAccount", ["0x0000000000000000000000000000000000000001"]],
      ["perm_addAccountsToAllowlist", [["0x0000000000000000000000000000000000000001"]]],
      ["admin_addPeer", ["enode://00@127.0.0.1:30303"]],
      ["qbft_proposeValidatorVote", ["0x0000000000000000000000000000000000000001", true]],
      ["debug_setHead", ["0x1"]],
    ];

    it("refuses every method that controls the node with Besu's -32604, forwarding none", async function () {
      const before = Number(await provider.request({ method: "eth_blockNumber" }));
      for (const [method, params] of controlling) {
        const answer = await rpc(gateway.url, method, params);
        expect(answer.error?.code, method).to.equal(RpcErrorCode.methodNotEnabled);
        expect(answer.error?.message, method).to.equal("Method not enabled");
      }
      expect(Number(await provider.request({ method: "eth_blockNumber" }))).to.equal(before);
      expect(gateway.metrics().forwarded).to.equal(0);
      const refusals = logger.entries.filter((e) => e.fields.reason === "method_not_enabled");
      expect(refusals.map((e) => e.fields.method)).to.deep.equal(controlling.map(([m]) => m));
      expect(refusals.every((e) => e.level === "info")).to.equal(true);
    });

    it("refuses node control inside a batch and answers the rest", async function () {
      const { json } = await post(gateway.url, [
        request("evm_mine", []),
        request("eth_chainId", []),
      ]);
      expect(json[0].error?.code).to.equal(RpcErrorCode.methodNotEnabled);
      expect(json[1].result).to.equal(`0x${chainId.toString(16)}`);
    });

    it("refuses personal_sendTransaction like every personal_ method", async function () {
      const answer = await rpc(gateway.url, "personal_sendTransaction", [
        { from: deployer.address, to: stranger.address, value: "0x1" },
        "",
      ]);
      expect(answer.error?.code).to.equal(RpcErrorCode.methodNotEnabled);
    });

    it("answers a method it does not know with -32601 without asking the node", async function () {
      const answer = await rpc(gateway.url, "eth_noSuchMethod");
      expect(answer.error).to.deep.include({ code: -32601, message: "Method not found" });
      expect(gateway.metrics().forwarded).to.equal(0);
    });
  });

  describe("bootstrap mode", function () {
    it("logs that it runs without a registry and names the allowed accounts", function () {
      const entry = logger.entries.find((e) => e.message.startsWith("no registry set"));
      expect(entry?.level).to.equal("warn");
      expect(entry?.fields.bootstrapAccounts).to.deep.equal([deployer.address]);
      expect(gateway.registry()).to.equal(undefined);
    });

    it("lets a bootstrap account send a raw transaction", async function () {
      const answer = await rpc(gateway.url, "eth_sendRawTransaction", [
        await signedTransfer(deployer),
      ]);
      expect(answer.error).to.equal(undefined);
      const receipt = await provider.request({
        method: "eth_getTransactionReceipt",
        params: [answer.result],
      });
      expect((receipt as { status: string }).status).to.equal("0x1");
    });

    it("refuses any other sender with Besu's -32007 and logs the refusal", async function () {
      const answer = await rpc(gateway.url, "eth_sendRawTransaction", [
        await signedTransfer(stranger),
      ]);
      expect(answer.error).to.deep.equal({
        code: -32007,
        message: "Sender account not authorized to send transactions",
      });
      const refusals = logger.entries.filter((e) => e.fields.reason === "sender_not_authorized");
      expect(refusals).to.have.length(1);
      expect(refusals[0].level).to.equal("info");
      expect(refusals[0].fields.sender).to.equal(stranger.address);
      expect(refusals[0].fields.registry).to.equal(null);
    });

    it("checks eth_sendTransaction by its from field when node signing is on", async function () {
      const dev = await startGateway(
        {
          upstream: node.url,
          port: 0,
          bootstrapAccounts: [deployer.address],
          devNodeSigning: true,
        },
        logger,
      );
      stopped.push(() => dev.close());
      const [unlocked] = (await provider.request({
        method: "eth_accounts",
      })) as string[];
      const answer = await rpc(dev.url, "eth_sendTransaction", [
        { from: unlocked, to: stranger.address, value: "0x1" },
      ]);
      expect(answer.error?.code).to.equal(RpcErrorCode.senderNotAuthorized);
      expect(answer.error?.message).to.equal(SENDER_NOT_AUTHORIZED_MESSAGE);
    });

    it("refuses every sender when started with neither registry nor bootstrap accounts", async function () {
      const closed = await startGateway({ upstream: node.url, port: 0 }, memoryLogger());
      stopped.push(() => closed.close());
      const answer = await rpc(closed.url, "eth_sendRawTransaction", [
        await signedTransfer(deployer, 1),
      ]);
      expect(answer.error?.code).to.equal(-32007);
    });

    it("passes reads through unchanged", async function () {
      const viaGateway = await rpc(gateway.url, "eth_getBalance", [deployer.address, "latest"]);
      const direct = await provider.request({
        method: "eth_getBalance",
        params: [deployer.address, "latest"],
      });
      expect(viaGateway.result).to.equal(direct);
      expect((await rpc(gateway.url, "eth_chainId")).result).to.equal(`0x${chainId.toString(16)}`);
    });

    it("passes the node's own errors through unchanged", async function () {
      const params = [{ to: deployer.address, data: "0x" }, "0xffffffff"];
      const viaGateway = await rpc(gateway.url, "eth_call", params);
      const direct = await rpc(node.url, "eth_call", params);
      expect(direct.error?.code).to.be.a("number");
      expect(viaGateway.error?.code).to.equal(direct.error?.code);
      expect(viaGateway.error?.message).to.equal(direct.error?.message);
    });

    it("serves ethers' JsonRpcProvider, which batches its reads", async function () {
      const client = new ethers.JsonRpcProvider(gateway.url, chainId, {
        staticNetwork: true,
      });
      try {
        const [balance, block] = await Promise.all([
          client.getBalance(deployer.address),
          client.getBlockNumber(),
        ]);
        expect(balance > 0n).to.equal(true);
        expect(block >= 0).to.equal(true);
      } finally {
        client.destroy();
      }
    });
  });

  describe("leaving bootstrap mode", function () {
    it("rejects an invalid registry address", function () {
      expect(() => gateway.setRegistry("0x1234")).to.throw("not an address");
    });

    it("checks every sender, bootstrap accounts included, once a registry is set", async function () {
      // No contract lives at this address: the registry cannot answer, so the gateway refuses.
      gateway.setRegistry("0x000000000000000000000000000000000000dEaD");
      const answer = await rpc(gateway.url, "eth_sendRawTransaction", [
        await signedTransfer(deployer, 1),
      ]);
      expect(answer.error?.code).to.equal(RpcErrorCode.internalError);
      expect(String(answer.error?.data)).to.match(/cannot read the commons registry/);
      expect(logger.entries.some((e) => e.message.startsWith("registry read failed"))).to.equal(
        true,
      );
    });

    it("cannot switch to another registry once one is set", function () {
      gateway.setRegistry("0x000000000000000000000000000000000000dEaD");
      gateway.setRegistry("0x000000000000000000000000000000000000dead");
      expect(() => gateway.setRegistry("0x000000000000000000000000000000000000bEEF")).to.throw(
        "already checks against registry",
      );
    });
  });

  describe("malformed requests", function () {
    it("answers bad JSON with a parse error", async function () {
      const { status, json } = await post(gateway.url, "{not json");
      expect(status).to.equal(200);
      expect(json.error?.code).to.equal(-32700);
      expect(json.id).to.equal(null);
    });

    for (const [name, body] of [
      ["a number", 42],
      ["a missing jsonrpc version", { id: 1, method: "eth_chainId" }],
      ["a missing method", { jsonrpc: "2.0", id: 1 }],
      ["an object id", { jsonrpc: "2.0", id: { a: 1 }, method: "eth_chainId" }],
      ["string params", { jsonrpc: "2.0", id: 1, method: "eth_chainId", params: "x" }],
    ] as const) {
      it(`answers a request with ${name} with -32600`, async function () {
        const { json } = await post(gateway.url, body);
        expect(json.error?.code).to.equal(-32600);
      });
    }

    for (const [name, params] of [
      ["no params", []],
      ["a non-hex string", ["hello"]],
      ["hex that is not a transaction", ["0xdeadbeef"]],
      ["an object", [{ raw: "0x00" }]],
    ] as const) {
      it(`answers eth_sendRawTransaction with ${name} with -32602`, async function () {
        const answer = await rpc(gateway.url, "eth_sendRawTransaction", [...params]);
        expect(answer.error?.code).to.equal(-32602);
      });
    }

    for (const [name, params] of [
      ["no transaction", []],
      ["a string", ["0x00"]],
      ["no from", [{ to: "0x000000000000000000000000000000000000dEaD" }]],
      ["a bad value", [{ from: "0x000000000000000000000000000000000000dEaD", value: 5 }]],
      ["bad data", [{ from: "0x000000000000000000000000000000000000dEaD", data: "zz" }]],
    ] as const) {
      it(`answers eth_sendTransaction with ${name} with -32602 when node signing is on`, async function () {
        const dev = await startGateway(
          { upstream: node.url, port: 0, devNodeSigning: true },
          logger,
        );
        stopped.push(() => dev.close());
        const answer = await rpc(dev.url, "eth_sendTransaction", [...params]);
        expect(answer.error?.code).to.equal(-32602);
      });
    }

    it("answers an empty batch with a single -32600", async function () {
      const { json } = await post(gateway.url, []);
      expect(Array.isArray(json)).to.equal(false);
      expect(json.error?.code).to.equal(-32600);
    });

    it("answers each item of a mixed batch on its own, in order", async function () {
      const read = request("eth_chainId");
      const allowed = request("eth_sendRawTransaction", [await signedTransfer(deployer, 1)]);
      const refused = request("eth_sendRawTransaction", [await signedTransfer(stranger)]);
      const broken = request("eth_sendRawTransaction", ["0x01"]);
      const { json } = await post(gateway.url, [read, 7, allowed, refused, broken]);
      expect(json).to.have.length(5);
      expect(json[0]).to.include({
        id: read.id,
        result: `0x${chainId.toString(16)}`,
      });
      expect(json[1]).to.deep.include({ id: null });
      expect(json[1].error?.code).to.equal(-32600);
      expect(json[2].id).to.equal(allowed.id);
      expect(json[2].result).to.match(/^0x[0-9a-f]{64}$/);
      expect(json[3]).to.deep.equal({
        jsonrpc: "2.0",
        id: refused.id,
        error: { code: -32007, message: SENDER_NOT_AUTHORIZED_MESSAGE },
      });
      expect(json[4].error?.code).to.equal(-32602);
    });

    it("answers nothing to notifications, but still forwards them", async function () {
      const before = await provider.request({
        method: "eth_getTransactionCount",
        params: [deployer.address, "latest"],
      });
      const { status, json } = await post(gateway.url, {
        jsonrpc: "2.0",
        method: "eth_sendRawTransaction",
        params: [await signedTransfer(deployer, Number(before))],
      });
      expect(status).to.equal(204);
      expect(json).to.equal(undefined);
      const after = await provider.request({
        method: "eth_getTransactionCount",
        params: [deployer.address, "latest"],
      });
      expect(Number(after)).to.equal(Number(before) + 1);
    });

    it("refuses a batch larger than the limit", async function () {
      const small = await startGateway({ upstream: node.url, port: 0, maxBatchSize: 2 }, logger);
      stopped.push(() => small.close());
      const { json } = await post(
        small.url,
        [1, 2, 3].map(() => request("eth_chainId")),
      );
      expect(json.error?.code).to.equal(-32600);
      expect(String(json.error?.data)).to.match(/at most 2/);
    });

    it("refuses other HTTP methods with 405", async function () {
      const response = await fetch(gateway.url);
      expect(response.status).to.equal(405);
      expect(response.headers.get("allow")).to.equal("POST");
    });

    it("refuses a body larger than the limit with 413", async function () {
      const small = await startGateway({ upstream: node.url, port: 0, maxBodyBytes: 64 }, logger);
      stopped.push(() => small.close());
      const { status, json } = await post(small.url, request("eth_call", ["x".repeat(100)]));
      expect(status).to.equal(413);
      expect(json.error?.code).to.equal(-32600);
    });
  });

  describe("configuration", function () {
    it("rejects an invalid configuration with every bad field named", async function () {
      let message = "";
      try {
        await startGateway({ upstream: "ftp://x", port: -1, registry: "0x12" });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).to.match(/Invalid gateway configuration/);
      expect(message).to.match(/upstream/);
      expect(message).to.match(/port/);
      expect(message).to.match(/registry/);
    });
  });

  describe("an unreachable or slow node", function () {
    async function startSilentNode(): Promise<{
      url: string;
      inFlight: () => number;
      max: () => number;
    }> {
      let inFlight = 0;
      let max = 0;
      const server: Server = createServer((_req, res) => {
        inFlight += 1;
        max = Math.max(max, inFlight);
        setTimeout(() => {
          inFlight -= 1;
          res.writeHead(200).end(JSON.stringify({ jsonrpc: "2.0", id: 1, result: "0x1" }));
        }, 150);
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      stopped.push(async () => {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      });
      const { port } = server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}`,
        inFlight: () => inFlight,
        max: () => max,
      };
    }

    it("answers -32603 when the node is down", async function () {
      const orphan = await startGateway({ upstream: "http://127.0.0.1:9", port: 0 }, logger);
      stopped.push(() => orphan.close());
      const answer = await rpc(orphan.url, "eth_chainId");
      expect(answer.error?.code).to.equal(-32603);
      expect(String(answer.error?.data)).to.match(/cannot reach the node/);
    });

    it("answers -32603 when the node does not answer in time", async function () {
      const slow = await startSilentNode();
      const impatient = await startGateway({ upstream: slow.url, port: 0, timeoutMs: 50 }, logger);
      stopped.push(() => impatient.close());
      const answer = await rpc(impatient.url, "eth_chainId");
      expect(answer.error?.code).to.equal(-32603);
      expect(String(answer.error?.data)).to.match(/within 50 ms/);
    });

    it("keeps at most maxConcurrency requests in flight and refuses past the queue", async function () {
      const slow = await startSilentNode();
      const narrow = await startGateway(
        { upstream: slow.url, port: 0, maxConcurrency: 2, maxQueued: 3 },
        logger,
      );
      stopped.push(() => narrow.close());
      const batch = Array.from({ length: 6 }, () => request("eth_chainId"));
      const { json } = await post(narrow.url, batch);
      expect(slow.max()).to.equal(2);
      expect(json.filter((r) => r.result === "0x1")).to.have.length(5);
      expect(json.filter((r) => r.error?.code === -32005)).to.have.length(1);
    });
  });

  describe("WebSocket", function () {
    it("passes reads through and refuses unauthorized senders", async function () {
      const client = await WsClient.open(gateway.wsUrl);
      try {
        const read = await client.send(request("eth_chainId"));
        expect(read.result).to.equal(`0x${chainId.toString(16)}`);
        const refused = await client.send(
          request("eth_sendRawTransaction", [await signedTransfer(stranger)]),
        );
        expect(refused.error).to.deep.equal({
          code: -32007,
          message: SENDER_NOT_AUTHORIZED_MESSAGE,
        });
      } finally {
        client.close();
      }
    });

    it("answers bad JSON and batches over WebSocket", async function () {
      const client = await WsClient.open(gateway.wsUrl);
      try {
        client.socket.send("{oops");
        const parseFailure = await client.waitFor((m) => m.error?.code === -32700);
        expect(parseFailure.id).to.equal(null);
        const batch = await client.send([request("eth_chainId"), request("eth_blockNumber")]);
        expect(batch).to.have.length(2);
      } finally {
        client.close();
      }
    });

    it("passes eth_subscribe through and relays the node's notifications", async function () {
      const client = await WsClient.open(gateway.wsUrl);
      try {
        const subscribed = await client.send(request("eth_subscribe", ["newHeads"]));
        expect(subscribed.result).to.be.a("string");
        await provider.request({ method: "evm_mine" });
        const notification = await client.waitFor((m) => m.method === "eth_subscription");
        expect(notification.params?.subscription).to.equal(subscribed.result);
        expect(notification.params?.result).to.have.property("number");
        const unsubscribed = await client.send(request("eth_unsubscribe", [subscribed.result]));
        expect(unsubscribed.result).to.equal(true);
      } finally {
        client.close();
      }
    });

    it("closes the client when the node's WebSocket is gone", async function () {
      const orphan = await startGateway({ upstream: "http://127.0.0.1:9", port: 0 }, logger);
      stopped.push(() => orphan.close());
      const client = await WsClient.open(orphan.wsUrl);
      expect(await client.closed()).to.equal(1011);
    });
  });
});
