/**
 * The dApp's /api/rpc proxy keeps the gateway's door policy: the app's own origin (or a listed
 * one), JSON only, and only the methods the gateway serves to everyone; the rest is answered by
 * the proxy itself and never reaches the gateway. Run against a real gateway in front of anvil.
 */
import { expect } from "chai";
import { startGateway, type Gateway } from "@spin/gateway";
import { proxyRpc, type RpcProxyOptions } from "../../../web/app/api/rpc/proxy.ts";
import { startAnvil, type Anvil } from "../../../scripts/chain/anvil.ts";
import { freePort } from "../../../scripts/lib/net.ts";
import { memoryLogger, request, type RpcBody } from "./rpc.ts";

const APP = "http://127.0.0.1:3000";

describe("web: the /api/rpc proxy in front of the gateway", function () {
  this.timeout(60_000);
  let anvil: Anvil;
  let gateway: Gateway;

  before(async function () {
    anvil = await startAnvil({ port: await freePort() });
    gateway = await startGateway(
      { upstream: anvil.url, port: 0, clientRatePerSecond: 1, clientBurst: 20 },
      memoryLogger(),
    );
  });
  after(async function () {
    await gateway?.close();
    await anvil?.stop();
  });

  async function call(
    body: unknown,
    headers: Record<string, string> = { "content-type": "application/json" },
    options: Partial<RpcProxyOptions> = {},
  ): Promise<{ status: number; json: RpcBody & RpcBody[]; headers: Headers }> {
    const response = await proxyRpc(
      new Request(`${APP}/api/rpc`, {
        method: "POST",
        headers,
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
      { upstream: gateway.url, ...options },
    );
    return { status: response.status, json: await response.json(), headers: response.headers };
  }

  it("forwards what the gateway serves to everyone, from the app's own page", async function () {
    const answer = await call(request("eth_chainId"), {
      "content-type": "application/json; charset=utf-8",
      origin: APP,
    });
    expect(answer.status).to.equal(200);
    expect(answer.json.result).to.equal("0x7a69");
  });

  it("answers everything else itself, Besu's way, without asking the gateway", async function () {
    const forwarded = gateway.metrics().requests.http;
    const unsigned = await call(request("eth_sendUnsignedTransaction", [{ from: APP }]));
    const signing = await call(request("eth_sendTransaction", [{ from: APP }]));
    const control = await call(request("anvil_setBalance", [APP, "0x1"]));
    const unknown = await call(request("spin_anything"));
    for (const answer of [unsigned, signing, control]) {
      expect(answer.json.error).to.deep.include({ code: -32604, message: "Method not enabled" });
    }
    expect(unknown.json.error).to.deep.include({ code: -32601, message: "Method not found" });
    expect(gateway.metrics().requests.http).to.equal(forwarded);
  });

  it("answers a mixed batch in order, forwarding only its allowed items", async function () {
    const [mine, chain, txpool, again] = [
      "evm_mine",
      "eth_chainId",
      "txpool_content",
      "eth_chainId",
    ].map((method) => request(method));
    const notification = { jsonrpc: "2.0", method: "eth_blockNumber" };
    const batch = [mine, chain, notification, txpool, again];
    const before = gateway.metrics().requests.http;
    const { json } = await call(batch);
    expect(json.map((r) => r.id)).to.deep.equal([mine.id, chain.id, txpool.id, again.id]);
    expect(json.map((r) => r.error?.code ?? r.result)).to.deep.equal([
      -32604,
      "0x7a69",
      -32604,
      "0x7a69",
    ]);
    expect(gateway.metrics().requests.http - before).to.equal(3);
  });

  it("refuses a page on another origin with 403, and serves listed origins", async function () {
    const foreign = await call(request("eth_chainId"), {
      "content-type": "application/json",
      origin: "https://evil.example",
    });
    expect(foreign.status).to.equal(403);
    expect(String(foreign.json.error?.data)).to.match(/evil\.example/);
    const listed = await call(
      request("eth_chainId"),
      { "content-type": "application/json", origin: "https://spin.example" },
      { allowedOrigins: ["https://spin.example"] },
    );
    expect(listed.json.result).to.equal("0x7a69");
    const ownButUnlisted = await call(
      request("eth_chainId"),
      { "content-type": "application/json", origin: APP },
      { allowedOrigins: ["https://spin.example"] },
    );
    expect(ownButUnlisted.status).to.equal(403);
    // The app's origin is the one the browser used (its Host), whatever URL the server sees.
    const viaHost = await call(
      request("eth_chainId"),
      { "content-type": "application/json", origin: "http://127.0.0.1:4444" },
      { ownOrigin: "http://127.0.0.1:4444" },
    );
    expect(viaHost.json.result).to.equal("0x7a69");
  });

  it("refuses what an HTML form can send (text/plain, form, multipart) with 415", async function () {
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
    ]) {
      const answer = await call(request("eth_chainId"), { "content-type": type, origin: APP });
      expect(answer.status, type).to.equal(415);
      expect(answer.json.error?.code, type).to.equal(-32600);
    }
  });

  it("refuses a body past its limit with 413", async function () {
    const answer = await call(request("web3_sha3", [`0x${"00".repeat(64)}`]), undefined, {
      maxBodyBytes: 64,
    });
    expect(answer.status).to.equal(413);
  });

  it("passes the gateway's rate refusal on with its status and Retry-After", async function () {
    let last: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 40 && last?.status !== 429; i++) last = await call(request("eth_chainId"));
    expect(last?.status).to.equal(429);
    expect(last?.json.error?.code).to.equal(-32005);
    expect(Number(last?.headers.get("retry-after"))).to.be.at.least(1);
  });
});
