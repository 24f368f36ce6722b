/**
 * Issue 12, item 1 from a browser: a page on another origin makes a visitor's headless Chromium
 * POST to the gateway as a form would (text/plain, no preflight), try a CORS request, and open a
 * WebSocket, on a local chain whose gateway signs with the node's keys (the development flag on,
 * as a local stack might run it). Nothing reaches the node; the dApp's own origin is served.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import { chromium, type Browser, type Page } from "playwright-core";
import { toHex, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { startGateway, type Gateway } from "@spin/gateway";
import { devKey, members, spinOnAnvil, type SpinNode } from "./fixture.ts";
import { memoryLogger } from "./rpc.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ATTACKER: Address = "0x000000000000000000000000000000000000bEEF";

/** What the attacking page reports back from the browser. */
type PageReport = {
  formPost: string;
  corsJson: string;
  webSocket: string;
};

/**
 * The attacker's page, as its site serves it: it reads the gateway's URLs and the payload from
 * its query string, tries a form-like POST, a CORS request and a WebSocket, and leaves what it
 * saw in `window.report`.
 */
const ATTACK_PAGE = `<!doctype html><title>cute cats</title><script>
const query = new URLSearchParams(location.search);
const [http, ws, body] = ["http", "ws", "body"].map((key) => query.get(key));
const steps = (query.get("steps") ?? "form,cors,ws").split(",");
const outcome = (promise) =>
  promise.then((value) => "answered " + value, (error) => "failed " + error);
(async () => {
  const skipped = Promise.resolve("skipped");
  const formPost = await outcome(!steps.includes("form") ? skipped :
    fetch(http, { method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" }, body })
      .then((response) => response.type),
  );
  const corsJson = await outcome(!steps.includes("cors") ? skipped :
    fetch(http, { method: "POST", headers: { "content-type": "application/json" }, body })
      .then((response) => response.text()),
  );
  const webSocket = !steps.includes("ws") ? "skipped" : await new Promise((resolve) => {
    const socket = new WebSocket(ws);
    socket.onopen = () => { socket.close(); resolve("open"); };
    socket.onclose = (event) => resolve("closed " + event.code);
  });
  window.report = { formPost, corsJson, webSocket };
})();
</script>`;

/** Opens the attacker's page aimed at `gateway` with `body`, and returns what it reports. */
async function attack(
  page: Page,
  gateway: Gateway,
  body: string,
  site: string,
  steps = "form,cors,ws",
): Promise<PageReport> {
  const query = new URLSearchParams({ http: gateway.url, ws: gateway.wsUrl, body, steps });
  await page.goto(`${site}/?${query}`);
  await page.waitForFunction("window.report !== undefined", undefined, { timeout: 30_000 });
  return (await page.evaluate("window.report")) as PageReport;
}

describe("gateway: a page on another origin in headless Chromium (anvil)", function () {
  this.timeout(180_000);
  let spin: SpinNode;
  let browser: Browser;
  let site: Server;
  let siteOrigin: string;
  let alice: Address;
  /** eth_sendTransaction from a member, signed by the node: what a page would love to send. */
  let drain: string;

  before(async function () {
    spin = await spinOnAnvil();
    alice = privateKeyToAccount(devKey(members.alice)).address;
    drain = JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "eth_sendTransaction",
      params: [{ from: alice, to: ATTACKER, value: toHex(10n ** 18n) }],
    });
    site = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" }).end(ATTACK_PAGE);
    });
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    // localhost is another site than 127.0.0.1, where the gateway listens.
    siteOrigin = `http://localhost:${(site.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });
  after(async function () {
    await browser?.close();
    site?.closeAllConnections();
    await new Promise<void>((resolve) => (site ? site.close(() => resolve()) : resolve()));
    await spin?.stop();
  });

  async function unchanged(nonce: number): Promise<void> {
    expect(await spin.chain.getTransactionCount({ address: alice })).to.equal(nonce);
    expect(await spin.chain.getBalance({ address: ATTACKER })).to.equal(0n);
  }

  it("refuses a foreign page's text/plain POST, CORS request and WebSocket, and nothing is signed", async function () {
    const logger = memoryLogger();
    const gateway: Gateway = await startGateway(
      { upstream: spin.anvil.url, port: 0, registry: spin.registry, devNodeSigning: true },
      logger,
    );
    const page = await browser.newPage();
    try {
      const nonce = await spin.chain.getTransactionCount({ address: alice });
      const report = await attack(page, gateway, drain, siteOrigin);
      expect(report.formPost).to.equal("answered opaque"); // the browser hides the 403
      expect(report.corsJson).to.match(/^failed TypeError/); // the preflight was refused
      expect(report.webSocket).to.equal("closed 1006");
      await unchanged(nonce);
      const { refusals, forwarded } = gateway.metrics();
      expect(forwarded).to.equal(0);
      // The form POST, the preflight and the WebSocket upgrade.
      expect(refusals.origin_not_allowed).to.equal(3);
      const lines = logger.entries.filter((e) => e.fields.reason === "origin_not_allowed");
      expect(lines.map((e) => [e.level, e.fields.origin, e.fields.transport])).to.deep.equal([
        ["info", siteOrigin, "http"],
        ["info", siteOrigin, "http"],
        ["info", siteOrigin, "ws"],
      ]);
    } finally {
      await page.close();
      await gateway.close();
    }
  });

  it("refuses a text/plain POST even from an allowed origin, and serves that origin's JSON", async function () {
    const logger = memoryLogger();
    const gateway = await startGateway(
      {
        upstream: spin.anvil.url,
        port: 0,
        registry: spin.registry,
        devNodeSigning: true,
        allowedOrigins: [siteOrigin],
      },
      logger,
    );
    const page = await browser.newPage();
    try {
      const nonce = await spin.chain.getTransactionCount({ address: alice });
      const refused = await attack(page, gateway, drain, siteOrigin, "form");
      expect(refused.formPost).to.equal("answered opaque");
      await unchanged(nonce);
      expect(gateway.metrics().refusals.content_type_not_allowed).to.equal(1);
      expect(gateway.metrics().refusals.origin_not_allowed).to.equal(0);
      const chainId = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] });
      const served = await attack(await browser.newPage(), gateway, chainId, siteOrigin);
      expect(served.corsJson).to.equal(`answered {"jsonrpc":"2.0","id":1,"result":"0x7a69"}`);
      expect(served.webSocket).to.equal("open");
    } finally {
      await page.close();
      await gateway.close();
    }
  });

  it("will not start with node signing open to every origin", async function () {
    let message = "";
    try {
      await startGateway(
        { upstream: spin.anvil.url, port: 0, devNodeSigning: true, allowedOrigins: ["*"] },
        memoryLogger(),
      );
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.match(/any web page sign with the node's keys/);
  });
});
