/**
 * The services on top of the chain: the indexer with its API, and the web app. `npm start` runs
 * them with the demo works' bundles in the content store; the end-to-end tests and the web
 * benchmark run the same functions on free ports.
 */
import { spawn } from "node:child_process";
import { readdir } from "node:fs/promises";
import path from "node:path";
import {
  contentHashOf,
  contentUploadDomain,
  contentUploadForm,
  contentUploadTypes,
  type AddressBook,
  type BundleFile,
} from "@spin/shared";
import { contractsOf, startIndexer } from "../../indexer/src/index.ts";
import { exitOf, waitForUrl } from "../lib/net.ts";
import { anvilAccount, DEMO_MEMBERS } from "../seed/demo-commons.ts";
import { BUNDLES_DIR, readBundle } from "../seed/seed.ts";
import { repositoryRoot } from "./config.ts";
import { buildWeb, webBuildIsCurrent, webDir } from "./web-build.ts";

export { buildWeb, webDir };

export interface Service {
  name: string;
  url: string;
  stop(): Promise<void>;
}

/** Anything that signs EIP-712 typed data (an ethers wallet). */
export interface TypedDataSigner {
  address: string;
  signTypedData(
    domain: Record<string, unknown>,
    types: Record<string, { name: string; type: string }[]>,
    value: Record<string, unknown>,
  ): Promise<string>;
}

/**
 * Uploads a bundle signed by `signer`, a member (uploads are signed: see docs/indexer.md). A
 * fresh indexer may not have indexed the member's admission yet: its 403 is retried until it has.
 */
export async function uploadSignedBundle(
  apiUrl: string,
  book: AddressBook,
  signer: TypedDataSigner,
  files: BundleFile[],
  timeoutMs = 120_000,
): Promise<void> {
  const contentHash = await contentHashOf(files);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const expires = BigInt(Math.floor(Date.now() / 1000) + 3600);
    const uploader = signer.address.toLowerCase() as `0x${string}`;
    const signature = (await signer.signTypedData(
      contentUploadDomain(book.chainId, book.contracts.CommonsRegistry.address),
      contentUploadTypes as unknown as Record<string, { name: string; type: string }[]>,
      { contentHash, uploader, deadline: expires },
    )) as `0x${string}`;
    const response = await fetch(`${apiUrl}/content`, {
      method: "POST",
      body: contentUploadForm(files, { contentHash, uploader, deadline: expires, signature }),
    });
    if (response.ok) return;
    const text = await response.text();
    if (response.status !== 403 || Date.now() > deadline) {
      throw new Error(`uploading ${contentHash}: ${response.status} ${text}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Puts every demo bundle into the content store, signed by the first founder. */
export async function uploadDemoBundles(apiUrl: string, book: AddressBook): Promise<number> {
  const slugs = await readdir(BUNDLES_DIR);
  const signer = anvilAccount(DEMO_MEMBERS[0].account);
  for (const slug of slugs) {
    await uploadSignedBundle(apiUrl, book, signer, await readBundle(path.join(BUNDLES_DIR, slug)));
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
