/**
 * `npm test`: every check in order — build, shared ABIs up to date, lint, the contract tests
 * (mocha and Solidity) with coverage, the coverage bar. Stops at the first failing step and ends
 * with one plain line for CI: "tests: N passed, N failed".
 */
import { spawn } from "node:child_process";

interface Step {
  name: string;
  command: string[];
  /** Whether the step's output holds test totals to add up. */
  countsTests?: boolean;
}

const steps: Step[] = [
  { name: "build", command: ["hardhat", "build"] },
  { name: "shared ABIs", command: ["node", "scripts/abi/export.ts", "--check"] },
  { name: "lint", command: ["npm", "run", "--silent", "lint"] },
  { name: "contract tests", command: ["hardhat", "test", "--coverage"], countsTests: true },
  { name: "coverage bar", command: ["node", "scripts/coverage/check.ts"] },
];

/** Runs a command, echoing its output; resolves with its exit status and output. */
function run(command: string[]): Promise<{ status: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), { stdio: ["inherit", "pipe", "pipe"] });
    let output = "";
    const echo = (target: NodeJS.WriteStream) => (chunk: Buffer) => {
      target.write(chunk);
      output += chunk.toString("utf8");
    };
    child.stdout.on("data", echo(process.stdout));
    child.stderr.on("data", echo(process.stderr));
    child.on("error", reject);
    child.on("close", (code) => resolve({ status: code ?? 1, output }));
  });
}

/** Hardhat and mocha close with totals such as "125 passing (40 solidity, 85 mocha)". */
function totals(output: string): { passed: number; failed: number; skipped: number } {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\u001b\[[0-9;]*m/g, "");
  const last = (pattern: RegExp) => Number([...plain.matchAll(pattern)].at(-1)?.[1] ?? 0);
  return {
    passed: last(/^\s*(\d+) passing/gm),
    failed: last(/^\s*(\d+) failing/gm),
    skipped: last(/^\s*(\d+) (?:pending|skipped)/gm),
  };
}

const sum = { passed: 0, failed: 0, skipped: 0 };
let failedStep: string | undefined;
for (const step of steps) {
  console.log(`\n=== ${step.name}: ${step.command.join(" ")}`);
  const { status, output } = await run(step.command);
  if (step.countsTests) {
    const t = totals(output);
    sum.passed += t.passed;
    sum.failed += t.failed;
    sum.skipped += t.skipped;
  }
  if (status !== 0) {
    failedStep = step.name;
    if (step.countsTests && sum.failed === 0) sum.failed = 1;
    break;
  }
}

if (failedStep) console.error(`\nnpm test failed at: ${failedStep}`);
const skipped = sum.skipped > 0 ? `, ${sum.skipped} skipped` : "";
console.log(`\ntests: ${sum.passed} passed, ${sum.failed} failed${skipped}`);
process.exit(failedStep ? 1 : 0);
