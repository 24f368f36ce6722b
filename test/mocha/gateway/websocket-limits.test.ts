/**
 * Issue 12, item 6, over WebSocket: connections are bounded (all clients, and per client),
 * subscriptions per connection, message size, and the bytes a client leaves unread.
 */
import type { Socket } from "node:net";
import { expect } from "chai";
import { toHex } from "viem";
import { startGateway, type Gateway, type GatewayClock, type GatewayOptions } from "@spin/gateway";
import { jsonRpc } from "@spin/shared";
import { startAnvil, type Anvil } from "../../../scripts/chain/anvil.ts";
import { freePort } from "../../../scripts/lib/net.ts";
import { memoryLogger, request, stoppedClock, upgradeStatus, WsClient } from "./rpc.ts";

async function until(what: string, condition: () => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("gateway: WebSocket bounds", function () {
  this.timeout(60_000);
  let anvil: Anvil;
  const stops: Array<() => Promise<void> | void> = [];

  before(async function () {
    anvil = await startAnvil({ port: await freePort() });
  });
  after(async function () {
    await anvil?.stop();
  });
  afterEach(async function () {
    for (const stop of stops.splice(0).reverse()) await stop();
  });

  async function gatewayWith(
    options: Partial<GatewayOptions>,
    clock?: GatewayClock,
  ): Promise<Gateway> {
    const gateway = await startGateway(
      { upstream: anvil.url, port: 0, ...options },
      memoryLogger(),
      clock,
    );
    stops.push(() => gateway.close());
    return gateway;
  }

  async function connect(gateway: Gateway, localAddress: string): Promise<WsClient> {
    const client = await WsClient.open(gateway.wsUrl, { localAddress });
    stops.push(() => client.close());
    return client;
  }

  it("refuses connections past the per-client cap (429) and the total cap (503)", async function () {
    const gateway = await gatewayWith({
      maxWebSocketConnections: 3,
      maxWebSocketConnectionsPerClient: 2,
    });
    await connect(gateway, "127.0.0.2");
    await connect(gateway, "127.0.0.2");
    expect(await upgradeStatus(gateway.wsUrl, { localAddress: "127.0.0.2" })).to.equal(429);
    const third = await connect(gateway, "127.0.0.3");
    expect(await upgradeStatus(gateway.wsUrl, { localAddress: "127.0.0.4" })).to.equal(503);
    third.close();
    await third.closed();
    await until("the freed connection", () => gateway.metrics().webSocketConnections === 2);
    expect(await upgradeStatus(gateway.wsUrl, { localAddress: "127.0.0.4" })).to.equal(101);
    const { refusals } = gateway.metrics();
    expect(refusals.websocket_client_connections).to.equal(1);
    expect(refusals.websocket_connections).to.equal(1);
  });

  it("refuses a subscription past the cap until one is dropped", async function () {
    const gateway = await gatewayWith({ maxSubscriptionsPerConnection: 2 });
    const client = await connect(gateway, "127.0.0.2");
    const first = await client.send(request("eth_subscribe", ["newHeads"]));
    await client.send(request("eth_subscribe", ["newHeads"]));
    const refused = await client.send(request("eth_subscribe", ["newHeads"]));
    expect(refused.error?.code).to.equal(-32005);
    expect(String(refused.error?.data)).to.match(/at most 2 subscriptions/);
    const dropped = await client.send(request("eth_unsubscribe", [first.result]));
    expect(dropped.result).to.equal(true);
    const again = await client.send(request("eth_subscribe", ["newHeads"]));
    expect(again.result).to.be.a("string");
    // Another connection has its own subscriptions.
    const other = await connect(gateway, "127.0.0.2");
    expect((await other.send(request("eth_subscribe", ["newHeads"]))).result).to.be.a("string");
    expect(gateway.metrics().refusals.websocket_subscriptions).to.equal(1);
  });

  it("closes a connection that sends a message past the size limit with 1009", async function () {
    const gateway = await gatewayWith({ maxWebSocketMessageBytes: 1024 });
    const client = await connect(gateway, "127.0.0.2");
    client.socket.send(JSON.stringify(request("web3_sha3", [`0x${"00".repeat(1024)}`])));
    expect(await client.closed()).to.equal(1009);
    expect(gateway.metrics().refusals.websocket_message_too_large).to.equal(1);
  });

  it("closes a connection that keeps sending past its client's rate with 1008", async function () {
    // The upgrade takes one request's token, each message another.
    const gateway = await gatewayWith({ clientRatePerSecond: 1, clientBurst: 4 }, stoppedClock);
    const client = await connect(gateway, "127.0.0.5");
    for (let i = 0; i < 3; i++) {
      expect((await client.send(request("eth_chainId"))).result).to.equal("0x7a69");
    }
    client.socket.send(JSON.stringify(request("eth_chainId")));
    expect(await client.closed()).to.equal(1008);
    expect(gateway.metrics().refusals.rate_limited).to.equal(1);
    // Another client is not affected.
    const other = await connect(gateway, "127.0.0.6");
    expect((await other.send(request("eth_chainId"))).result).to.equal("0x7a69");
  });

  it("drops a client that does not read what it asked for", async function () {
    const gateway = await gatewayWith({
      maxWebSocketBufferedBytes: 64 * 1024,
      clientRatePerSecond: 10_000,
      clientBurst: 10_000,
      clientMaxQueued: 10_000,
    });
    // 24 KiB of code: each eth_getCode answer is about 48 KiB.
    const big = "0x0000000000000000000000000000000000000B16";
    await jsonRpc(anvil.url, "anvil_setCode", [big, toHex(new Uint8Array(24 * 1024).fill(0x5b))]);
    const client = await connect(gateway, "127.0.0.2");
    (client.socket as unknown as { _socket: Socket })._socket.pause();
    for (let i = 0; i < 600; i++) {
      client.socket.send(JSON.stringify(request("eth_getCode", [big, "latest"])));
    }
    await until(
      "the slow client dropped",
      () => gateway.metrics().refusals.websocket_slow_client > 0,
    );
    await until("its connection gone", () => gateway.metrics().webSocketConnections === 0);
  });
});
