/**
 * The whole local stack in one process, for end-to-end tests and the web benchmark: an
 * in-process Hardhat chain served over HTTP, the permissioning gateway in front of it, SPIN
 * deployed with founders, a small seed (a grant to the enterprise, a work with content and an
 * adoption), the indexer with its API, and `next start` on a free port.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { network } from "hardhat";
import { mnemonicToAccount } from "viem/accounts";
import { keccak256, toBytes, toHex, type Hex } from "viem";
import type { AddressBook } from "@spin/shared";
import { buildManifest } from "@spin/shared";
import { serveProvider, startGateway, type GatewayLogger } from "../../gateway/src/index.ts";
import { contractsOf, startIndexer } from "../../indexer/src/index.ts";
import { deploySpin, type Founder } from "../../scripts/deploy/spin.ts";

export const webDir = path.resolve(import.meta.dirname, "..");
const MNEMONIC = "test test test test test test test test test test test junk";

/** Hardhat's well-known development keys (public test keys, never for real funds). */
export function devKey(index: number): Hex {
  const key = mnemonicToAccount(MNEMONIC, { addressIndex: index }).getHdKey().privateKey;
  if (!key) throw new Error(`no key for account ${index}`);
  return toHex(key);
}

export function devAddress(index: number): `0x${string}` {
  return mnemonicToAccount(MNEMONIC, { addressIndex: index }).address;
}

/** Who is who in the tests. */
export const people = {
  alice: 1,
  bob: 2,
  carol: 3,
  coop: 4,
  place: 5,
  acme: 6,
  outsider: 9,
} as const;

export const timing = { votingDelay: 3_600, votingPeriod: 86_400, timelockDelay: 3_600 };

function profile(name: string) {
  return {
    profileURI: `https://spin.example/profiles/${name}`,
    profileHash: keccak256(toBytes(name)),
  };
}

const founders: Founder[] = [
  { account: devAddress(people.alice), kind: "Person", ...profile("alice") },
  { account: devAddress(people.bob), kind: "Person", ...profile("bob") },
  { account: devAddress(people.carol), kind: "Person", ...profile("carol") },
  { account: devAddress(people.coop), kind: "Cooperative", ...profile("coop") },
  {
    account: devAddress(people.place),
    kind: "Place",
    ...profile("place"),
    place: {
      name: "Fablab Dakar",
      latitudeE6: 14_716_700,
      longitudeE6: -17_467_700,
      country: "SN",
      machines: ["laser-cutter", "3d-printer"],
    },
  },
  { account: devAddress(people.acme), kind: "Enterprise", ...profile("acme") },
];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The gateway's refusals and errors, to the test's log; its routine lines are dropped. */
function gatewayLogger(log: (line: string) => void): GatewayLogger {
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    log(
      `gateway ${level}: ${message} ${JSON.stringify(fields ?? {}, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}`,
    );
  return { info: () => {}, warn: write("warn"), error: write("error") };
}

export interface Stack {
  book: AddressBook;
  rpcUrl: string;
  apiUrl: string;
  webUrl: string;
  /** Direct node access, for evm_increaseTime / evm_mine. */
  node(method: string, params?: unknown[]): Promise<unknown>;
  skip(seconds: number): Promise<void>;
  stop(): Promise<void>;
}

