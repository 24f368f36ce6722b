/**
 * The whole local stack for end-to-end tests and the web benchmark, started by the same functions
 * as `npm start` (scripts/start): an anvil chain on a free port, SPIN deployed through the
 * permissioning gateway with a few founders and short governance timings, a small seed (a grant
 * to the enterprise, a work with content and an adoption), the indexer with its API in memory,
 * and `next start` on a free port.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { mnemonicToAccount } from "viem/accounts";
import { sha256, toBytes, toHex, type Hex } from "viem";
import type { AddressBook } from "@spin/shared";
import {
  buildManifest,
  validateProfile,
  type ProfileDocument,
  type ProfileKind,
} from "@spin/shared";
import type { GatewayLogger } from "../../gateway/src/index.ts";
import { startAnvil } from "../../scripts/chain/anvil.ts";
import type { Founder } from "../../scripts/deploy/spin.ts";
import { jsonRpc } from "@spin/shared";
import { freePort } from "../../scripts/lib/net.ts";
import { deployBehindGateway, type Connection } from "../../scripts/start/deploy.ts";
import {
  startIndexerService,
  startWeb,
  uploadSignedBundle,
  webDir,
} from "../../scripts/start/services.ts";
import { Wallet } from "ethers";

export { webDir };
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
  newcomer: 7,
  outsider: 9,
} as const;

export const timing = { votingDelay: 3_600, votingPeriod: 86_400, timelockDelay: 3_600 };

/** A founder's profile document (as @spin/shared defines it) in a data URI, and its sha-256. */
function profile(name: string, kind: ProfileKind) {
  const document: ProfileDocument = {
    name,
    kind,
    about: `${name}, a founding member of the test commons.`,
  };
  const bytes = toBytes(JSON.stringify(validateProfile(document)));
  return {
    profileURI: `data:application/json;base64,${Buffer.from(bytes).toString("base64")}`,
    profileHash: sha256(bytes),
  };
}

const founders: Founder[] = [
  { account: devAddress(people.alice), kind: "Person", ...profile("Alice Martin", "Person") },
  { account: devAddress(people.bob), kind: "Person", ...profile("Bob Diallo", "Person") },
  { account: devAddress(people.carol), kind: "Person", ...profile("Carol Nguyen", "Person") },
  {
    account: devAddress(people.coop),
    kind: "Cooperative",
    ...profile("Atelier Coop", "Cooperative"),
  },
  {
    account: devAddress(people.place),
    kind: "Place",
    ...profile("Fablab Dakar", "Place"),
    place: {
      name: "Fablab Dakar",
      latitudeE6: 14_716_700,
      longitudeE6: -17_467_700,
      country: "SN",
      machines: ["laser-cutter", "3d-printer"],
    },
  },
  {
    account: devAddress(people.acme),
    kind: "Enterprise",
    ...profile("Acme Industries", "Enterprise"),
  },
];

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
  /** Where the address book is, for a second web app. */
  deploymentsDir: string;
  /** Direct node access, for evm_increaseTime / evm_mine. */
  node(method: string, params?: unknown[]): Promise<unknown>;
  skip(seconds: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startStack(log: (line: string) => void = () => {}): Promise<Stack> {
  const work = await mkdtemp(path.join(tmpdir(), "spin-e2e-"));
  const stops: (() => Promise<void>)[] = [];
  const deploymentId = `e2e-${process.pid}-${Date.now()}`;
  const stop = async () => {
    for (const s of stops.reverse()) await s();
    await rm(work, { recursive: true, force: true });
    await rm(path.resolve(webDir, "../ignition/deployments", deploymentId), {
      recursive: true,
      force: true,
    });
  };
  try {
    const anvil = await startAnvil({ port: await freePort() });
    stops.push(() => anvil.stop());
    const node = (method: string, params: unknown[] = []) =>
      jsonRpc<unknown>(anvil.url, method, params);
    const skip = async (seconds: number) => {
      await node("evm_increaseTime", [seconds]);
      await node("evm_mine");
    };
    const deploymentsDir = path.join(work, "deployments");
    const { gateway, book } = await deployBehindGateway({
      chainUrl: anvil.url,
      rpcPort: 0,
      founders,
      parameters: { vouchThreshold: 2, lateQuorumExtension: 3_600, ...timing },
      deploymentId,
      deploymentsDir,
      // The content is uploaded once the indexer runs; the chain part is seeded here.
      seed: (connection, deployed) => seedChain(connection, deployed, skip, log),
      log,
      gatewayLogger: gatewayLogger(log),
    });
    stops.push(() => gateway.close());
    const indexer = await startIndexerService({
      rpcUrl: anvil.url,
      book,
      port: 0,
      dataDir: work,
      database: "memory",
      pollIntervalMs: 100,
    });
    stops.push(indexer.stop);
    await uploadSeedContent(indexer.url, book);
    const web = await startWeb({
      rpcUrl: gateway.url,
      apiUrl: indexer.url,
      chainId: book.chainId,
      port: await freePort(),
      deploymentsDir,
      localNodeUrl: anvil.url,
      build: "never",
      stderr: log,
      log,
    });
    stops.push(web.stop);
    log(`web app at ${web.url}, API at ${indexer.url}, RPC at ${gateway.url}`);
    return {
      book,
      rpcUrl: gateway.url,
      apiUrl: indexer.url,
      webUrl: web.url,
      deploymentsDir,
      node,
      skip,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A grant that gives the enterprise coin to pay with, and one work with content, adopted. */
async function seedChain(
  connection: Connection,
  book: AddressBook,
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

  // Votes count from the second after admission (a timestamp clock): the founders were admitted
  // moments ago, maybe in this very second, and could not propose yet.
  await skip(1);
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

  const manifest = await buildManifest(seedFiles());
  const works = await at("WorksRegistry", people.carol);
  const salt = ethers.id("seed work");
  const commitment = await works.commitmentFor(
    manifest.contentHash,
    devAddress(people.carol),
    salt,
  );
  await (await works.commitRegistration(commitment)).wait();
  await (
    await works.register(
      {
        contentHash: manifest.contentHash,
        metadataURI: `ipfs://${manifest.cid}`,
        licenceId: 1,
        stewards: [devAddress(people.carol)],
        contributors: [devAddress(people.carol), devAddress(people.bob)],
        shares: [7_000, 3_000],
        parents: [],
      },
      salt,
    )
  ).wait();
  await (await (await at("WorksRegistry", people.place)).adopt(1)).wait();
  log("seed: work #1 registered and adopted by Fablab Dakar");
}

/** The seeded work's bundle: a README with front matter and a picture. */
function seedFiles(): { path: string; bytes: Uint8Array }[] {
  const encoder = new TextEncoder();
  return [
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
}

/** Puts the seeded work's bundle into the content store, signed by Alice as publishing does. */
async function uploadSeedContent(apiUrl: string, book: AddressBook): Promise<void> {
  await uploadSignedBundle(apiUrl, book, new Wallet(devKey(people.alice)), seedFiles());
}
