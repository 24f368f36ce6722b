/**
 * `npm start` as a newcomer runs it: from nothing to a running stack, then Ctrl-C. Runs the real
 * entry point in its own folders and ports so a developer's own .spin/ and address book are
 * untouched.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";

const root = path.resolve(import.meta.dirname, "../../..");
const basePort = 20_000 + (process.pid % 5_000) * 4;

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startSpin(env: NodeJS.ProcessEnv, args: string[] = []): Run {
  const child = spawn(process.execPath, ["scripts/start/main.ts", ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  return { child, output: () => output, exited };
}

/** Runs `check` against a running `npm start`, then Ctrl-C; returns the exit code and time to stop. */
async function whileRunning(
  run: Run,
  check: () => Promise<void>,
): Promise<{ code: number | null; stopMs: number }> {
  let failure: unknown;
  try {
    await check();
  } catch (error) {
    failure = error;
  }
  const started = Date.now();
  run.child.kill("SIGINT");
  const code = await run.exited;
  if (failure) throw failure;
  return { code, stopMs: Date.now() - started };
}

async function waitFor(run: Run, text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!run.output().includes(text)) {
    if (run.child.exitCode !== null) throw new Error(`npm start exited early:\n${run.output()}`);
    if (Date.now() > deadline)
      throw new Error(`no "${text}" within ${timeoutMs} ms:\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
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
    await fetch(url, { method: "POST", body: "{}", signal: AbortSignal.timeout(2_000) });
    return false;
  } catch {
    return true;
  }
}

describe("npm start", function () {
  // The first run builds the web app, which takes minutes on a loaded two-core machine.
  this.timeout(600_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const rpcUrl = `http://127.0.0.1:${basePort + 1}`;
  const chainUrl = `http://127.0.0.1:${basePort}`;
  const apiUrl = `http://127.0.0.1:${basePort + 2}`;
  const webUrl = `http://127.0.0.1:${basePort + 3}`;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "spin-start-"));
    env = {
      SPIN_CHAIN_PORT: String(basePort),
      SPIN_RPC_PORT: String(basePort + 1),
      SPIN_API_PORT: String(basePort + 2),
      SPIN_WEB_PORT: String(basePort + 3),
      SPIN_STATE_DIR: path.join(dir, "state"),
      SPIN_DEPLOYMENTS_DIR: path.join(dir, "deployments"),
      SPIN_DEPLOYMENT_ID: `smoke-${process.pid}`,
      // Coverage runs instrument the contracts past EIP-170; npm test checks the real ones.
      SPIN_UNLIMITED_CODE_SIZE: "1",
    };
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(path.join(root, "ignition/deployments", `smoke-${process.pid}`), {
      recursive: true,
      force: true,
    });
  });

  it("starts the stack from nothing, serves the chain through the gateway, and stops cleanly", async () => {
    const run = startSpin(env, ["--fresh"]);
    const { code, stopMs } = await whileRunning(run, async () => {
      await waitFor(run, "spin: ready", 540_000);
      expect(await chainId(rpcUrl)).to.equal("0x7a69");
      const health = await fetch(`${apiUrl}/health`);
      expect(health.headers.get("content-type")).to.match(/json/);
      const works = (await (await fetch(`${apiUrl}/works`)).json()) as { items: unknown[] };
      expect(works.items.length, "the indexer serves the demo works").to.be.greaterThan(0);
      const home = await fetch(webUrl);
      expect(home.status).to.equal(200);
      expect(await home.text()).to.include("SPIN");
      expect(run.output()).to.include("admin roles handed to the timelock");
      expect(run.output()).to.include("Demo accounts");
    });
    expect(code, run.output()).to.equal(0);
    expect(stopMs).to.be.below(20_000);
    expect(run.output()).to.include("spin: stopped");
    expect(await refused(rpcUrl), "gateway port closed").to.equal(true);
    expect(await refused(chainUrl), "chain port closed").to.equal(true);
    expect(await refused(apiUrl), "API port closed").to.equal(true);
    expect(await refused(webUrl), "web port closed").to.equal(true);
  });

  it("resumes the kept chain on the next run without deploying again", async () => {
    const run = startSpin(env);
    const { code } = await whileRunning(run, async () => {
      await waitFor(run, "spin: ready", 120_000);
      expect(run.output()).to.include("resuming the kept chain");
      expect(run.output()).to.not.include("deploying SPIN");
    });
    expect(code, run.output()).to.equal(0);
  });
});
