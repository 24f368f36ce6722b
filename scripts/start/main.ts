/**
 * `npm start`: SPIN on this machine, in one command.
 *
 * Starts the local chain (anvil, state kept in .spin/chain) behind the permissioning gateway,
 * deploys SPIN and seeds a demo commons when the chain has no SPIN yet, then starts the indexer
 * and the web app where they exist, and prints the URLs and demo accounts. Ctrl-C stops
 * everything it started; the next run resumes the same chain. `npm start -- --fresh` starts
 * from an empty chain on purpose.
 *
 * It never leaves a half-state: when the kept chain no longer holds the contracts of the kept
 * address book, it says so and starts clean (chain, address book, indexer data, deployment
 * journal) instead of pointing the indexer or web app at contracts that do not exist.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import type { AddressBook } from "@spin/shared";
import { readAddressBook } from "@spin/shared/node";
import type { Gateway } from "../../gateway/src/index.ts";
import { LOCAL_CHAIN_ID, startAnvil } from "../chain/anvil.ts";
import { jsonRpc } from "@spin/shared";
import { readStartConfig, repositoryRoot, type StartConfig } from "./config.ts";
import { demoFounders } from "../seed/demo-commons.ts";
import { seedDemo } from "../seed/seed.ts";
import { banner } from "./banner.ts";
import { deployBehindGateway, startGatewayFor } from "./deploy.ts";
import { startServices } from "./services.ts";

type Stop = () => Promise<void>;

function say(line: string): void {
  console.log(`spin: ${line}`);
}

async function keptAddressBook(config: StartConfig): Promise<AddressBook | undefined> {
  try {
    return await readAddressBook(LOCAL_CHAIN_ID, config.deploymentsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** True when every contract of the address book has code on the chain. */
async function chainHolds(book: AddressBook, chainUrl: string): Promise<boolean> {
  for (const entry of Object.values(book.contracts)) {
    if ((await jsonRpc<string>(chainUrl, "eth_getCode", [entry.address, "latest"])) === "0x")
      return false;
  }
  return true;
}

async function wipe(config: StartConfig, what: "everything" | "all but the chain"): Promise<void> {
  const paths = [
    path.join(config.stateDir, "indexer"),
    path.join(config.deploymentsDir, `${LOCAL_CHAIN_ID}.json`),
    path.join(repositoryRoot, "ignition/deployments", config.deploymentId),
  ];
  if (what === "everything") paths.push(path.join(config.stateDir, "chain"));
  for (const p of paths) await rm(p, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const config = readStartConfig(process.argv.slice(2));
  const stops: Stop[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("stopping");
    for (const stop of stops.reverse()) {
      await stop().catch((error: unknown) =>
        console.error(`spin: while stopping: ${String(error)}`),
      );
    }
    say("stopped");
    process.exit(code);
  };
  process.on("SIGINT", () => void stopAll(0));
  process.on("SIGTERM", () => void stopAll(0));

  try {
    if (config.fresh) {
      say("--fresh: starting from an empty chain");
      await wipe(config, "everything");
    }
    const anvil = await startAnvil({
      port: config.chainPort,
      statePath: path.join(config.stateDir, "chain", "state.json"),
      unlimitedCodeSize: config.unlimitedCodeSize,
    });
    stops.push(() => anvil.stop());

    let book = await keptAddressBook(config);
    if (book && !(await chainHolds(book, anvil.url))) {
      say("the kept chain no longer holds SPIN's contracts: starting clean");
      await anvil.stop();
      stops.pop();
      await wipe(config, "everything");
      const fresh = await startAnvil({
        port: config.chainPort,
        statePath: path.join(config.stateDir, "chain", "state.json"),
        unlimitedCodeSize: config.unlimitedCodeSize,
      });
      stops.push(() => fresh.stop());
      book = undefined;
    } else if (!book) {
      await wipe(config, "all but the chain");
    }

    let gateway: Gateway;
    if (!book) {
      ({ gateway, book } = await deployBehindGateway({
        chainUrl: anvil.url,
        rpcPort: config.rpcPort,
        founders: demoFounders(),
        deploymentId: config.deploymentId,
        deploymentsDir: config.deploymentsDir,
        seed: async (connection, deployed) => {
          say("seeding the demo commons");
          // Time travel goes to the node itself: the gateway refuses node control.
          await seedDemo(connection, deployed, say, (method, params) =>
            jsonRpc(anvil.url, method, params),
          );
        },
        log: say,
      }));
    } else {
      say(`resuming the kept chain (registry ${book.contracts.CommonsRegistry.address})`);
      gateway = await startGatewayFor(anvil.url, config.rpcPort, book);
    }
    const { url: rpcUrl } = gateway;
    stops.push(() => gateway.close());

    const services = await startServices(config, { chain: anvil.url, rpc: rpcUrl }, book, say);
    for (const service of services) stops.push(service.stop);

    console.log(banner(config, rpcUrl, services));
    say("ready (Ctrl-C stops everything)");
  } catch (error) {
    console.error(
      `spin: could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    await stopAll(1);
  }
}

await main();
