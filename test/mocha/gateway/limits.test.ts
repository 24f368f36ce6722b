/**
 * Issue 12, item 6: limits per client, so one client cannot starve the others. Clients are told
 * apart by address: each test client binds its socket to its own 127.0.0.x address.
 */
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import { expect } from "chai";
import { startGateway, type Gateway, type GatewayClock } from "@spin/gateway";
import { createClientIdentifier } from "../../../gateway/src/client-address.ts";
import { startAnvil, type Anvil } from "../../../scripts/chain/anvil.ts";
import { freePort } from "../../../scripts/lib/net.ts";
import { memoryLogger, postFrom, request, stoppedClock } from "./rpc.ts";

/** Waits for `condition`, failing with what it last saw once `timeoutMs` has passed. */
async function until(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A node that holds every request until told to answer, recording which method each was. */
async function heldNode() {
  const held: { method: string; answer: () => void }[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const { id, method } = JSON.parse(body) as { id: number; method: string };
      held.push({
        method,
        answer: () => res.writeHead(200).end(JSON.stringify({ jsonrpc: "2.0", id, result: "0x1" })),
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    release() {
      for (const entry of held.splice(0)) entry.answer();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe("gateway: limits per client", function () {
  this.timeout(60_000);
  let anvil: Anvil;
  const stops: Array<() => Promise<void>> = [];

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
    options: Record<string, unknown>,
    upstream = anvil.url,
    clock?: GatewayClock,
  ) {
    const logger = memoryLogger();
    const gateway: Gateway = await startGateway({ upstream, port: 0, ...options }, logger, clock);
    stops.push(() => gateway.close());
    return { gateway, logger };
  }

  it("refuses a client past its rate with 429, -32005 and Retry-After, and serves another", async function () {
    const { gateway, logger } = await gatewayWith(
      { clientRatePerSecond: 1, clientBurst: 5 },
      anvil.url,
      stoppedClock,
    );
    for (let i = 0; i < 5; i++) {
      const served = await postFrom(gateway.url, request("eth_chainId"), {
        localAddress: "127.0.0.2",
      });
      expect(served.json.result).to.equal("0x7a69");
    }
    const refused = await postFrom(gateway.url, request("eth_chainId"), {
      localAddress: "127.0.0.2",
    });
    expect(refused.status).to.equal(429);
    expect(Number(refused.headers["retry-after"])).to.be.at.least(1);
    expect(refused.json.error).to.deep.include({ code: -32005, message: "Limit exceeded" });
    expect(String(refused.json.error?.data)).to.match(/1 requests per second/);
    const other = await postFrom(gateway.url, request("eth_chainId"), {
      localAddress: "127.0.0.3",
    });
    expect(other.json.result).to.equal("0x7a69");
    expect(gateway.metrics().refusals.rate_limited).to.equal(1);
    const line = logger.entries.find((e) => e.fields.reason === "rate_limited");
    expect(line?.level).to.equal("info");
    expect(line?.fields.client).to.equal("127.0.0.2");
  });

  it("counts every item of a batch, and sums a flood up in one line per window", async function () {
    const { gateway, logger } = await gatewayWith({
      clientRatePerSecond: 1,
      clientBurst: 5,
      refusalLogWindowMs: 100,
    });
    const batch = Array.from({ length: 25 }, () => request("eth_chainId"));
    const { json } = await postFrom(gateway.url, batch, { localAddress: "127.0.0.4" });
    expect(json.filter((r) => r.result === "0x7a69")).to.have.length(5);
    expect(json.filter((r) => r.error?.code === -32005)).to.have.length(20);
    expect(gateway.metrics().refusals.rate_limited).to.equal(20);
    await until("the summary line", () => logger.entries.some((e) => e.fields.count !== undefined));
    const lines = logger.entries.filter((e) => e.fields.reason === "rate_limited");
    expect(lines.map((e) => e.fields.count ?? 1)).to.deep.equal([1, 19]);
    expect(lines[1].message).to.equal("refused 19 more: client over its request rate");
  });

  it("caps one client's requests at the node without holding up another's", async function () {
    const node = await heldNode();
    stops.push(() => node.close());
    const { gateway } = await gatewayWith({ clientMaxInFlight: 2, clientMaxQueued: 1 }, node.url);
    const flood = Array.from({ length: 5 }, () => request("eth_getBalance"));
    const flooding = postFrom(gateway.url, flood, { localAddress: "127.0.0.2" });
    await until("the flood's first two requests at the node", () => node.held.length === 2);
    const polite = postFrom(gateway.url, request("eth_blockNumber"), { localAddress: "127.0.0.3" });
    await until("the other client's request at the node", () => node.held.length === 3);
    expect(node.held.map((h) => h.method).sort()).to.deep.equal([
      "eth_blockNumber",
      "eth_getBalance",
      "eth_getBalance",
    ]);
    node.release();
    expect((await polite).json.result).to.equal("0x1");
    await until("the queued request at the node", () => node.held.length === 1);
    node.release();
    const { json } = await flooding;
    expect(json.filter((r) => r.result === "0x1")).to.have.length(3);
    const busy = json.filter((r) => r.error?.code === -32005);
    expect(busy).to.have.length(2);
    expect(String(busy[0].error?.data)).to.match(/2 requests at the node and 1 waiting/);
    expect(gateway.metrics().refusals.client_concurrency).to.equal(2);
  });

  it("closes a client's connections past its cap, not another's", async function () {
    const { gateway } = await gatewayWith({ clientMaxConnections: 2 });
    const open = (localAddress: string) =>
      new Promise<Socket>((resolve, reject) => {
        const socket = connect({ host: "127.0.0.1", port: gateway.port, localAddress }, () =>
          resolve(socket),
        );
        socket.once("error", reject);
      });
    const sockets = [await open("127.0.0.5"), await open("127.0.0.5"), await open("127.0.0.5")];
    stops.push(async () => sockets.forEach((s) => s.destroy()));
    await until(
      "the third connection closed",
      () => sockets[2].destroyed || sockets[2].readableEnded,
    );
    expect(sockets[0].destroyed).to.equal(false);
    expect(sockets[1].destroyed).to.equal(false);
    const other = await postFrom(gateway.url, request("eth_chainId"), {
      localAddress: "127.0.0.6",
    });
    expect(other.json.result).to.equal("0x7a69");
    expect(gateway.metrics().refusals.client_connections).to.equal(1);
  });

  it("believes X-Forwarded-For only from a trusted proxy", async function () {
    const { gateway, logger } = await gatewayWith(
      { clientRatePerSecond: 1, clientBurst: 1, trustedProxies: ["127.0.0.10"] },
      anvil.url,
      stoppedClock,
    );
    const from = (localAddress: string, forwardedFor: string) =>
      postFrom(gateway.url, request("eth_chainId"), {
        localAddress,
        headers: { "x-forwarded-for": forwardedFor },
      });
    // Behind the proxy, each browser has its own budget.
    expect((await from("127.0.0.10", "203.0.113.1")).status).to.equal(200);
    expect((await from("127.0.0.10", "203.0.113.1")).status).to.equal(429);
    expect((await from("127.0.0.10", "198.51.100.7, 203.0.113.2")).status).to.equal(200);
    // Anyone else writing the header is still known by its own address.
    expect((await from("127.0.0.11", "192.0.2.1")).status).to.equal(200);
    expect((await from("127.0.0.11", "192.0.2.2")).status).to.equal(429);
    const clients = logger.entries.filter((e) => e.fields.reason === "rate_limited");
    expect(clients.map((e) => e.fields.client)).to.deep.equal(["203.0.113.1", "127.0.0.11"]);
  });

  it("knows an IPv6 client by its /64 and an IPv4-mapped one by its IPv4 address", function () {
    const identify = createClientIdentifier(["::1"]);
    expect(identify("2001:db8:1:2:aaaa::1", undefined)).to.equal("2001:db8:1:2::/64");
    expect(identify("2001:db8:1:2:bbbb::9", undefined)).to.equal("2001:db8:1:2::/64");
    expect(identify("::ffff:192.0.2.7", undefined)).to.equal("192.0.2.7");
    expect(identify("::1", "2001:db8:5:6::1")).to.equal("2001:db8:5:6::/64");
    expect(identify("::1", "not an address")).to.equal("0:0:0:0::/64");
  });
});
