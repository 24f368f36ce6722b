/**
 * What an operator reads: one line per refusal at info level, plain text for people by default,
 * JSON lines when asked (--log-format json or SPIN_LOG_FORMAT=json), and the refusal counters at
 * /metrics. The gateway runs as `npm run gateway` runs it, in its own process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect } from "chai";
import { startGateway } from "@spin/gateway";
import { startAnvil, type Anvil } from "../../../scripts/chain/anvil.ts";
import { freePort } from "../../../scripts/lib/net.ts";
import { formatLine, logFormatFrom } from "../../../gateway/src/log.ts";
import { memoryLogger, post, request, rpc, stoppedClock } from "./rpc.ts";

const MAIN = path.resolve(import.meta.dirname, "../../../gateway/src/main.ts");

type Run = { child: ChildProcess; lines: string[]; exited: Promise<void> };

function runGateway(args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { ...process.env, SPIN_LOG_FORMAT: undefined, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let partial = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    const text = partial + chunk.toString("utf8");
    const parts = text.split("\n");
    partial = parts.pop() ?? "";
    lines.push(...parts);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { child, lines, exited };
}

async function lineMatching(run: Run, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = run.lines.find((line) => pattern.test(line));
    if (found !== undefined) return found;
    if (run.child.exitCode !== null)
      throw new Error(`the gateway exited:\n${run.lines.join("\n")}`);
    if (Date.now() > deadline)
      throw new Error(`no line matching ${pattern}:\n${run.lines.join("\n")}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("gateway: log lines and metrics", function () {
  this.timeout(60_000);
  let anvil: Anvil;
  const runs: Run[] = [];

  before(async function () {
    anvil = await startAnvil({ port: await freePort() });
  });
  after(async function () {
    for (const run of runs) {
      run.child.kill("SIGTERM");
      await run.exited;
    }
    await anvil?.stop();
  });

  async function started(args: string[], env?: NodeJS.ProcessEnv) {
    const port = await freePort();
    const run = runGateway(["--upstream", anvil.url, "--port", String(port), ...args], env);
    runs.push(run);
    await lineMatching(run, /gateway listening/);
    return { run, url: `http://127.0.0.1:${port}` };
  }

  it("writes plain-text lines by default, a refusal at info with its reason and client", async function () {
    const { run, url } = await started([]);
    expect((await rpc(url, "evm_mine")).error?.code).to.equal(-32604);
    const line = await lineMatching(run, /refused/);
    expect(line).to.match(
      /^\d{4}-\d\d-\d\dT[\d:.]+Z info {2}gateway: refused: method not enabled reason=method_not_enabled client=127\.0\.0\.1 transport=http method=evm_mine$/,
    );
  });

  for (const [how, args, env] of [
    ["--log-format json", ["--log-format", "json"], {}],
    ["SPIN_LOG_FORMAT=json", [], { SPIN_LOG_FORMAT: "json" }],
  ] as const) {
    it(`writes JSON lines when asked with ${how}`, async function () {
      const { run, url } = await started([...args], env);
      await rpc(url, "eth_sendUnsignedTransaction", [{ from: url, to: url }]);
      const line = JSON.parse(await lineMatching(run, /refused/));
      expect(line).to.include({
        level: "info",
        message: "refused: method not enabled",
        reason: "method_not_enabled",
        client: "127.0.0.1",
        method: "eth_sendUnsignedTransaction",
      });
      expect(Date.parse(line.time)).to.be.a("number").and.not.NaN;
    });
  }

  it("refuses to start on an unknown log format, saying which are known", async function () {
    expect(() => logFormatFrom("yaml")).to.throw('one of text, json, got "yaml"');
    const run = runGateway(["--upstream", anvil.url, "--log-format", "yaml"]);
    await run.exited;
    expect(run.child.exitCode).to.equal(1);
    expect(run.lines.join("\n")).to.match(/gateway failed to start.*one of text, json/);
  });

  it("quotes text values that hold spaces so a line stays one record per field", function () {
    const line = formatLine("text", "info", "hello", { data: "two words", n: 3, list: [1, 2] });
    expect(line).to.match(/ info {2}gateway: hello data="two words" n=3 list=\[1,2\]$/);
  });

  it("counts refusals by reason at /metrics, in Prometheus' text format", async function () {
    const gateway = await startGateway(
      { upstream: anvil.url, port: 0, clientRatePerSecond: 1, clientBurst: 3 },
      memoryLogger(),
      stoppedClock,
    );
    try {
      await rpc(gateway.url, "evm_mine");
      await rpc(gateway.url, "nope_nothing");
      await post(gateway.url, [request("eth_chainId"), request("eth_chainId")]);
      const response = await fetch(`${gateway.url}/metrics`);
      expect(response.headers.get("content-type")).to.match(/^text\/plain/);
      const text = await response.text();
      expect(text).to.include('spin_gateway_refusals_total{reason="method_not_enabled"} 1');
      expect(text).to.include('spin_gateway_refusals_total{reason="method_not_found"} 1');
      expect(text).to.include('spin_gateway_refusals_total{reason="rate_limited"} 1');
      expect(text).to.include('spin_gateway_requests_total{transport="http"} 4');
      expect(text).to.include('spin_gateway_refusals_total{reason="origin_not_allowed"} 0');
      expect(text).to.include("# TYPE spin_gateway_refusals_total counter");
    } finally {
      await gateway.close();
    }
  });
});
