/**
 * `npm run bench:indexer`: anvil in its own process holds BENCH_EVENTS (default 50,000) coin
 * transfers plus registrations and purchases; the indexer's command line runs against it as
 * deployed, each time a process of its own started cold, on PGlite and on PostgreSQL. Measures:
 * - cold start: spawn to the first HTTP answer, to the first answer from the store, and to the
 *   chain's head indexed (the backfill rate as a process, and per CPU second of the process);
 *   on PGlite both for the first store on a machine (it builds the store template) and later;
 * - licence checks under 50 concurrent connections, without kept answers and with them, beside
 *   /health under the same load (what the machine and the HTTP stack allow at that moment); the
 *   load comes from wrk, a C load generator in a process of its own (`wrk.ts`), so that the
 *   figures are the server's and not a JavaScript client's sharing the same cores;
 * - two API processes over one PostgreSQL (one syncing, one --read-only) under the same load
 *   while purchases are mined, and the time from a purchase's block to its record being
 *   answered by both.
 * Prints the table and writes bench/results/indexer.json. BENCH_INDEXER_NODE_ARGS passes options
 * to node for every indexer process (e.g. "--cpu-prof --cpu-prof-dir=DIR" to profile them).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { network } from "hardhat";
import { writeAddressBook } from "@spin/shared/node";
import { getAddress, keccak256, toBytes } from "viem";
import { startAnvil } from "../../scripts/chain/anvil.ts";
import { freePort } from "../../scripts/lib/net.ts";
import { addressBookFor, spinContracts } from "../../test/mocha/indexer/helpers/indexer.ts";
import { createTestDatabase } from "../../test/mocha/indexer/helpers/store.ts";
import { buy } from "../../test/mocha/works/fixture.ts";
import { checkLatency, coldStart, latency, percentile, round, visibleAfter } from "./measure.ts";
import { startIndexerProcess, type IndexerProcessOptions } from "./process.ts";
import { formatTable, type Row } from "./table.ts";
import { ensureWrk } from "./wrk.ts";
import { countEvents, deployWithWorks, mineTransfers } from "./workload.ts";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 50_000);
const CONNECTIONS = 50;
/** Seconds of load per measurement, and of unmeasured warm-up before the first. */
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 5);
const WARM_UP_SECONDS = 2;
const PURCHASES = 10;
const goals = {
  firstAnswerMs: 2_000,
  backfillEventsPerSecond: 10_000,
  licenceCheckP99Ms: 10,
  purchaseVisibleMs: 500,
};
const loadBefore = os.loadavg();
/**
 * Linux's autogroup scheduling (on: each session is a group with an equal share of the CPUs;
 * every PostgreSQL backend starts a session of its own), or null where there is no such setting.
 * It moves the two-process tail: docs/indexer.md, "Two API processes".
 */
const autogroup = await readFile("/proc/sys/kernel/sched_autogroup_enabled", "utf8").then(
  (text) => text.trim() === "1",
  () => null,
);

// The chain runs in its own process, as a node does: the indexer shares nothing with it but HTTP.
const anvil = await startAnvil({ port: await freePort(), accounts: 20 });
const connection = await network.create({ network: "local", override: { url: anvil.url } });
const startBlock = (await connection.ethers.provider.getBlockNumber()) + 1;
const { spin, workIds } = await deployWithWorks(connection);
const generationStarted = Date.now();
await mineTransfers(anvil.url, connection, spin, EVENTS, 200);
const head = await connection.ethers.provider.getBlockNumber();
const contracts = await spinContracts(spin, startBlock);
const chainId = Number((await connection.ethers.provider.getNetwork()).chainId);
const events = await countEvents(anvil.url, contracts, startBlock, head);
console.log(
  `mined ${EVENTS} transfers (${events} events up to block ${head}) in ` +
    `${((Date.now() - generationStarted) / 1000).toFixed(1)} s`,
);
const scratch = await mkdtemp(path.join(os.tmpdir(), "spin-bench-indexer-"));
const deploymentsDir = path.join(scratch, "deployments");
await writeAddressBook(addressBookFor(chainId, contracts), deploymentsDir);

