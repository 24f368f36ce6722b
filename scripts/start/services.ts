/**
 * The services `npm start` runs on top of the chain: the indexer with its API (holding the demo
 * works' bundles in its content store), and the web app, each when its part of the repository
 * exists.
 */
import { existsSync } from "node:fs";
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

export async function startServices(
  config: StartConfig,
  rpcUrl: string,
  book: AddressBook,
  log: (line: string) => void,
): Promise<Service[]> {
  const services: Service[] = [await startIndexerService(config, rpcUrl, book, log)];
  if (!existsSync(path.join(repositoryRoot, "web"))) log("no web app in this checkout yet");
  return services;
}
