/**
 * The services `npm start` runs on top of the chain: the indexer with its API (holding the demo
 * works' bundles in its content store), and the web app, each when its part of the repository
 * exists.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { contentHashOf, type AddressBook } from "@spin/shared";
import { contractsOf, startIndexer } from "../../indexer/src/index.ts";
import { BUNDLES_DIR, readBundle } from "../seed/seed.ts";
import { repositoryRoot, type StartConfig } from "./config.ts";

export interface Service {
  name: string;
  url: string;
  stop(): Promise<void>;
}

/** Puts every demo bundle into the content store, so works show their content and are searchable. */
async function uploadDemoBundles(apiUrl: string): Promise<number> {
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

async function startIndexerService(
  config: StartConfig,
  rpcUrl: string,
  book: AddressBook,
  log: (line: string) => void,
): Promise<Service> {
  const dataDir = path.join(config.stateDir, "indexer");
  const indexer = await startIndexer({
    rpcUrl,
    chainId: book.chainId,
    contracts: contractsOf(book),
    database: process.env.DATABASE_URL
      ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
      : { kind: "pglite", dataDir: path.join(dataDir, "pglite") },
    contentDir: path.join(dataDir, "content"),
    server: { host: "127.0.0.1", port: config.apiPort },
    // One node, no forks: a short undo window still catches a reset chain.
    finalityDepth: 8,
    log: "silent",
  });
  const url = indexer.url!;
  log(`indexer API at ${url}: ${await uploadDemoBundles(url)} demo bundles in its content store`);
  return { name: "indexer API (REST, OpenAPI at /openapi.json)", url, stop: () => indexer.stop() };
}

/** Waits until `url` answers, or the process serving it exits. */
async function waitForHttp(url: string, exited: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`the process serving ${url} exited`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** True when the web app has no build, or a source file changed after the last one. */
async function webBuildIsStale(webDir: string): Promise<boolean> {
  const buildId = path.join(webDir, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  for (const folder of ["app", "components", "hooks", "lib", "public"]) {
    const dir = path.join(webDir, folder);
    if (!existsSync(dir)) continue;
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && statSync(path.join(entry.parentPath, entry.name)).mtimeMs > builtAt)
        return true;
    }
  }
  return false;
}

/** The web app, built when its sources changed since the last build, served by `next start`. */
async function startWeb(
  config: StartConfig,
  rpcUrl: string,
  apiUrl: string,
  book: AddressBook,
  log: (line: string) => void,
): Promise<Service> {
  const webDir = path.join(repositoryRoot, "web");
  const next = path.join(repositoryRoot, "node_modules/next/dist/bin/next");
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_PUBLIC_SPIN_API_URL: apiUrl,
    NEXT_PUBLIC_SPIN_RPC_URL: rpcUrl,
    NEXT_PUBLIC_SPIN_CHAIN_ID: String(book.chainId),
    SPIN_DEPLOYMENTS_DIR: config.deploymentsDir,
  };
  if (await webBuildIsStale(webDir)) {
    log("building the web app (after a fresh clone or a change: a few minutes)");
    const build = spawnSync(process.execPath, [next, "build", "--webpack"], {
      cwd: webDir,
      env,
      stdio: "inherit",
    });
    if (build.status !== 0) throw new Error("the web app did not build");
  }
  const child = spawn(
    process.execPath,
    [next, "start", "-p", String(config.webPort), "-H", "127.0.0.1"],
    {
      cwd: webDir,
      env,
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const url = `http://127.0.0.1:${config.webPort}`;
  await waitForHttp(url, () => child.exitCode !== null, 60_000);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    name: "web app",
    url,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await exited;
    },
  };
}

export async function startServices(
  config: StartConfig,
  rpcUrl: string,
  book: AddressBook,
  log: (line: string) => void,
): Promise<Service[]> {
  const indexer = await startIndexerService(config, rpcUrl, book, log);
  const web = await startWeb(config, rpcUrl, indexer.url, book, log);
  return [indexer, web];
}