/**
 * The licence-check routes the load cycles through: every known account and 45 strangers,
 * against every work by id and by content hash and two unknown works, in a fixed shuffled order.
 */
async function licenceCheckRoutes(url: string): Promise<string[]> {
  const accounts = [spin.firm, spin.firm2, spin.alice, spin.coop, spin.stranger].map(
    (s) => s.address,
  );
  for (let i = 1; i <= 45; i++)
    accounts.push(getAddress(keccak256(toBytes(`stranger ${i}`)).slice(0, 42)));
  const refs: string[] = [];
  for (const workId of workIds) {
    const work = (await (await fetch(`${url}/works/${workId}`)).json()) as { content_hash: string };
    refs.push(`workId=${workId}`, `contentHash=${work.content_hash}`);
  }
  refs.push(`workId=${workIds.length + 1000}`, `workId=${workIds.length + 1001}`);
  const routes = accounts.flatMap((a) => refs.map((r) => `/licences/check?account=${a}&${r}`));
  let seed = 0x5350494e;
  for (let i = routes.length - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = seed % (i + 1);
    [routes[i], routes[j]] = [routes[j], routes[i]];
  }
  return routes;
}

const firstCheck = `/licences/check?account=${spin.firm.address}&workId=${workIds[0]}`;
const nodeArgs = (process.env.BENCH_INDEXER_NODE_ARGS ?? "").split(" ").filter(Boolean);
const options = (store: IndexerProcessOptions["store"]): IndexerProcessOptions => ({
  rpcUrl: anvil.url,
  chainId,
  deploymentsDir,
  store,
  nodeArgs,
});
const load = { warmUpSeconds: WARM_UP_SECONDS, seconds: LOAD_SECONDS, connections: CONNECTIONS };
const loadTool = `${ensureWrk()} in its own process, ${CONNECTIONS} connections, ${LOAD_SECONDS} s a measure`;

/** Cold start on a new store, then its checks with kept answers (as served by default). */
async function firstRun(store: IndexerProcessOptions["store"]) {
  const indexer = await startIndexerProcess(options(store));
  try {
    const cold = await coldStart(indexer, firstCheck, head, events);
    const routes = await licenceCheckRoutes(indexer.url);
    const cached = await checkLatency([indexer.url], routes, load);
    return { cold, cached, routes, peakRssMiB: await indexer.peakRssMiB() };
  } finally {
    await indexer.stop();
  }
}

/** A restart on the filled store with kept answers off: every check reads the store. */
async function uncachedRun(store: IndexerProcessOptions["store"], routes: string[]) {
  const indexer = await startIndexerProcess({ ...options(store), cacheEntries: 0 });
  try {
    const restart = await coldStart(indexer, firstCheck, head, 0);
    const uncached = await checkLatency([indexer.url], routes, load);
    return { restart, uncached };
  } finally {
    await indexer.stop();
  }
}

/** One purchase by an enterprise of a paying work: its check route and record id, once mined. */
let purchases = 0;
async function purchase() {
  const buyer = purchases % 2 === 0 ? spin.firm : spin.firm2;
  const workId = purchases % 4 < 2 ? workIds[0] : workIds[3];
  purchases += 1;
  await (await buy(spin, buyer, workId)).wait();
  const status = await spin.licensing.licenceStatus(workId, buyer.address);
  return {
    route: `/licences/check?account=${buyer.address}&workId=${workId}`,
    recordId: Number(status.recordId),
  };
}

