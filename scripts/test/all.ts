/**
 * `npm test`: every check in order — build, shared ABIs up to date, lint, the mocha and Solidity
 * tests with coverage (contracts, gateway, Besu tooling, deployment, seed, `npm start`, indexer),
 * the coverage bar, the web app's unit tests, and its end-to-end tests in headless Chromium.
 * Stops at the first failing step, prints how long each step took (and how much of it was
 * compiling), and ends with one plain line for CI: "tests: N passed, N failed".
 *
 * Each set of sources is compiled once: the plain contracts by the first step, the
 * coverage-instrumented ones by `hardhat test --coverage` into their own folder (see
 * hardhat.config.ts), and the web app only when its sources changed since its last build.
 */
import { spawn, spawnSync } from "node:child_process";

type Totals = { passed: number; failed: number; skipped: number };

interface Step {
  name: string;
  command: string[];
  /** Reads the step's test totals from its output, when it runs tests. */
  totals?: (output: string) => Totals;
  /** A line that marks the end of the step's compiling, when it compiles before it tests. */
  compiledAt?: RegExp;
}

const steps: Step[] = [
  { name: "build", command: ["hardhat", "build"], compiledAt: /$/ },
  { name: "shared ABIs", command: ["node", "scripts/abi/export.ts", "--check"] },
  { name: "API types", command: ["node", "scripts/api/types.ts", "--check"] },
  { name: "lint", command: ["npm", "run", "--silent", "lint"] },
  {
    name: "mocha and Solidity tests",
    command: ["hardhat", "test", "--coverage"],
    totals: mochaTotals,
    compiledAt: /^Running (Solidity|Mocha) tests/m,
  },
  { name: "coverage bar", command: ["node", "scripts/coverage/check.ts"] },
  {
    name: "web unit tests",
    command: ["npm", "test", "--silent", "-w", "web"],
    totals: vitestTotals,
  },
  {
    name: "web build (when its sources changed)",
    command: ["node", "scripts/start/web-build.ts"],
    compiledAt: /$/,
  },
  { name: "web end-to-end", command: ["node", "web/e2e/run.ts"], totals: e2eTotals },
];

interface Ran {
  status: number;
  output: string;
  ms: number;
  /** How long the step compiled before its tests started, when it says. */
  compileMs?: number;
}

// A signal to `npm test` (Ctrl-C without a terminal, a CI runner's SIGTERM) stops the running
// step too, rather than leaving it behind.
let running: ReturnType<typeof spawn> | undefined;
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    console.error(`\nnpm test stopped by ${signal}`);
    if (running && running.exitCode === null) {
      running.once("close", () => process.exit(1));
      running.kill(signal);
    } else process.exit(1);
  });

/** Runs a command, echoing its output; resolves with its exit status, output and timings. */
function run(command: string[], compiledAt?: RegExp): Promise<Ran> {
  const started = Date.now();
  let compileMs: number | undefined;
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), { stdio: ["inherit", "pipe", "pipe"] });
    running = child;
    let output = "";
    const echo = (target: NodeJS.WriteStream) => (chunk: Buffer) => {
      target.write(chunk);
      output += chunk.toString("utf8");
      if (compileMs === undefined && compiledAt && compiledAt.source !== "$")
        if (compiledAt.test(plain(output))) compileMs = Date.now() - started;
    };
    child.stdout.on("data", echo(process.stdout));
    child.stderr.on("data", echo(process.stderr));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = Date.now() - started;
      // A step that only compiles ("$") compiles all along.
      if (compiledAt?.source === "$") compileMs = ms;
      resolve({ status: code ?? 1, output, ms, compileMs });
    });
  });
}

// eslint-disable-next-line no-control-regex
const plain = (output: string) => output.replace(/\u001b\[[0-9;]*m/g, "");
const last = (text: string, pattern: RegExp) =>
  Number([...text.matchAll(pattern)].at(-1)?.[1] ?? 0);

/** Hardhat and mocha close with totals such as "125 passing (40 solidity, 85 mocha)". */
function mochaTotals(output: string): Totals {
  const text = plain(output);
  return {
    passed: last(text, /^\s*(\d+) passing/gm),
    failed: last(text, /^\s*(\d+) failing/gm),
    skipped: last(text, /^\s*(\d+) pending/gm),
  };
}

/** Vitest closes with "Tests  64 passed (64)" or "Tests  1 failed | 63 passed (64)". */
function vitestTotals(output: string): Totals {
  const line = plain(output).match(/^\s*Tests\s+(.*)$/m)?.[1] ?? "";
  return {
    passed: last(line, /(\d+) passed/g),
    failed: last(line, /(\d+) failed/g),
    skipped: last(line, /(\d+) skipped/g),
  };
}

/** The end-to-end runner closes with "e2e: 8 passed, 0 failed in 42 s". */
function e2eTotals(output: string): Totals {
  const text = plain(output);
  return {
    passed: last(text, /e2e: (\d+) passed/g),
    failed: last(text, /e2e: \d+ passed, (\d+) failed/g),
    skipped: 0,
  };
}

// The indexer's tests run on PGlite and on PostgreSQL: a server must answer before they start.
{
  console.log("\n=== PostgreSQL: scripts/test/postgres.sh");
  const found = spawnSync("bash", ["scripts/test/postgres.sh"], {
    stdio: ["inherit", "pipe", "inherit"],
    encoding: "utf8",
  });
  if (found.status !== 0) {
    console.error("\nnpm test failed at: PostgreSQL\n\ntests: 0 passed, 1 failed");
    process.exit(1);
  }
  process.env.SPIN_TEST_POSTGRES_URL = found.stdout.trim();
  console.log(`PostgreSQL for the indexer's tests: ${process.env.SPIN_TEST_POSTGRES_URL}`);
}

const started = Date.now();
const sum = { passed: 0, failed: 0, skipped: 0 };
const timings: { name: string; ms: number; compileMs?: number }[] = [];
let failedStep: string | undefined;
for (const step of steps) {
  console.log(`\n=== ${step.name}: ${step.command.join(" ")}`);
  const { status, output, ms, compileMs } = await run(step.command, step.compiledAt);
  timings.push({ name: step.name, ms, compileMs });
  if (step.totals) {
    const t = step.totals(output);
    sum.passed += t.passed;
    sum.failed += t.failed;
    sum.skipped += t.skipped;
  }
  if (status !== 0) {
    failedStep = step.name;
    if (step.totals && sum.failed === 0) sum.failed = 1;
    break;
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(0)} s`.padStart(7);
const totalMs = Date.now() - started;
const buildMs = timings.reduce((total, t) => total + (t.compileMs ?? 0), 0);
console.log(`\n${"step".padEnd(40)}   time  compiling`);
for (const t of timings)
  console.log(
    `${t.name.padEnd(40)}${seconds(t.ms)}${t.compileMs === undefined ? "" : seconds(t.compileMs)}`,
  );
console.log(
  `${"total".padEnd(40)}${seconds(totalMs)}${seconds(buildMs)}  (compiling: ${((100 * buildMs) / totalMs).toFixed(0)}% of the run)`,
);

if (failedStep) console.error(`\nnpm test failed at: ${failedStep}`);
const skipped = sum.skipped > 0 ? `, ${sum.skipped} skipped` : "";
console.log(`\ntests: ${sum.passed} passed, ${sum.failed} failed${skipped}`);
process.exit(failedStep ? 1 : 0);
