/**
 * The load generator: `wrk` (C, one event-loop thread) in a process of its own, so that what the
 * benchmark measures is the server and not a load generator's JavaScript and garbage collector
 * sharing its cores. A closed loop: each connection sends its next request once the previous
 * answer is read, for `seconds`. The paths cycle through a list (`paths.lua`). Installs
 * Debian's wrk when it is missing (needs root or password-less sudo).
 */
import { execFile, spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const script = fileURLToPath(new URL("./paths.lua", import.meta.url));

export interface LoadPlan {
  /** Paths asked in turn. */
  routes: string[];
  /** One wrk process per server, each with its share of the connections, all at once. */
  baseUrls: string[];
  seconds: number;
  connections: number;
}

/** What one wrk process saw (its `done` line: microseconds). */
interface WrkSummary {
  requests: number;
  durationUs: number;
  p50Us: number;
  p99Us: number;
  maxUs: number;
  errors: Record<"connect" | "read" | "write" | "status" | "timeout", number>;
  /** Answers whose latency wrk recorded (all but those that timed out). */
  recorded: number;
  /** The slowest answers' latencies (the top 5% by rank), slowest first. */
  tailUs: number[];
}

export interface LoadResult {
  requests: number;
  seconds: number;
  /**
   * Percentiles in ms. With several servers, the highest of their percentiles: an upper bound
   * of the percentile over all requests (at most 1% of each server's answers are slower than
   * its p99, so at most 1% of all of them are slower than the highest p99).
   */
  p50Ms: number;
  p99Ms: number;
  /**
   * The 99th percentile over all requests of every server, merged from each wrk's slowest
   * answers (over wrk's latency histograms, which wrk corrects for coordinated omission; equal
   * to p99Ms with one server).
   */
  p99MsOverAll: number;
  maxMs: number;
  failures: string[];
  /** Each server's own figures. */
  perServer: { url: string; requests: number; p50Ms: number; p99Ms: number; maxMs: number }[];
  /** The tool, as the table names it. */
  tool: string;
}

let version: string | undefined;

/** wrk's version line, after installing it when it is missing. */
export function ensureWrk(): string {
  if (version) return version;
  const probe = () => spawnSync("wrk", ["--version"], { encoding: "utf8" });
  let found = probe();
  if (found.error) {
    console.error("bench: installing Debian's wrk (the HTTP load generator)");
    const sudo = process.getuid?.() === 0 ? [] : ["sudo", "-n"];
    const apt = (args: string[]) => {
      const [command, ...rest] = [...sudo, "env", "DEBIAN_FRONTEND=noninteractive", ...args];
      const done = spawnSync(command, rest, { stdio: ["ignore", "ignore", "inherit"] });
      if (done.status !== 0) throw new Error(`${args.join(" ")} failed (exit ${done.status})`);
    };
    apt(["apt-get", "update", "-qq"]);
    apt(["apt-get", "install", "-y", "-qq", "wrk"]);
    found = probe();
    if (found.error) throw new Error(`wrk is still missing: ${found.error.message}`);
  }
  // wrk prints its version (and then its usage) and exits 1.
  version = `${found.stdout}${found.stderr}`.split("\n")[0].split(" Copyright")[0].trim();
  return version;
}

/**
 * The `p`th percentile (p >= 95) over all the answers of several wrk processes: the answer at
 * rank ceil(p% of all) counted from the fastest, found among the slowest answers each process
 * listed. Fails when a process listed too few of them for the rank to be among them (a process
 * that served much less than the others), rather than answer something else.
 */
export function mergedPercentile(summaries: Pick<WrkSummary, "recorded" | "tailUs">[], p: number) {
  const total = summaries.reduce((sum, s) => sum + s.recorded, 0);
  if (total === 0) throw new Error("no answers were recorded");
  const fromSlowest = total - Math.ceil((p / 100) * total) + 1;
  for (const s of summaries) {
    if (s.tailUs.length < Math.min(fromSlowest, s.recorded)) {
      throw new Error(
        `cannot merge p${p}: a load process listed ${s.tailUs.length} of its ${s.recorded} ` +
          `answers, fewer than the ${fromSlowest} slowest of all that the rank needs`,
      );
    }
  }
  const slowest = summaries.flatMap((s) => s.tailUs).sort((a, b) => b - a);
  return slowest[fromSlowest - 1];
}

/** Splits `total` connections over `parts` servers as evenly as possible. */
function shares(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor((total + i) / parts));
}

/** Runs `plan`: one wrk per server, at once; fails when wrk does. */
export async function wrkLoad(plan: LoadPlan): Promise<LoadResult> {
  const tool = ensureWrk();
  const dir = await mkdtemp(path.join(os.tmpdir(), "spin-bench-wrk-"));
  try {
    const list = path.join(dir, "paths.txt");
    await writeFile(list, `${plan.routes.join("\n")}\n`);
    const connections = shares(plan.connections, plan.baseUrls.length);
    const summaries = await Promise.all(
      plan.baseUrls.map(async (url, i) => {
        const args = [
          ...["-t", "1", "-c", String(connections[i]), "-d", `${plan.seconds}s`],
          ...["--timeout", "10s", "-s", script, url, "--", list],
          // Each process starts at its own place in the list.
          String(Math.floor((i * plan.routes.length) / plan.baseUrls.length)),
        ];
        const { stdout } = await run("wrk", args, { maxBuffer: 1 << 20 });
        const line = stdout.trim().split("\n").at(-1) ?? "";
        try {
          return { url, summary: JSON.parse(line) as WrkSummary };
        } catch {
          throw new Error(`wrk against ${url} printed no summary: ${stdout.slice(-500)}`);
        }
      }),
    );
    const failures = summaries.flatMap(({ url, summary }) =>
      Object.entries(summary.errors)
        .filter(([, count]) => count > 0)
        .map(([kind, count]) => `${url}: ${count} ${kind} errors`),
    );
    const highest = (pick: (s: WrkSummary) => number) =>
      Math.max(...summaries.map(({ summary }) => pick(summary))) / 1000;
    return {
      requests: summaries.reduce((sum, { summary }) => sum + summary.requests, 0),
      seconds: highest((s) => s.durationUs) / 1000,
      p50Ms: highest((s) => s.p50Us),
      p99Ms: highest((s) => s.p99Us),
      p99MsOverAll:
        mergedPercentile(
          summaries.map(({ summary }) => summary),
          99,
        ) / 1000,
      maxMs: highest((s) => s.maxUs),
      failures,
      perServer: summaries.map(({ url, summary }) => ({
        url,
        requests: summary.requests,
        p50Ms: summary.p50Us / 1000,
        p99Ms: summary.p99Us / 1000,
        maxMs: summary.maxUs / 1000,
      })),
      tool,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
