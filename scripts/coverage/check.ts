/**
 * Checks the coverage of contracts/ after `hardhat test --coverage`: lines from the lcov report
 * Hardhat writes, and branches computed here, because Hardhat's report has no branch figures.
 *
 * Branches are derived from Hardhat's own statement hits: its instrumentation marks every
 * statement, including the statement an `if` opens with and the first statement of each of its
 * bodies. So for an `if`, the true branch ran when its body was hit, and the false branch ran
 * when the `else` body was hit or, without an `else`, when the `if` was reached more often than
 * its body. `require(...)` counts as two branches the same way: it failed when it was reached
 * more often than the statement after it. Decisions inside expressions are branches too: the
 * condition of every ternary and every operand of `&&` and `||`, true and false, from the hits
 * of the probes plugin.ts adds to coverage builds.
 *
 * Fails (exit 1) when lines or branches of contracts/ are under the minimum (95% by default,
 * SPIN_COVERAGE_MIN to change).
 */
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { branchesOf, type Branch } from "./branches.ts";

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "../..");
const minimum = Number(process.env.SPIN_COVERAGE_MIN ?? "95");
const coverageDir = path.join(root, "coverage");

async function filesUnder(dir: string, ending: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(ending))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Statement hit counts by tag, summed over every test run (mocha and Solidity). */
async function readHits(): Promise<Map<string, number>> {
  const hits = new Map<string, number>();
  for (const file of await filesUnder(path.join(coverageDir, "data"), ".json")) {
    const counts = JSON.parse(await readFile(file, "utf8")) as Record<string, number>;
    for (const [tag, count] of Object.entries(counts)) hits.set(tag, (hits.get(tag) ?? 0) + count);
  }
  return hits;
}

/** Line hits per source from lcov.info: path -> [covered, found]. */
async function readLines(): Promise<Map<string, [number, number]>> {
  const lines = new Map<string, [number, number]>();
  const lcov = await readFile(path.join(coverageDir, "lcov.info"), "utf8");
  let current = "";
  for (const line of lcov.split("\n")) {
    if (line.startsWith("SF:")) current = line.slice(3);
    else if (line.startsWith("LH:")) lines.set(current, [Number(line.slice(3)), 0]);
    else if (line.startsWith("LF:")) lines.get(current)![1] = Number(line.slice(3));
  }
  return lines;
}

function percent(covered: number, found: number): number {
  return found === 0 ? 100 : (covered * 100) / found;
}

const hits = await readHits();
const lines = await readLines();
const solcVersion = (require("solc/package.json") as { version: string }).version;

const rows: string[][] = [];
const missed: string[] = [];
let [linesHit, linesFound, branchesHit, branchesFound] = [0, 0, 0, 0];
const sources = (await filesUnder(path.join(root, "contracts"), ".sol")).sort();
for (const file of sources) {
  const sourceName = path.relative(root, file).split(path.sep).join("/");
  const content = await readFile(file, "utf8");
  const branches: Branch[] = branchesOf(sourceName, content, solcVersion, hits);
  const taken = branches.filter((b) => b.taken).length;
  const [lh, lf] = lines.get(sourceName) ?? [0, 0];
  linesHit += lh;
  linesFound += lf;
  branchesHit += taken;
  branchesFound += branches.length;
  for (const b of branches.filter((b) => !b.taken)) missed.push(`${sourceName}:${b.line} ${b.label}`);
  if (lf === 0 && branches.length === 0) continue;
  rows.push([
    sourceName,
    `${percent(lh, lf).toFixed(1)}% (${lh}/${lf})`,
    `${percent(taken, branches.length).toFixed(1)}% (${taken}/${branches.length})`,
  ]);
}

const linePct = percent(linesHit, linesFound);
const branchPct = percent(branchesHit, branchesFound);
rows.push([
  "total",
  `${linePct.toFixed(1)}% (${linesHit}/${linesFound})`,
  `${branchPct.toFixed(1)}% (${branchesHit}/${branchesFound})`,
]);
const header = ["contracts/", "lines", "branches"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const format = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
console.log(`\n${format(header)}\n${rows.map(format).join("\n")}`);
if (missed.length > 0) console.log(`\nbranches never taken:\n  ${missed.join("\n  ")}`);

if (linePct < minimum || branchPct < minimum) {
  console.error(`\ncoverage below ${minimum}%: lines ${linePct.toFixed(1)}%, branches ${branchPct.toFixed(1)}%`);
  process.exit(1);
}
console.log(`\ncoverage ok: lines ${linePct.toFixed(1)}%, branches ${branchPct.toFixed(1)}% (minimum ${minimum}%)`);
