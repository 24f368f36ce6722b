/**
 * The indexer's command line as a child process: bad arguments get one line and exit code 2;
 * against a local chain it serves /health, indexes, and stops with exit code 0 on SIGTERM.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { freePort } from "../../../scripts/lib/net.ts";
import { waitFor } from "../../../scripts/lib/wait.ts";
import { tmpdir } from "node:os";
import path from "node:path";
import { writeAddressBook } from "@spin/shared/node";
import { expect } from "chai";
import { deployChain, deposit, type Chain } from "./helpers/chain.ts";
import { addressBookFor } from "./helpers/indexer.ts";
import { createTestDatabase } from "./helpers/store.ts";

const mainScript = new URL("../../../indexer/src/main.ts", import.meta.url).pathname;

interface Run {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();

function runCli(args: string[], databaseUrl?: string): Run {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const child = spawn(process.execPath, [mainScript, ...args], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  const run: Run = {
    child,
    stdout: [],
    stderr: [],
    exit: once(child, "exit").then(([code, signal]) => ({
      code: code as number | null,
      signal: signal as NodeJS.Signals | null,
    })),
  };
  child.stdout!.on("data", (chunk: Buffer) => run.stdout.push(chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => run.stderr.push(chunk.toString("utf8")));
  return run;
}

/** An address book for the test chain: its contracts, and empty addresses for the others. */
async function health(url: string): Promise<{ status: number; body: { indexedBlock: number } }> {
  const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: (await response.json()) as { indexedBlock: number } };
}

/** Waits until the indexer's /health reports `block`, as long as its indexed block keeps moving. */
async function waitForIndexed(url: string, block: number, run: Run) {
  return waitFor({
    what: `the indexer to reach block ${block}`,
    probe: () => health(url),
    done: (answer) => answer.status === 200 && answer.body.indexedBlock >= block,
    progress: (answer) => answer.body.indexedBlock,
    describe: (answer) => `HTTP ${answer.status}, indexed block ${answer.body.indexedBlock}`,
    gone: () =>
      run.child.exitCode !== null || run.child.signalCode !== null
        ? `the indexer exited (${run.child.exitCode ?? run.child.signalCode}): ${run.stderr.join("")}`
        : undefined,
    intervalMs: 50,
  });
}

describe("indexer command line", function () {
  // Each test's allowance on an idle machine, stretched with the load; every block the indexer
  // indexes gives it the allowance again (test/support/progress-timeouts.ts).
  this.timeout(180_000);
  let dir: string;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "spin-indexer-cli-"));
  });

  afterEach(async () => {
    for (const child of running) {
      const exited = once(child, "exit");
      child.kill("SIGKILL");
      await exited;
    }
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const badCalls: { name: string; args: string[]; message: RegExp }[] = [
    { name: "a non-numeric chain id", args: ["--chain-id", "abc"], message: /--chain-id .*"abc"/ },
    { name: "a zero chain id", args: ["--chain-id", "0"], message: /--chain-id .*"0"/ },
    { name: "a non-numeric port", args: ["--port", "http"], message: /--port .*"http"/ },
    { name: "a port out of range", args: ["--port", "70000"], message: /--port .*"70000"/ },
    {
      name: "a negative finality depth",
      args: ["--finality-depth", "-1"],
      message: /'--finality-depth' argument is ambiguous/,
    },
    { name: "an unknown log level", args: ["--log", "loud"], message: /--log .*"loud"/ },
    {
      name: "a licence cache size that is not a count",
      args: ["--licence-cache-entries", "lots"],
      message: /--licence-cache-entries .*"lots"/,
    },
    { name: "an unknown option", args: ["--colour", "red"], message: /--colour/ },
    {
      name: "a missing address book",
      args: ["--chain-id", "4242", "--deployments-dir", "DIR"],
      message: /no address book for chain 4242 .*4242\.json/,
    },
  ];
  for (const { name, args, message } of badCalls) {
    it(`refuses ${name} with one line and exit code 2`, async () => {
      const run = runCli(args.map((a) => (a === "DIR" ? dir : a)));
      const { code } = await run.exit;
      const stderr = run.stderr.join("");
      expect(code, stderr).to.equal(2);
      expect(stderr.trimEnd().split("\n"), stderr).to.have.length(1);
      expect(stderr).to.match(message);
      expect(stderr).to.match(/^spin-indexer: /);
      expect(stderr).not.to.match(/\n\s+at /);
    });
  }

  it("refuses an address book that is not valid JSON for SPIN, with exit code 2", async () => {
    const deployments = path.join(dir, "broken");
    await mkdir(deployments, { recursive: true });
    await writeFile(path.join(deployments, "77.json"), '{"chainId": 77, "contracts": {}}');
    const run = runCli(["--chain-id", "77", "--deployments-dir", deployments]);
    expect((await run.exit).code).to.equal(2);
    expect(run.stderr.join("")).to.match(
      /address book .*77\.json is invalid: contract \w+ is missing/,
    );
  });

  for (const kind of ["pglite", "postgres"] as const) {
    it(`indexes a local chain, answers /health, stops on SIGTERM with 0 and resumes its data (${kind})`, async () => {
      const chain = await deployChain();
      const database = await createTestDatabase(kind);
      const databaseUrl =
        database.target.kind === "postgres" ? database.target.connectionString : undefined;
      try {
        const deployments = path.join(dir, "deployments");
        await writeAddressBook(addressBookFor(chain.chainId, chain.contracts), deployments);
        const port = await freePort();
        const url = `http://127.0.0.1:${port}`;
        const args = [
          "--rpc",
          chain.rpc.url,
          "--chain-id",
          String(chain.chainId),
          "--port",
          String(port),
          "--data-dir",
          path.join(dir, `data-${kind}`),
          "--deployments-dir",
          deployments,
          "--finality-depth",
          "2",
          "--poll-interval-ms",
          "20",
          "--log",
          "silent",
        ];
        const first = runCli(args, databaseUrl);
        await deposit(chain, 3);
        const head = await chain.ethers.provider.getBlockNumber();
        const answer = await waitForIndexed(url, head, first);
        expect(answer.body.indexedBlock).to.equal(head);
        const participants = (await (await fetch(`${url}/participants?kind=Person`)).json()) as {
          items: unknown[];
        };
        expect(participants.items).to.have.length(chain.members.length);
        first.child.kill("SIGTERM");
        expect(await first.exit).to.deep.equal({ code: 0, signal: null });

        await deposit(chain, 2, 7);
        const second = runCli(args, databaseUrl);
        try {
          await waitForIndexed(url, await chain.ethers.provider.getBlockNumber(), second);
          const movements = (await (await fetch(`${url}/funds/0/movements?limit=100`)).json()) as {
            items: unknown[];
          };
          const pooled = await chain.fund.queryFilter(chain.fund.filters.Deposited(0n));
          expect(movements.items).to.have.length(pooled.length);
        } finally {
          second.child.kill("SIGTERM");
          expect(await second.exit).to.deep.equal({ code: 0, signal: null });
        }
      } finally {
        await chain.close();
        await database.drop();
      }
    });
  }
});
