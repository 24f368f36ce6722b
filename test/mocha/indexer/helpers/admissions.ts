/**
 * A real anvil node with the commons registry and its Admissions, founders admitted and an
 * admission rule short enough to walk through (days, not weeks), followed by one indexer on
 * PGlite and one on PostgreSQL; and newcomers who sign applications and post them to the inbox.
 */
import { createHash } from "node:crypto";
import { network } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import {
  admissionsDomain,
  applicationSubmission,
  applicationSignerTypes,
  NO_PLACE,
  type SignedApplication,
} from "@spin/shared";
import type { HDNodeWallet } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import { startAnvil, type Anvil } from "../../../../scripts/chain/anvil.ts";
import { freePort } from "../../../../scripts/lib/net.ts";
import type { Indexer, IndexerConfigInput } from "../../../../indexer/src/index.ts";
import type { Admissions, CommonsRegistry } from "../../../../types/ethers-contracts/index.js";
import { startTestIndexer, waitForHead, type ChainLike } from "./indexer.ts";
import type { RpcServer } from "./rpc-server.ts";
import { createTestDatabase, type TestDatabase } from "./store.ts";

export const Kind = { Person: 1, Cooperative: 2, Place: 3, Enterprise: 4 } as const;
export const DAY = 24 * 3600;
/** The rule of these tests: 2 vouches in 3 days, then 1 day to reject, 2 days to ripen. */
export const RULE = {
  vouchThreshold: 2,
  vouchWindow: 3 * DAY,
  admissionDelay: 1 * DAY,
  ripeningPeriod: 2 * DAY,
  voucherSeniority: 0,
  vouchBudget: 20,
  budgetPeriod: 30 * DAY,
  reapplyCooldown: 5 * DAY,
};

export interface AdmissionsChain {
  anvil: Anvil;
  connection: NetworkConnection;
  chain: ChainLike;
  registry: CommonsRegistry;
  admissions: Admissions;
  admin: HardhatEthersSigner;
  founders: HardhatEthersSigner[];
  indexers: { kind: "pglite" | "postgres"; indexer: Indexer; database: TestDatabase }[];
  now(): Promise<number>;
  advance(seconds: number): Promise<void>;
  synced(): Promise<void>;
  close(): Promise<void>;
}

export async function startAdmissionsChain(
  overrides: Partial<IndexerConfigInput> = {},
  extra: (
    chain: Pick<AdmissionsChain, "connection" | "admin">,
  ) => Promise<IndexerConfigInput["contracts"]> = async () => ({}),
): Promise<AdmissionsChain> {
  // Coverage runs instrument the contracts past EIP-170.
  const anvil = await startAnvil({ port: await freePort(), unlimitedCodeSize: true });
  const connection = await network.create({ network: "local", override: { url: anvil.url } });
  const { ethers } = connection;
  const [admin, ...others] = await ethers.getSigners();
  const founders = others.slice(0, 4);
  const startBlock = (await ethers.provider.getBlockNumber()) + 1;
  // anvil mines a sent transaction on its own task: wait for the code before calling it.
  const registry = await ethers.deployContract("CommonsRegistry", [admin.address, 2, 7 * DAY]);
  await registry.waitForDeployment();
  const admissions = await ethers.getContractAt("Admissions", await registry.admissions());
  await (await admissions.setAdmissionRule(RULE)).wait();
  for (const [i, founder] of founders.entries()) {
    await (
      await registry.admit(founder.address, Kind.Person, `ipfs://founder-${i}`, ethers.id(`f${i}`))
    ).wait();
  }
  const chain: ChainLike = {
    ethers,
    rpc: { url: anvil.url } as RpcServer,
    chainId: Number((await ethers.provider.getNetwork()).chainId),
    contracts: {
      CommonsRegistry: { address: await registry.getAddress(), deploymentBlock: startBlock },
      Admissions: { address: await admissions.getAddress(), deploymentBlock: startBlock },
      ...(await extra({ connection, admin })),
    },
  };
  const indexers: AdmissionsChain["indexers"] = [];
  for (const kind of ["pglite", "postgres"] as const) {
    const database = await createTestDatabase(kind);
    const indexer = await startTestIndexer(chain, database, {
      server: { host: "127.0.0.1", port: 0 },
      ...overrides,
    });
    indexers.push({ kind, indexer, database });
  }
  const provider = connection.provider;
  const now = async () => (await ethers.provider.getBlock("latest"))!.timestamp;
  const result: AdmissionsChain = {
    anvil,
    connection,
    chain,
    registry,
    admissions,
    admin,
    founders,
    indexers,
    now,
    async advance(seconds) {
      await provider.request({ method: "evm_increaseTime", params: [seconds] });
      await provider.request({ method: "evm_mine" });
    },
    async synced() {
      for (const { indexer } of indexers) await waitForHead(chain, indexer.db);
    },
    async close() {
      for (const { indexer, database } of indexers) {
        await indexer.stop();
        await database.drop();
      }
      await connection.close();
      await anvil.stop();
    },
  };
  await result.synced();
  return result;
}

