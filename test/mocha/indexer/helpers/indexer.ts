/** Starting test indexers against a test chain and waiting for them to reach its head. */
import type { NetworkConnection } from "hardhat/types/network";
import { waitFor } from "../../../../scripts/lib/wait.ts";
import { abis, type AddressBook, type ContractName } from "@spin/shared";
import { Wallet } from "ethers";
import type { Kysely } from "kysely";
import {
  startIndexer,
  type Indexer,
  type IndexerConfigInput,
} from "../../../../indexer/src/index.ts";
import type { Database } from "../../../../indexer/src/database/schema.ts";
import { readCursor } from "../../../../indexer/src/sync/store-state.ts";
import { keepTrack } from "../../../support/left-open.ts";
import { headBlock, type Chain } from "./chain.ts";

/** What the helpers need of a test chain. */
export type ChainLike = Pick<Chain, "ethers" | "rpc" | "chainId" | "contracts">;

interface Deployed {
  getAddress(): Promise<string>;
}

/** The governance contracts a test deployed, when it did. */
interface Governance {
  governor?: Deployed;
  timelock?: Deployed;
}

/** Serves an in-process chain holding SPIN over HTTP, as the indexer reads it. */
export async function serveSpin(
  connection: NetworkConnection,
  spin: Parameters<typeof spinContracts>[0],
  startBlock: number,
  governance: Governance = {},
): Promise<ChainLike> {
  const { ethers } = connection;
  return {
    ethers,
    rpc: await startRpcServer(connection.provider as unknown as Eip1193),
    chainId: Number((await ethers.provider.getNetwork()).chainId),
    contracts: await spinContracts(spin, startBlock, governance),
  };
}

/**
 * SPIN's contracts (the works fixture's deployment, plus the governance when there is one) as the
 * indexer's configuration names them, all followed from `startBlock`.
 */
export async function spinContracts(
  spin: Record<"commons" | "coin" | "fund" | "templates" | "works" | "licensing", Deployed>,
  startBlock: number,
  { governor, timelock }: Governance = {},
): Promise<IndexerConfigInput["contracts"]> {
  const entry = async (c: Deployed) => ({
    address: await c.getAddress(),
    deploymentBlock: startBlock,
  });
  const registry = spin.commons as Deployed & { admissions(): Promise<string> };
  return {
    CommonsRegistry: await entry(spin.commons),
    Admissions: { address: await registry.admissions(), deploymentBlock: startBlock },
    SpinCoin: await entry(spin.coin),
    CommonFund: await entry(spin.fund),
    LicenceTemplates: await entry(spin.templates),
    WorksRegistry: await entry(spin.works),
    Licensing: await entry(spin.licensing),
    ...(governor ? { SpinGovernor: await entry(governor) } : {}),
    ...(timelock ? { SpinTimelock: await entry(timelock) } : {}),
  };
}
import { startRpcServer, type Eip1193 } from "./rpc-server.ts";
import type { TestDatabase } from "./store.ts";

export function testConfig(
  chain: ChainLike,
  database: TestDatabase,
  overrides: Partial<IndexerConfigInput> = {},
): IndexerConfigInput {
  return {
    rpcUrl: chain.rpc.url,
    chainId: chain.chainId,
    contracts: chain.contracts,
    database: database.target,
    server: null,
    finalityDepth: 64,
    pollIntervalMs: 20,
    backfill: { initialRange: 8, maxRange: 64 },
    rpc: { timeoutMs: 2_000, retryBaseMs: 10, retryMaxMs: 100, stuckAfterMs: 30_000 },
    log: "silent",
    ...overrides,
  };
}

export async function startTestIndexer(
  chain: ChainLike,
  database: TestDatabase,
  overrides: Partial<IndexerConfigInput> = {},
): Promise<Indexer> {
  const indexer = await startIndexer(testConfig(chain, database, overrides));
  const stop = indexer.stop.bind(indexer);
  indexer.stop = keepTrack(`an indexer (${indexer.url ?? "no server"})`, stop);
  return indexer;
}

/**
 * Waits until the store's cursor is the chain's head block (number and hash), as long as the
 * cursor keeps moving: `stallMs` is how long it may stand still on an idle machine.
 */
export async function waitForHead(chain: ChainLike, db: Kysely<Database>, stallMs = 60_000) {
  await waitFor({
    what: "the indexer to reach the chain's head",
    probe: async () => ({ head: await headBlock(chain), cursor: await readCursor(db) }),
    done: ({ head, cursor }) =>
      cursor !== null && cursor.number === head.number && cursor.hash === head.hash,
    progress: ({ cursor }) => (cursor ? `${cursor.number}:${cursor.hash}` : null),
    describe: ({ head, cursor }) =>
      `indexer at ${cursor ? `${cursor.number} (${cursor.hash})` : "nothing"}, head at ${head.number} (${head.hash})`,
    stallMs,
    intervalMs: 25,
  });
}

/** A one-file bundle: a README.md with this front matter. */
export function readmeBundle(front: {
  title: string;
  summary: string;
  tags: string[];
  machines: string[];
}) {
  const text =
    `---\ntitle: ${front.title}\nsummary: ${front.summary}\n` +
    `tags: [${front.tags.join(", ")}]\nmachines: [${front.machines.join(", ")}]\n---\n` +
    `# ${front.title}\n`;
  return [{ path: "README.md", bytes: new TextEncoder().encode(text) }];
}

/**
 * An address book holding `contracts` (as the indexer's configuration names them); SPIN's other
 * contracts get random addresses, where nothing will ever happen.
 */
export function addressBookFor(
  chainId: number,
  contracts: IndexerConfigInput["contracts"],
): AddressBook {
  const deployed = contracts as Record<string, { address: string; deploymentBlock: number }>;
  const entries = Object.fromEntries(
    (Object.keys(abis) as ContractName[]).map((name) => [
      name,
      {
        address: (deployed[name]?.address ?? Wallet.createRandom().address) as `0x${string}`,
        deploymentBlock: deployed[name]?.deploymentBlock ?? 0,
        abi: `${name[0].toLowerCase()}${name.slice(1)}Abi`,
      },
    ]),
  ) as AddressBook["contracts"];
  return { chainId, abiSource: "shared/src/abi/generated.ts", contracts: entries };
}
