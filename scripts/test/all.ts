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
import { spawnSync } from "node:child_process";
import { plain, runStep as run, stopRunning, type StepOptions } from "./steps.ts";

type Totals = { passed: number; failed: number; skipped: number };

interface Step extends StepOptions {
  name: string;
  command: string[];
  /** Reads the step's test totals from its output, when it runs tests. */
  totals?: (output: string) => Totals;
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
    endsWith: /^Test run failed$/m,
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

// A signal to `npm test` (Ctrl-C without a terminal, a CI runner's SIGTERM) stops the running
// step too, rather than leaving it behind.
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    console.error(`\nnpm test stopped by ${signal}`);
    void stopRunning(signal).then(() => process.exit(1));
  });

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
  // The script's last line is the URL; anything a shell profile printed before it is not.
  const url = found.stdout
    .trim()
    .split("\n")
    .at(-1)
    ?.match(/^postgres(ql)?:\/\/\S+$/)?.[0];
  if (url === undefined) {
    console.error(
      `\nscripts/test/postgres.sh printed no PostgreSQL URL as its last line; it printed:\n${found.stdout}`,
    );
    console.error("\nnpm test failed at: PostgreSQL\n\ntests: 0 passed, 1 failed");
    process.exit(1);
  }
  process.env.SPIN_TEST_POSTGRES_URL = url;
  console.log(`PostgreSQL for the indexer's tests: ${process.env.SPIN_TEST_POSTGRES_URL}`);
}

const started = Date.now();
const sum = { passed: 0, failed: 0, skipped: 0 };
const timings: { name: string; ms: number; compileMs?: number }[] = [];
let failedStep: string | undefined;
for (const step of steps) {
  console.log(`\n=== ${step.name}: ${step.command.join(" ")}`);
  const { status, output, ms, compileMs } = await run(step.command, step);
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