/** A newcomer's profile document: its exact text and sha-256. */
export function profileDocument(doc: Record<string, unknown>) {
  const text = JSON.stringify(doc);
  const profileHash = `0x${createHash("sha256").update(text).digest("hex")}` as `0x${string}`;
  return { text, profileHash };
}

type Signer = Pick<HDNodeWallet, "signTypedData">;

/** SignedApplication with a mutable machine list, as ethers' contract types take it. */
export type ApplicationStruct = Omit<SignedApplication, "place"> & {
  place: Omit<SignedApplication["place"], "machines"> & { machines: string[] };
};

export interface Signed {
  application: ApplicationStruct;
  signature: `0x${string}`;
  profile: string;
}

/**
 * `newcomer` signs an application as `kind` (its next nonce and a deadline a day ahead unless
 * given), with a profile document of that kind named `name`.
 */
export async function signApplication(
  c: Pick<AdmissionsChain, "admissions" | "chain" | "now">,
  newcomer: HDNodeWallet | HardhatEthersSigner,
  name: string,
  fields: Partial<SignedApplication> & { signer?: Signer; document?: string } = {},
): Promise<Signed> {
  const kind = fields.kind ?? Kind.Person;
  const kindName = Object.keys(Kind)[kind - 1];
  const profile = fields.document ?? profileDocument({ name, kind: kindName }).text;
  const profileHash =
    fields.profileHash ?? (`0x${createHash("sha256").update(profile).digest("hex")}` as const);
  const application: ApplicationStruct = {
    applicant: newcomer.address.toLowerCase() as `0x${string}`,
    kind,
    profileURI: fields.profileURI ?? `ipfs://profile-of-${name.replace(/\W/g, "-")}`,
    profileHash,
    place: { ...(fields.place ?? NO_PLACE), machines: [...(fields.place ?? NO_PLACE).machines] },
    nonce: fields.nonce ?? (await c.admissions.nonces(newcomer.address)),
    deadline: fields.deadline ?? BigInt((await c.now()) + DAY),
  };
  const domain = admissionsDomain(c.chain.chainId, (await c.admissions.getAddress()) as never);
  const signer = fields.signer ?? newcomer;
  const types = applicationSignerTypes;
  const signature = (await signer.signTypedData(domain, types, application)) as `0x${string}`;
  return { application, signature, profile };
}

/** POSTs a signed application (with its document unless `withProfile` is false). */
export async function postApplication(
  indexer: Indexer,
  signed: Signed,
  withProfile = true,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const body = applicationSubmission(
    signed.application,
    signed.signature,
    withProfile ? signed.profile : undefined,
  );
  const response = await fetch(`${indexer.url}/applications`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The struct as the contract takes it, from what GET /applications lists. */
export function relayable(listed: {
  application: Omit<SignedApplication, "nonce" | "deadline"> & { nonce: string; deadline: string };
}): ApplicationStruct {
  return {
    ...listed.application,
    place: { ...listed.application.place, machines: [...listed.application.place.machines] },
    nonce: BigInt(listed.application.nonce),
    deadline: BigInt(listed.application.deadline),
  };
}
