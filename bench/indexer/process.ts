/**
 * The indexer's command line as the benchmark runs it: its own process, started cold, watched
 * from outside over HTTP (as an operator or a load balancer sees it), with its CPU time and
 * peak memory read from /proc where there is one.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { freePort } from "../../scripts/lib/net.ts";

const indexerMain = fileURLToPath(new URL("../../indexer/src/main.ts", import.meta.url));

export interface IndexerProcessOptions {
  rpcUrl: string;
  chainId: number;
  deploymentsDir: string;
  /** PGlite under this directory, or PostgreSQL at this URL. */
  store: { dataDir: string; templateDir: string } | { databaseUrl: string };
  cacheEntries?: number;
  readOnly?: boolean;
  /** Options for node itself, before the indexer's script (a profile, a GC trace). */
  nodeArgs?: string[];
}

export interface IndexerProcess {
  url: string;
  child: ChildProcess;
  /** Milliseconds since spawn. */
  since(): number;
  /** CPU seconds (user + system) the process used so far; NaN without /proc. */
  cpuSeconds(): Promise<number>;
  /** The process's peak resident memory in MiB; NaN without /proc. */
  peakRssMiB(): Promise<number>;
  /** What it wrote to stderr. */
  stderr(): string;
  stop(): Promise<void>;
}

const TICKS_PER_SECOND = 100;

export async function startIndexerProcess(options: IndexerProcessOptions): Promise<IndexerProcess> {
  const port = await freePort();
  const { store } = options;
  const args = [
    ...(options.nodeArgs ?? []),
    indexerMain,
    ...["--rpc", options.rpcUrl, "--chain-id", String(options.chainId), "--port", String(port)],
    ...["--deployments-dir", options.deploymentsDir, "--finality-depth", "0", "--log", "silent"],
    ...("dataDir" in store ? ["--data-dir", store.dataDir] : []),
    ...(options.cacheEntries === undefined
      ? []
      : ["--licence-cache-entries", String(options.cacheEntries)]),
    ...(options.readOnly ? ["--read-only"] : []),
  ];
  const env = { ...process.env };
  delete env.DATABASE_URL;
  if ("databaseUrl" in store) env.DATABASE_URL = store.databaseUrl;
  else env.SPIN_PGLITE_TEMPLATE_DIR = store.templateDir;
  const started = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"] });
  let output = "";
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const proc = async (file: string) => readFile(`/proc/${child.pid}/${file}`, "utf8");
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    since: () => performance.now() - started,
    async cpuSeconds() {
      try {
        const fields = (await proc("stat")).split(") ")[1].split(" ");
        return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
      } catch {
        return NaN;
      }
    },
    async peakRssMiB() {
      try {
        const peak = /VmHWM:\s+(\d+) kB/.exec(await proc("status"));
        return peak ? Math.round(Number(peak[1]) / 1024) : NaN;
      } catch {
        return NaN;
      }
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) {
        if (child.exitCode) throw new Error(`the indexer had exited ${child.exitCode}: ${output}`);
        return;
      }
      child.kill("SIGTERM");
      await once(child, "exit");
    },
    stderr: () => output,
  };
}

function exited(indexer: IndexerProcess): string | null {
  const { child } = indexer;
  return child.exitCode === null && child.signalCode === null
    ? null
    : `the indexer exited (${child.exitCode ?? child.signalCode}): ${indexer.stderr()}`;
}

/** Polls `url` until `accept` holds; returns the time since spawn. Fails if the process exits. */
export async function timeUntil(
  indexer: IndexerProcess,
  path: string,
  accept: (status: number, body: unknown) => boolean,
  timeoutMs = 600_000,
): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  let last = "nothing yet";
  for (;;) {
    const gone = exited(indexer);
    if (gone) throw new Error(gone);
    try {
      const response = await fetch(`${indexer.url}${path}`);
      const text = await response.text();
      last = `HTTP ${response.status} ${text.slice(0, 200)}`;
      const body = response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text;
      if (accept(response.status, body)) return indexer.since();
    } catch (error) {
      last = (error as Error).message;
    }
    if (performance.now() > deadline) throw new Error(`${path}: last answer ${last}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The indexed block /health reports, or -1. */
export function indexedBlock(body: unknown): number {
  return (body as { indexedBlock?: number | null } | null)?.indexedBlock ?? -1;
}
