/**
 * What `npm start` keeps between runs (the chain in .spin/chain, the address book, the indexer's
 * data, Ignition's journal) and how it starts over when they no longer agree.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { jsonRpc, type AddressBook } from "@spin/shared";
import { readAddressBook } from "@spin/shared/node";
import { LOCAL_CHAIN_ID, startAnvil, type Anvil } from "../chain/anvil.ts";
import { repositoryRoot, type StartConfig } from "./config.ts";

/** The address book of the last deployment on the local chain, if one was kept. */
export async function keptAddressBook(config: StartConfig): Promise<AddressBook | undefined> {
  try {
    return await readAddressBook(LOCAL_CHAIN_ID, config.deploymentsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** True when every contract of the address book has code on the chain. */
export async function chainHolds(book: AddressBook, chainUrl: string): Promise<boolean> {
  for (const entry of Object.values(book.contracts)) {
    if ((await jsonRpc<string>(chainUrl, "eth_getCode", [entry.address, "latest"])) === "0x")
      return false;
  }
  return true;
}

/** Removes what was kept (all of it, or all but the chain) so the next steps start clean. */
export async function wipe(
  config: StartConfig,
  what: "everything" | "all but the chain",
): Promise<void> {
  const paths = [
    path.join(config.stateDir, "indexer"),
    path.join(config.deploymentsDir, `${LOCAL_CHAIN_ID}.json`),
    path.join(repositoryRoot, "ignition/deployments", config.deploymentId),
  ];
  if (what === "everything") paths.push(path.join(config.stateDir, "chain"));
  for (const p of paths) await rm(p, { recursive: true, force: true });
}

/** The local chain, on its configured port, with its state kept in the state folder. */
export function anvilAt(config: StartConfig): Promise<Anvil> {
  return startAnvil({
    port: config.chainPort,
    statePath: path.join(config.stateDir, "chain", "state.json"),
    unlimitedCodeSize: config.unlimitedCodeSize,
  });
}
