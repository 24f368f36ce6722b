/**
 * `npm run bench:indexer`: mines at least BENCH_EVENTS (default 50,000) events on a local anvil
 * node, then measures, on PGlite and on PostgreSQL: backfill events/s, live lag p50/p99
 * (block mined -> committed), licence-check latency p50/p99 under 50 concurrent connections
 * (the load generated in a worker thread; with the answer cache, as served, and without it),
 * and peak memory. Writes bench/results/indexer.json.
 */
import { mkdir, rm, writeFile, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { network } from "hardhat";
import { startIndexer, type Indexer, type IndexerConfigInput } from "../../indexer/src/index.ts";
import { spinContracts } from "../../test/mocha/indexer/helpers/indexer.ts";
import { createTestDatabase } from "../../test/mocha/indexer/helpers/store.ts";
import { startAnvil } from "../../scripts/chain/anvil.ts";
import { freePort } from "../../scripts/lib/net.ts";
import { getAddress, keccak256, toBytes } from "viem";
import { loadInWorker } from "./load.ts";
import { deployWithWorks, mineTransfers } from "./workload.ts";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 50_000);
const LIVE_BLOCKS = 200;
const CONNECTIONS = 50;
const CHECKS = 20_000;
const WARM_UP = 5_000;

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const round = (n: number) => Math.round(n * 100) / 100;

// The chain runs in its own process, as a node does: the indexer shares nothing with it but HTTP.
const anvil = await startAnvil({ port: await freePort(), accounts: 20 });
const connection = await network.create({ network: "local", override: { url: anvil.url } });
const startBlock = (await connection.ethers.provider.getBlockNumber()) + 1;
const { spin, workIds } = await deployWithWorks(connection);
const generationStarted = Date.now();
await mineTransfers(connection, spin, EVENTS, 200);
console.log(
  `mined ${EVENTS} transfers in ${((Date.now() - generationStarted) / 1000).toFixed(1)} s`,
);
const contracts = await spinContracts(spin, startBlock);
const chainId = Number((await connection.ethers.provider.getNetwork()).chainId);

async function waitForBlock(indexer: Indexer, block: number): Promise<void> {
  while ((indexer.sync.status.indexedBlock ?? -1) < block) {
    const { phase, fatalError } = indexer.sync.status;
    if (phase === "failed") throw new Error(`the indexer stopped: ${fatalError}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function measureBackfill(indexer: Indexer) {
  const head = await connection.ethers.provider.getBlockNumber();
  const started = performance.now();
  await waitForBlock(indexer, head);
  const seconds = (performance.now() - started) / 1000;
  const events = indexer.sync.status.eventsTotal;
  return { events, seconds: round(seconds), eventsPerSecond: Math.round(events / seconds) };
}

async function measureLiveLag(indexer: Indexer) {
  const lags: number[] = [];
  // Every commit's last block and time; a commit may cover several blocks.
  const commits: { toBlock: number; at: number }[] = [];
  indexer.sync.activity.on("activity", (a) => {
    if (a.type === "events") commits.push({ toBlock: a.toBlock, at: performance.now() });
  });
  const [from, to] = [spin.firm.address, spin.firm2.address];
  for (let i = 0; i < LIVE_BLOCKS; i++) {
    const tx = await spin.coin
      .connect(i % 2 ? spin.firm : spin.firm2)
      .transfer(i % 2 ? to : from, 1n);
    // anvil mines the block before it answers the send.
    const mined = performance.now();
    const block = (await tx.wait())!.blockNumber;
    let commit;
    while (!(commit = commits.find((c) => c.toBlock >= block))) {
      await new Promise((r) => setTimeout(r, 1));
    }
    lags.push(Math.max(0, commit.at - mined));
    commits.length = 0;
  }
  return {
    blocks: LIVE_BLOCKS,
    p50Ms: round(percentile(lags, 50)),
    p99Ms: round(percentile(lags, 99)),
  };
}

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

async function loadChecks(url: string, routes: string[], requests: number) {
  const load = await loadInWorker({ routes, baseUrl: url, requests, connections: CONNECTIONS });
  if (load.failures.length > 0) {
    throw new Error(`licence checks failed: ${load.failures.slice(0, 3).join("; ")}`);
  }
  return {
    requests,
    p50Ms: round(percentile(load.latenciesMs, 50)),
    p99Ms: round(percentile(load.latenciesMs, 99)),
    maxMs: round(Math.max(...load.latenciesMs)),
    requestsPerSecond: Math.round(requests / load.seconds),
  };
}

/**
 * First every distinct question once (the cold pass: nothing kept yet, code not yet optimised),
 * then WARM_UP unmeasured questions, then CHECKS questions cycling through them (the steady
 * state), each under CONNECTIONS concurrent clients.
 */
async function measureLicenceCheck(url: string) {
  const routes = await licenceCheckRoutes(url);
  const coldPass = await loadChecks(url, routes, routes.length);
  await loadChecks(url, routes, WARM_UP);
  const steady = await loadChecks(url, routes, CHECKS);
  return {
    distinctQuestions: routes.length,
    connections: CONNECTIONS,
    warmUpRequests: WARM_UP,
    ...steady,
    coldPass,
  };
}

const results: Record<string, unknown> = {};
for (const kind of ["pglite", "postgres"] as const) {
  const database = await createTestDatabase(kind);
  const contentDir = await mkdtemp(path.join(os.tmpdir(), "spin-bench-content-"));
  const config: IndexerConfigInput = {
    rpcUrl: anvil.url,
    chainId,
    contracts,
    database: database.target,
    contentDir,
    server: { host: "127.0.0.1", port: 0 },
    finalityDepth: 0,
    pollIntervalMs: 20,
    log: "silent",
  };
  peakRss = process.memoryUsage().rss;
  const opened = performance.now();
  const indexer = await startIndexer(config);
  const openSeconds = (performance.now() - opened) / 1000;
  const backfill = await measureBackfill(indexer);
  console.log(kind, "backfill", backfill);
  const liveLag = await measureLiveLag(indexer);
  console.log(kind, "live lag", liveLag);
  const licenceCheck = await measureLicenceCheck(indexer.url!);
  console.log(kind, "licence check", licenceCheck);
  await indexer.stop();
  // The same store, reopened with the answer cache off: every check is a database query.
  const uncached = await startIndexer({ ...config, licenceCheckCacheEntries: 0 });
  await waitForBlock(uncached, await connection.ethers.provider.getBlockNumber());
  const licenceCheckUncached = await measureLicenceCheck(uncached.url!);
  console.log(kind, "licence check, no cache", licenceCheckUncached);
  results[kind] = {
    storeOpenSeconds: round(openSeconds),
    backfill,
    liveLag,
    licenceCheck,
    licenceCheckUncached,
    peakRssMiB: Math.round(peakRss / 2 ** 20),
  };
  await uncached.stop();
  await database.drop();
  await rm(contentDir, { recursive: true, force: true });
}
clearInterval(sampler);
await connection.close();
await anvil.stop();

const report = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, node: process.version },
  chain: "anvil in its own process, the indexer reading it over local HTTP JSON-RPC",
  eventsMined: EVENTS,
  goals: { backfillEventsPerSecond: 5_000, liveLagP99Ms: 500, licenceCheckP99Ms: 10 },
  note: "peak memory is the benchmark process's RSS (the indexer, its API and the load thread)",
  results,
};
const out = new URL("../results/indexer.json", import.meta.url);
await mkdir(new URL(".", out), { recursive: true });
await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(JSON.stringify(report, null, 2));
