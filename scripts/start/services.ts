/**
 * The services on top of the chain: the indexer with its API, and the web app. `npm start` runs
 * them with the demo works' bundles in the content store; the end-to-end tests and the web
 * benchmark run the same functions on free ports.
 */
import { spawn } from "node:child_process";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { contentHashOf, type AddressBook } from "@spin/shared";
import { contractsOf, startIndexer } from "../../indexer/src/index.ts";
import { exitOf, waitForUrl } from "../lib/net.ts";
import { BUNDLES_DIR, readBundle } from "../seed/seed.ts";
import { repositoryRoot } from "./config.ts";
import { buildWeb, webBuildIsCurrent, webDir } from "./web-build.ts";

export { buildWeb, webDir };

export interface Service {
  name: string;
  url: string;
  stop(): Promise<void>;
}

/** Puts every demo bundle into the content store, so works show their content and are searchable. */
export async function uploadDemoBundles(apiUrl: string): Promise<number> {
  const slugs = await readdir(BUNDLES_DIR);
  for (const slug of slugs) {
    const files = await readBundle(path.join(BUNDLES_DIR, slug));
    const response = await fetch(`${apiUrl}/content`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        contentHash: await contentHashOf(files),
        files: files.map((f) => ({ path: f.path, data: Buffer.from(f.bytes).toString("base64") })),
      }),
    });
    if (!response.ok)
      throw new Error(`uploading bundle ${slug}: ${response.status} ${await response.text()}`);
  }
  return slugs.length;
}

export interface IndexerServiceOptions {
  rpcUrl: string;
  book: AddressBook;
  /** 0 for any free port. */
  port: number;
  /** Where the content store (and the embedded database, when kept) live. */
  dataDir: string;
  /**
   * "kept": PostgreSQL at DATABASE_URL when set, else PGlite in dataDir, surviving restarts;
   * "memory": PGlite in memory, gone when the process ends.
   */
  database: "kept" | "memory";
  pollIntervalMs?: number;
}

export async function startIndexerService(options: IndexerServiceOptions): Promise<Service> {
  const indexer = await startIndexer({
    rpcUrl: options.rpcUrl,
    chainId: options.book.chainId,
    contracts: contractsOf(options.book),
    database:
      options.database === "memory"
        ? { kind: "pglite", dataDir: null }
        : process.env.DATABASE_URL
          ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
          : { kind: "pglite", dataDir: path.join(options.dataDir, "pglite") },
    contentDir: path.join(options.dataDir, "content"),
    server: { host: "127.0.0.1", port: options.port },
    // One node, no forks: a short undo window still catches a reset chain.
    finalityDepth: 8,
    pollIntervalMs: options.pollIntervalMs,
    log: "silent",
  });
  return {
    name: "indexer API (REST, OpenAPI at /openapi.json)",
    url: indexer.url!,
    stop: () => indexer.stop(),
  };
}

export interface WebOptions {
  rpcUrl: string;
  apiUrl: string;
  chainId: number;
  port: number;
  deploymentsDir: string;
  /** The local chain's node, from which the app gives the burner wallet test gas. */
  localNodeUrl?: string;
  /** Build first when the sources changed since the last build ("if-stale"), or never. */
  build: "if-stale" | "never";
  /** Where `next start`'s error output goes: this terminal, or a line logger. */
  stderr: "inherit" | ((line: string) => void);
  log: (line: string) => void;
}

const nextBin = path.join(repositoryRoot, "node_modules/next/dist/bin/next");

/** The web app, served by `next start` (built first when asked and its sources changed). */
export async function startWeb(options: WebOptions): Promise<Service> {
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_PUBLIC_SPIN_API_URL: options.apiUrl,
    NEXT_PUBLIC_SPIN_RPC_URL: options.rpcUrl,
    NEXT_PUBLIC_SPIN_CHAIN_ID: String(options.chainId),
    SPIN_DEPLOYMENTS_DIR: options.deploymentsDir,
    ...(options.localNodeUrl ? { SPIN_LOCAL_NODE_URL: options.localNodeUrl } : {}),
  };
  if (options.build === "if-stale" && !webBuildIsCurrent()) {
    options.log("building the web app (after a fresh clone or a change: a few minutes)");
    buildWeb(env);
  }
  const child = spawn(
    process.execPath,
    [nextBin, "start", "-p", String(options.port), "-H", "127.0.0.1"],
    {
      cwd: webDir,
      env,
      stdio: ["ignore", "ignore", options.stderr === "inherit" ? "inherit" : "pipe"],
    },
  );
  const { stderr } = options;
  if (typeof stderr === "function")
    child.stderr?.on("data", (d: Buffer) => stderr(`next: ${d.toString().trim()}`));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitForUrl(url, { timeoutMs: 60_000, gone: exitOf(child) });
  } catch (error) {
    child.kill("SIGTERM");
    throw error;
  }
  return {
    name: "web app",
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await exited;
    },
  };
}