async function waitForHttp(url: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export async function startStack(log: (line: string) => void = () => {}): Promise<Stack> {
  const work = await mkdtemp(path.join(tmpdir(), "spin-e2e-"));
  const connection = await network.create();
  const provider = connection.provider;
  const node = await serveProvider(provider as never);
  const request = (method: string, params: unknown[] = []) => provider.request({ method, params });
  const deploymentsDir = path.join(work, "deployments");
  const deploymentId = `e2e-${process.pid}-${Date.now()}`;
  const book = await deploySpin(connection, {
    deploymentId,
    founders,
    parameters: { vouchThreshold: 2, lateQuorumExtension: 3_600, ...timing },
    deploymentsDir,
    log,
  });
  const gateway = await startGateway(
    { upstream: node.url, port: 0, registry: book.contracts.CommonsRegistry.address },
    gatewayLogger(log),
  );
  const skip = async (seconds: number) => {
    await request("evm_increaseTime", [seconds]);
    await request("evm_mine");
  };
  const indexer = await startIndexer({
    rpcUrl: node.url,
    chainId: book.chainId,
    contracts: contractsOf(book),
    database: { kind: "pglite", dataDir: null },
    contentDir: path.join(work, "content"),
    server: { host: "127.0.0.1", port: 0 },
    pollIntervalMs: 100,
    log: "silent",
  });
  const apiUrl = indexer.url!;
  await seed(connection, book, apiUrl, skip, log);

  const port = await freePort();
  const next = spawn(
    process.execPath,
    [
      path.resolve(webDir, "../node_modules/next/dist/bin/next"),
      "start",
      "-p",
      String(port),
      "-H",
      "127.0.0.1",
    ],
    {
      cwd: webDir,
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        NEXT_PUBLIC_SPIN_API_URL: apiUrl,
        NEXT_PUBLIC_SPIN_RPC_URL: gateway.url,
        NEXT_PUBLIC_SPIN_CHAIN_ID: String(book.chainId),
        SPIN_DEPLOYMENTS_DIR: deploymentsDir,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  next.stderr?.on("data", (d: Buffer) => log(`next: ${d.toString().trim()}`));
  const webUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(`${webUrl}/api/spin/health`, 60_000, next);
  log(`web app at ${webUrl}, API at ${apiUrl}, RPC at ${gateway.url}`);

  return {
    book,
    rpcUrl: gateway.url,
    apiUrl,
    webUrl,
    node: request,
    skip,
    async stop() {
      next.kill("SIGTERM");
      await new Promise((resolve) =>
        next.exitCode !== null ? resolve(null) : next.once("exit", resolve),
      );
      await indexer.stop();
      await gateway.close();
      await node.close();
      await connection.close?.();
      await rm(work, { recursive: true, force: true });
      await rm(path.resolve(webDir, "../ignition/deployments", deploymentId), {
        recursive: true,
        force: true,
      });
    },
  };
}

type Connection = Awaited<ReturnType<typeof network.create>>;

/** A grant that gives the enterprise coin to pay with, and one work with content, adopted. */
async function seed(
  connection: Connection,
  book: AddressBook,
  apiUrl: string,
  skip: (seconds: number) => Promise<void>,
  log: (line: string) => void,
): Promise<void> {
  const { ethers } = connection;
  const signer = async (index: number) => ethers.getSigner(devAddress(index));
  const at = async (name: string, index: number) =>
    ethers.getContractAt(
      name,
      book.contracts[name as keyof typeof book.contracts].address,
      await signer(index),
    );

  const fund = await at("CommonFund", people.alice);
  const governor = await at("SpinGovernor", people.alice);
  const grant = fund.interface.encodeFunctionData("grant", [
    0,
    devAddress(people.acme),
    1_000n * 10n ** 18n,
    "Seed: coin for the demo enterprise",
  ]);
  const description = "# Seed grant to the demo enterprise";
  await (await governor.propose([await fund.getAddress()], [0], [grant], description)).wait();
  const id = await governor.hashProposal(
    [await fund.getAddress()],
    [0],
    [grant],
    ethers.id(description),
  );
  await skip(timing.votingDelay + 1);
  for (const voter of [people.alice, people.bob]) {
    await (await (await at("SpinGovernor", voter)).castVote(id, 1)).wait();
  }
  await skip(timing.votingPeriod + 1);
  await (
    await governor.queue([await fund.getAddress()], [0], [grant], ethers.id(description))
  ).wait();
  await skip(timing.timelockDelay + 1);
  await (
    await governor.execute([await fund.getAddress()], [0], [grant], ethers.id(description))
  ).wait();
  log("seed: 1,000 SPIN granted to the enterprise");

  const encoder = new TextEncoder();
  const files = [
    {
      path: "README.md",
      bytes: encoder.encode(
        "---\ntitle: Pedal grain mill\nsummary: A grain mill driven by a bicycle, cut from plywood.\ntags: [food, bicycle]\nmachines: [laser-cutter]\n---\n# Pedal grain mill\n\nA **pedal-powered** mill for small farms. Cut the frame on a laser cutter, bolt it to any bicycle stand.\n\n![The frame](parts/frame.svg)\n\n## Parts\n\n- 6 mm plywood, 600 × 400 mm\n- two bearings (608)\n- a bicycle chain\n\n> Built first at Fablab Dakar.\n",
      ),
    },
    {
      path: "parts/frame.svg",
      bytes: encoder.encode(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="400" height="200"><rect x="10" y="10" width="180" height="80" rx="8" fill="#e4f1e8" stroke="#14532d" stroke-width="3"/><circle cx="60" cy="50" r="22" fill="none" stroke="#14532d" stroke-width="3"/><circle cx="140" cy="50" r="22" fill="none" stroke="#14532d" stroke-width="3"/></svg>\n',
      ),
    },
  ];
  const manifest = await buildManifest(files);
  const upload = await fetch(`${apiUrl}/content`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      contentHash: manifest.contentHash,
      files: files.map((f) => ({ path: f.path, data: Buffer.from(f.bytes).toString("base64") })),
    }),
  });
  if (!upload.ok) throw new Error(`seed upload failed: ${upload.status} ${await upload.text()}`);
  const works = await at("WorksRegistry", people.carol);
  await (
    await works.register({
      contentHash: manifest.contentHash,
      metadataURI: `ipfs://${manifest.cid}`,
      licenceId: 1,
      stewards: [devAddress(people.carol)],
      contributors: [devAddress(people.carol), devAddress(people.bob)],
      shares: [7_000, 3_000],
      parents: [],
    })
  ).wait();
  await (await (await at("WorksRegistry", people.place)).adopt(1)).wait();
  log("seed: work #1 registered and adopted by Fablab Dakar");
}
