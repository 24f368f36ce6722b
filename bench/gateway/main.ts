/**
 * `npm run bench:gateway`: can one abusive client starve the others? 200 clients on loopback,
 * each on its own 127.0.0.x address: 199 well-behaved (one request at a time, about two a
 * second each) and one abuser flooding over 64 connections. The gateway runs as deployed
 * (`node gateway/src/main.ts`, its own process, default settings) in front of anvil (its own
 * process). Four runs in this process, repeated in BENCH_ROUNDS (default 3) interleaved rounds:
 *
 *   node alone       the 199 straight to anvil, no gateway: what this machine gives anyone
 *   reference        the 199 alone through the gateway: nobody abusing it
 *   flood            the 199 and the abuser, default limits: the goal is p99 < 50 ms
 *   flood, no limits the same with the per-client limits switched off: what the limits buy
 *
 * Prints a table of medians over the rounds and writes bench/results/gateway.json. Bounded: every
 * run stops after BENCH_SECONDS (default 10), and nothing leaves 127.0.0.0/8.
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startAnvil } from "../../scripts/chain/anvil.ts";
import { freePort, waitForUrl } from "../../scripts/lib/net.ts";
import { floodInWorker, politeClients, type PoliteResult } from "./load.ts";
import { percentile, round, summary, table, type RunResult } from "./report.ts";

const CLIENTS = 200;
const ABUSER_CONNECTIONS = 64;
const POLITE_INTERVAL_MS = 500;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARM_UP_MS = 2_000;
const GOAL_P99_MS = 50;
const ACCOUNT = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const ABUSER_ADDRESS = "127.0.0.250";
/** 127.0.0.2 … 127.0.0.200: the well-behaved clients. */
const POLITE_ADDRESSES = Array.from({ length: CLIENTS - 1 }, (_, i) => `127.0.0.${i + 2}`);

const root = path.resolve(import.meta.dirname, "../..");

type GatewayProcess = {
  url: string;
  logLines: () => number;
  stop(): Promise<void>;
};