/** Two API processes over one PostgreSQL store: the syncing one and a read-only follower. */
async function twoProcesses(databaseUrl: string, routes: string[]) {
  const writer = await startIndexerProcess(options({ databaseUrl }));
  const follower = await startIndexerProcess({ ...options({ databaseUrl }), readOnly: true });
  try {
    await coldStart(writer, firstCheck, head, 0);
    await coldStart(follower, firstCheck, head, 0);
    const urls = [writer.url, follower.url];
    await latency(urls, routes, WARM_UP_SECONDS, CONNECTIONS);
    // Purchases keep landing while the load runs: every kept answer they change is dropped.
    const whileBuying = async <T>(measure: () => Promise<T>) => {
      let loading = true;
      let bought = 0;
      const buying = (async () => {
        while (loading) {
          await purchase();
          bought += 1;
          await new Promise((r) => setTimeout(r, 250));
        }
      })();
      try {
        return { result: await measure(), bought };
      } finally {
        loading = false;
        await buying;
      }
    };
    const { result: checks, bought: purchasesDuringLoad } = await whileBuying(() =>
      latency(urls, routes, LOAD_SECONDS, CONNECTIONS),
    );
    const { result: health } = await whileBuying(() =>
      latency(urls, ["/health"], LOAD_SECONDS, CONNECTIONS),
    );
    const visible: number[] = [];
    for (let i = 0; i < PURCHASES; i++) visible.push(await visibleAfter(urls, purchase));
    return {
      checks,
      health,
      p99OverHealth: round(checks.p99MsOverAll / health.p99MsOverAll),
      purchasesDuringLoad,
      purchaseVisibleMs: {
        purchases: PURCHASES,
        p50: round(percentile(visible, 50)),
        max: round(Math.max(...visible)),
        all: visible,
      },
    };
  } finally {
    await follower.stop();
    await writer.stop();
  }
}

const templateDir = path.join(scratch, "pglite-templates");
const pgliteFirst = await firstRun({ dataDir: path.join(scratch, "a"), templateDir });
console.log("pglite, first store on this machine", pgliteFirst.cold);
const pgliteStore = { dataDir: path.join(scratch, "b"), templateDir };
const pgliteRun = await firstRun(pgliteStore);
console.log("pglite", pgliteRun.cold, pgliteRun.cached);
const pgliteUncached = await uncachedRun(pgliteStore, pgliteRun.routes);
console.log("pglite, no kept answers", pgliteUncached.uncached);

const database = await createTestDatabase("postgres");
const databaseUrl = (database.target as { connectionString: string }).connectionString;
const postgresRun = await firstRun({ databaseUrl });
console.log("postgres", postgresRun.cold, postgresRun.cached);
const postgresUncached = await uncachedRun({ databaseUrl }, postgresRun.routes);
console.log("postgres, no kept answers", postgresUncached.uncached);
const two = await twoProcesses(databaseUrl, postgresRun.routes);
console.log("two processes", two);
await database.drop();

await rm(scratch, { recursive: true, force: true });
await connection.close();
await anvil.stop();

