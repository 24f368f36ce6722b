/**
 * `npm run bench:indexer`: mines at least BENCH_EVENTS (default 50,000) events on a local anvil
 * node, then measures, on PGlite and on PostgreSQL: backfill events/s, live lag p50/p99
 * (block mined -> committed), licence-check latency p50/p99 under 50 concurrent connections
 * (the indexer's command line in its own process, the load generated in a worker thread; with
 * the answer cache, as served, and without it), and peak memory. Writes bench/results/indexer.json.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, rm, writeFile, mkdtemp } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { writeAddressBook } from "@spin/shared/node";
import os from "node:os";
import path from "node:path";
import { network } from "hardhat";
import { startIndexer, type Indexer, type IndexerConfigInput } from "../../indexer/src/index.ts";
import { addressBookFor, spinContracts } from "../../test/mocha/indexer/helpers/indexer.ts";
import { createTestDatabase } from "../../test/mocha/indexer/helpers/store.ts";
import { startAnvil } from "../../scripts/chain/anvil.ts";
import { freePort, waitForUrl } from "../../scripts/lib/net.ts";
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
await mineTransfers(anvil.url, connection, spin, EVENTS, 200);
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

/**
 * The indexer's own command line, as it is deployed: a process of its own (without this
 * benchmark's Hardhat runtime in its heap) on the store the in-process run filled.
 */
async function startIndexerProcess(
  store: { dataDir: string } | { databaseUrl: string },
  cacheEntries: number | null,
): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const args = [
    indexerMain,
    ...["--rpc", anvil.url, "--chain-id", String(chainId), "--port", String(port)],
    ...["--deployments-dir", deploymentsDir, "--finality-depth", "0", "--log", "silent"],
    ...("dataDir" in store ? ["--data-dir", store.dataDir] : []),
    ...(cacheEntries === null ? [] : ["--licence-cache-entries", String(cacheEntries)]),
  ];
  const env = { ...process.env };
  delete env.DATABASE_URL;
  if ("databaseUrl" in store) env.DATABASE_URL = store.databaseUrl;
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const url = `http://127.0.0.1:${port}`;
  const head = await connection.ethers.provider.getBlockNumber();
  await waitForUrl(`${url}/health`, {
    timeoutMs: 120_000,
    gone: () => (child.exitCode === null ? undefined : `exited ${child.exitCode}: ${stderr}`),
  });
  for (;;) {
    const health = (await (await fetch(`${url}/health`)).json()) as { indexedBlock: number };
    if ((health.indexedBlock ?? -1) >= head) break;
    if (child.exitCode !== null) throw new Error(`the indexer exited: ${stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}

const indexerMain = fileURLToPath(new URL("../../indexer/src/main.ts", import.meta.url));
const deploymentsDir = await mkdtemp(path.join(os.tmpdir(), "spin-bench-deployments-"));
await writeAddressBook(addressBookFor(chainId, contracts), deploymentsDir);

const results: Record<string, unknown> = {};
for (const kind of ["pglite", "postgres"] as const) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "spin-bench-indexer-"));
  const database = kind === "postgres" ? await createTestDatabase(kind) : null;
  const config: IndexerConfigInput = {
    rpcUrl: anvil.url,
    chainId,
    contracts,
    // The command line keeps PGlite's data under <data dir>/pglite: the same store.
    database: database?.target ?? { kind: "pglite", dataDir: path.join(dataDir, "pglite") },
    contentDir: path.join(dataDir, "content"),
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
  await indexer.stop();
  const store =
    database?.target.kind === "postgres"
      ? { databaseUrl: database.target.connectionString }
      : { dataDir };
  const served = await startIndexerProcess(store, null);
  const licenceCheck = await measureLicenceCheck(served.url);
  console.log(kind, "licence check", licenceCheck);
  await served.stop();
  // The same store, with the answer cache off: every check is a database query.
  const uncached = await startIndexerProcess(store, 0);
  const licenceCheckUncached = await measureLicenceCheck(uncached.url);
  console.log(kind, "licence check, no cache", licenceCheckUncached);
  await uncached.stop();
  results[kind] = {
    storeOpenSeconds: round(openSeconds),
    backfill,
    liveLag,
    licenceCheck,
    licenceCheckUncached,
    peakRssMiB: Math.round(peakRss / 2 ** 20),
  };
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
}
await rm(deploymentsDir, { recursive: true, force: true });
clearInterval(sampler);
await connection.close();
await anvil.stop();

const report = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, node: process.version },
  chain: "anvil in its own process, the indexer reading it over local HTTP JSON-RPC",
  eventsMined: EVENTS,
  goals: { backfillEventsPerSecond: 5_000, liveLagP99Ms: 500, licenceCheckP99Ms: 10 },
  note: "peak memory is the benchmark process's RSS while it backfills and follows the chain in-process; the licence check runs against `node indexer/src/main.ts` in its own process",
  results,
};
const out = new URL("../results/indexer.json", import.meta.url);
await mkdir(new URL(".", out), { recursive: true });
await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(JSON.stringify(report, null, 2));