/** The gateway as `npm run gateway` runs it, with `settings` in a config file. */
async function startGatewayProcess(
  upstream: string,
  settings: object,
  dir: string,
): Promise<GatewayProcess> {
  const port = await freePort();
  const config = path.join(dir, `gateway-${port}.json`);
  await writeFile(config, JSON.stringify({ upstream, port, ...settings }));
  const child = spawn(
    process.execPath,
    [path.join(root, "gateway/src/main.ts"), "--config", config],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let lines = 0;
  child.stderr!.on(
    "data",
    (chunk: Buffer) => (lines += chunk.toString("utf8").split("\n").length - 1),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForUrl(`${url}/metrics`, {
    timeoutMs: 30_000,
    gone: () => (child.exitCode !== null ? "it exited" : undefined),
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url,
    logLines: () => lines,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** spin_gateway_refusals_total by reason, read from the gateway's /metrics. */
async function refusalsOf(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const refusals: Record<string, number> = {};
  for (const [, reason, count] of text.matchAll(
    /^spin_gateway_refusals_total\{reason="(\w+)"\} (\d+)$/gm,
  )) {
    if (Number(count) > 0) refusals[reason] = Number(count);
  }
  return refusals;
}

async function run(
  name: string,
  upstream: string,
  settings: object | "no gateway",
  abuse: boolean,
  dir: string,
): Promise<RunResult> {
  // Straight to the node: what this machine gives anyone, the floor of every other run.
  const gateway: GatewayProcess =
    settings === "no gateway"
      ? { url: upstream, logLines: () => 0, stop: async () => {} }
      : await startGatewayProcess(upstream, settings, dir);
  try {
    const durationMs = SECONDS * 1000;
    const abuser = abuse
      ? floodInWorker({
          url: gateway.url,
          localAddress: ABUSER_ADDRESS,
          connections: ABUSER_CONNECTIONS,
          durationMs,
          account: ACCOUNT,
        })
      : Promise.resolve(null);
    const polite: PoliteResult = await politeClients({
      url: gateway.url,
      localAddresses: POLITE_ADDRESSES,
      intervalMs: POLITE_INTERVAL_MS,
      durationMs,
      warmUpMs: WARM_UP_MS,
      account: ACCOUNT,
    });
    const flood = await abuser;
    return {
      run: name,
      clients: POLITE_ADDRESSES.length + (abuse ? 1 : 0),
      polite: {
        requests: polite.latenciesMs.length,
        refused: polite.refused,
        failed: polite.failed,
        p50Ms: round(percentile(polite.latenciesMs, 50)),
        p99Ms: round(percentile(polite.latenciesMs, 99)),
        maxMs: round(Math.max(...polite.latenciesMs)),
      },
      abuser: flood && {
        ...flood,
        seconds: round(flood.seconds),
        acceptedPerSecond: Math.round(flood.accepted / flood.seconds),
        refusedPerSecond: Math.round(flood.refused / flood.seconds),
      },
      gatewayRefusals: settings === "no gateway" ? {} : await refusalsOf(gateway.url),
      gatewayLogLines: gateway.logLines(),
    };
  } finally {
    await gateway.stop();
  }
}

const unlimited = {
  clientRatePerSecond: 1_000_000_000,
  clientBurst: 1_000_000_000,
  clientMaxInFlight: 1_000_000,
  clientMaxQueued: 1_000_000,
  clientMaxConnections: 100_000,
};
const plan: [string, object | "no gateway", boolean][] = [
  ["node alone", "no gateway", false],
  ["reference", {}, false],
  ["flood", {}, true],
  ["flood, no per-client limits", unlimited, true],
];

const loadBefore = os.loadavg().map(round);
const dir = await mkdtemp(path.join(os.tmpdir(), "spin-bench-gateway-"));
const anvil = await startAnvil({ port: await freePort() });
const rounds: RunResult[][] = plan.map(() => []);
try {
  // Rounds interleave the runs, so that a spell of load from elsewhere hits all of them alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, [name, settings, abuse]] of plan.entries()) {
      rounds[i].push(await run(name, anvil.url, settings, abuse, dir));
    }
  }
} finally {
  await anvil.stop();
  await rm(dir, { recursive: true, force: true });
}

const summaries = rounds.map(summary);
const [alone, reference, flood] = summaries;
const met = flood.p99Ms < GOAL_P99_MS && flood.politeRefusedOrFailed === 0;
console.log(
  `\nGateway under a flood: ${CLIENTS} clients on loopback, ${ROUNDS} rounds of ${SECONDS} s per run ` +
    `(medians over the rounds; load average ${loadBefore.join(" ")} before)\n`,
);
console.log(table(summaries));
console.log(
  `\nwell-behaved p99 with the abuser: ${flood.p99Ms} ms (goal < ${GOAL_P99_MS} ms: ${met ? "met" : "NOT met"}); ` +
    `${round(flood.p99Ms / reference.p99Ms)}x the reference run's ${reference.p99Ms} ms, ` +
    `${round(flood.p99Ms / alone.p99Ms)}x the node alone's ${alone.p99Ms} ms`,
);

const report = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, node: process.version },
  loadAverage: { before: loadBefore, after: os.loadavg().map(round) },
  setup:
    "anvil and the gateway (node gateway/src/main.ts, default settings) in their own processes; 199 well-behaved clients (one request at a time, 500 ms apart) in the benchmark's thread, the abuser (64 connections, closed loop) in a worker thread; each client bound to its own 127.0.0.x address",
  rounds: ROUNDS,
  secondsPerRun: SECONDS,
  warmUpSeconds: WARM_UP_MS / 1000,
  goals: { politeP99Ms: GOAL_P99_MS },
  met,
  p99RatioToReference: round(flood.p99Ms / reference.p99Ms),
  p99RatioToNodeAlone: round(flood.p99Ms / alone.p99Ms),
  summaries,
  runs: rounds,
};
const out = new URL("../results/gateway.json", import.meta.url);
await mkdir(new URL(".", out), { recursive: true });
await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
if (!met) process.exitCode = 1;