const both = (pick: (run: typeof pgliteRun & typeof pgliteUncached) => number) => ({
  pglite: pick({ ...pgliteRun, ...pgliteUncached }),
  postgres: pick({ ...postgresRun, ...postgresUncached }),
});
const rows: Row[] = [
  {
    measure: "cold start: first HTTP answer (/health)",
    ...both((r) => r.cold.firstAnswerMs),
    unit: "ms",
    goal: { max: goals.firstAnswerMs },
  },
  {
    measure: "cold start: first answer from the store",
    ...both((r) => r.cold.firstStoreAnswerMs),
    unit: "ms",
  },
  {
    measure: "  first store on the machine (builds the template)",
    pglite: pgliteFirst.cold.firstStoreAnswerMs,
    postgres: null,
    unit: "ms",
  },
  {
    measure: "restart: first answer from the store",
    ...both((r) => r.restart.firstStoreAnswerMs),
    unit: "ms",
  },
  {
    measure: `backfill as a process, spawn to last event (${events} events)`,
    ...both((r) => r.cold.eventsPerSecond),
    unit: "ev/s",
    goal: { min: goals.backfillEventsPerSecond },
  },
  {
    measure: "  from the first store answer to the last event",
    ...both((r) => r.cold.eventsPerSecondOnceOpen),
    unit: "ev/s",
  },
  {
    measure: "  per CPU second of the indexer process",
    ...both((r) => r.cold.eventsPerCpuSecond),
    unit: "ev/s",
  },
  {
    measure: `licence check, no kept answers, p50 @${CONNECTIONS}`,
    ...both((r) => r.uncached.checks.p50Ms),
    unit: "ms",
  },
  {
    measure: `licence check, no kept answers, p99 @${CONNECTIONS}`,
    ...both((r) => r.uncached.checks.p99Ms),
    unit: "ms",
    goal: { max: goals.licenceCheckP99Ms },
  },
  {
    measure: "  /health p99 under the same load",
    ...both((r) => r.uncached.health.p99Ms),
    unit: "ms",
  },
  {
    measure: "  ratio to /health p99",
    ...both((r) => r.uncached.p99OverHealth),
    unit: "x",
  },
  {
    measure: `licence check, kept answers, p99 @${CONNECTIONS}`,
    ...both((r) => r.cached.checks.p99Ms),
    unit: "ms",
  },
  {
    measure: `two API processes, kept answers, p99 over all requests @${CONNECTIONS}`,
    pglite: null,
    postgres: two.checks.p99MsOverAll,
    unit: "ms",
    goal: { max: goals.licenceCheckP99Ms },
  },
  {
    measure: "  syncing process's own p99 (25 connections)",
    pglite: null,
    postgres: two.checks.p99MsPerServer[0],
    unit: "ms",
  },
  {
    measure: "  read-only process's own p99 (25 connections)",
    pglite: null,
    postgres: two.checks.p99MsPerServer[1],
    unit: "ms",
  },
  {
    measure: "  /health p99 of both under the same load, over all requests",
    pglite: null,
    postgres: two.health.p99MsOverAll,
    unit: "ms",
  },
  {
    measure: "  ratio to /health p99",
    pglite: null,
    postgres: two.p99OverHealth,
    unit: "x",
  },
  {
    measure: "purchase visible in both processes, max",
    pglite: null,
    postgres: two.purchaseVisibleMs.max,
    unit: "ms",
    goal: { max: goals.purchaseVisibleMs },
  },
  {
    measure: "indexer peak memory",
    ...both((r) => r.peakRssMiB),
    unit: "MiB",
  },
];
const table = formatTable(rows);
console.log(
  `\nload: ${loadTool} (two API processes: 25 each; p99 over all their requests, merged, and each one's own)\n` +
    `scheduler: Linux autogroup ${autogroup === null ? "not present" : autogroup ? "on" : "off"}\n${table}\n`,
);

const report = {
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    node: process.version,
    loadAverageBefore: loadBefore.map(round),
    loadAverageAfter: os.loadavg().map(round),
    autogroup,
  },
  chain: "anvil in its own process, the indexer's command line in its own, over local HTTP",
  load: loadTool,
  eventsMined: EVENTS,
  events,
  goals,
  table,
  results: {
    pglite: {
      firstStoreOnMachine: pgliteFirst.cold,
      cold: pgliteRun.cold,
      restart: pgliteUncached.restart,
      licenceCheck: pgliteRun.cached,
      licenceCheckUncached: pgliteUncached.uncached,
      peakRssMiB: pgliteRun.peakRssMiB,
    },
    postgres: {
      cold: postgresRun.cold,
      restart: postgresUncached.restart,
      licenceCheck: postgresRun.cached,
      licenceCheckUncached: postgresUncached.uncached,
      twoProcesses: two,
      peakRssMiB: postgresRun.peakRssMiB,
    },
  },
};
const out = new URL("../results/indexer.json", import.meta.url);
await mkdir(new URL(".", out), { recursive: true });
await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
