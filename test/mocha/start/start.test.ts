/**
 * `npm start` as a newcomer runs it — through npm itself, without a terminal, as a service
 * manager or a script would: from nothing to a running stack, then a signal. Runs in its own
 * folders and on free ports so a developer's own .spin/ and address book are untouched.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { freePort } from "../../../scripts/lib/net.ts";
import { waitFor } from "../../../scripts/lib/wait.ts";

const root = path.resolve(import.meta.dirname, "../../..");

interface Run {
  child: ChildProcess;
  output: () => string;
  stdout: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `npm start [npm options] -- [args]`, with stdin, stdout and stderr not a terminal. */
function npmStart(env: NodeJS.ProcessEnv, npmOptions: string[], args: string[]): Run {
  // The test runner's own Hardhat options (HARDHAT_COVERAGE=true in `npm test`) are not a
  // newcomer's: `npm start` builds and deploys the real contracts.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("HARDHAT_")),
  );
  const child = spawn("npm", ["start", ...npmOptions, "--", ...args], {
    cwd: root,
    env: { ...inherited, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let stdout = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
    stdout += chunk.toString("utf8");
  });
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, stdout: () => stdout, exited };
}

/** Waits for `text` in the output, as long as the output keeps growing (or a step may be long). */
function waitForOutput(run: Run, text: string, stallMs: number): Promise<string> {
  return waitFor({
    what: `"${text}" from npm start`,
    probe: () => run.output(),
    done: (output) => output.includes(text),
    progress: (output) => output.length,
    gone: () =>
      run.child.exitCode !== null || run.child.signalCode !== null
        ? `npm start exited (${run.child.exitCode ?? run.child.signalCode})`
        : undefined,
    stallMs,
    intervalMs: 200,
  });
}

async function chainId(url: string): Promise<string> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
  });
  return ((await response.json()) as { result: string }).result;
}

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(url, { method: "POST", body: "{}", signal: AbortSignal.timeout(5_000) });
    return false;
  } catch {
    return true;
  }
}

/** Sends `signal` to npm's own process and waits for it to exit, while it reports stopping. */
async function stop(run: Run, signal: NodeJS.Signals) {
  run.child.kill(signal);
  await waitFor({
    what: `npm start to exit after ${signal}`,
    probe: () => ({ exited: run.child.exitCode ?? run.child.signalCode, said: run.output() }),
    done: (state) => state.exited !== null,
    progress: (state) => state.said.length,
    describe: (state) => state.said.slice(-2_000),
    stallMs: 30_000,
  });
  return run.exited;
}

/** What a person could read as something gone wrong. */
const WARNING = /\bwarn(ing)?\b|⚠|deprecat|unreachable|error/i;

describe("npm start", function () {
  // A first start builds the web app and compiles the contracts: minutes on an idle two-core
  // machine, more on a loaded one. Each step that ends gives the test its allowance again.
  this.timeout(600_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let urls: { chain: string; rpc: string; api: string; web: string };

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "spin-start-"));
    const [chain, rpc, api, web] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    urls = {
      chain: `http://127.0.0.1:${chain}`,
      rpc: `http://127.0.0.1:${rpc}`,
      api: `http://127.0.0.1:${api}`,
      web: `http://127.0.0.1:${web}`,
    };
    env = {
      SPIN_CHAIN_PORT: String(chain),
      SPIN_RPC_PORT: String(rpc),
      SPIN_API_PORT: String(api),
      SPIN_WEB_PORT: String(web),
      SPIN_STATE_DIR: path.join(dir, "state"),
      SPIN_DEPLOYMENTS_DIR: path.join(dir, "deployments"),
      SPIN_DEPLOYMENT_ID: `smoke-${process.pid}`,
    };
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(path.join(root, "ignition/deployments", `smoke-${process.pid}`), {
      recursive: true,
      force: true,
    });
  });

  async function expectAllPortsClosed() {
    for (const [name, url] of Object.entries(urls))
      expect(await refused(url), `${name} port ${url} closed`).to.equal(true);
  }

  it("starts the stack from nothing, reports each step, and stops everything on SIGINT with 0", async () => {
    const run = npmStart(env, [], ["--fresh"]);
    try {
      // A step can be silent for a while (the web build on a first start): minutes, not more.
      await waitForOutput(run, "SPIN is ready", 300_000);
      expect(await chainId(urls.rpc)).to.equal("0x7a69");
      const health = await fetch(`${urls.api}/health`);
      expect(health.headers.get("content-type")).to.match(/json/);
      const works = (await (await fetch(`${urls.api}/works`)).json()) as { items: unknown[] };
      expect(works.items.length, "the indexer serves the demo works").to.be.greaterThan(0);
      const home = await fetch(urls.web);
      expect(home.status).to.equal(200);
      expect(await home.text()).to.include("SPIN");
    } catch (error) {
      run.child.kill("SIGKILL");
      throw new Error(`${(error as Error).message}\n--- npm start said:\n${run.output()}`);
    }
    const exit = await stop(run, "SIGINT");
    const output = run.output();
    expect(exit, output).to.deep.equal({ code: 0, signal: null });
    await expectAllPortsClosed();

    // Every step says what it did; the ones that ran say how long they took.
    for (const step of ["install", "web build", "compile", "chain", "deploy", "seed", "indexer"])
      expect(output, `a line for the ${step} step`).to.match(
        new RegExp(`^spin: ${step}\\s+\\S`, "m"),
      );
    for (const step of ["compile", "chain", "deploy", "seed", "indexer", "web app"])
      expect(output, `the ${step} step's time`).to.match(
        new RegExp(`^spin: ${step}\\s.*\\(\\d[\\d.]* (ms|s|min)`, "m"),
      );
    expect(output).to.include("admin roles handed to the timelock");
    expect(output).to.include("Demo accounts");
    // The URLs come last, after the accounts, where a person looks first.
    const ready = output.slice(output.indexOf("SPIN is ready"));
    for (const url of [urls.web, urls.api, urls.rpc]) expect(ready).to.include(url);
    expect(output.split("\n").filter((line) => WARNING.test(line))).to.deep.equal([]);
  });

  it("resumes the kept chain without deploying, speaks JSON when asked, and stops on SIGTERM with 0", async () => {
    const run = npmStart(env, ["--silent"], ["--json"]);
    try {
      await waitForOutput(run, '"event":"ready"', 120_000);
    } catch (error) {
      run.child.kill("SIGKILL");
      throw new Error(`${(error as Error).message}\n--- npm start said:\n${run.output()}`);
    }
    const exit = await stop(run, "SIGTERM");
    expect(exit, run.output()).to.deep.equal({ code: 0, signal: null });
    await expectAllPortsClosed();

    const lines = run
      .stdout()
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as { step?: string; event?: string; message?: string });
    const events = lines.map((l) => `${l.step ?? ""}:${l.event ?? ""}`);
    expect(events).to.include("deploy:done");
    expect(events).to.include(":ready");
    const deploy = lines.find((l) => l.step === "deploy" && l.event === "done");
    expect(deploy?.message).to.include("resuming the kept chain");
    expect(lines.some((l) => l.step === "seed")).to.equal(false);
    const ready = lines.find((l) => l.event === "ready") as { urls?: Record<string, unknown> };
    expect(ready.urls).to.include({ web: urls.web, api: urls.api, rpc: urls.rpc });
  });
});
