/**
 * `npm start`: SPIN on this machine, in one command.
 *
 * Steps, each reported with what it does and how long it took (scripts/start/report.ts):
 * install (done by scripts/node22.sh before this runs), compile the contracts, the local chain
 * (anvil, state kept in .spin/chain), deploy SPIN through the permissioning gateway and seed a
 * demo commons (when the chain has no SPIN yet), the indexer catching up with the chain, and the
 * web app. The web app's build does not depend on the chain, so it runs alongside the others.
 * Then one "ready" block with the demo accounts and, last, the URLs.
 *
 * SIGINT and SIGTERM (Ctrl-C, or a signal sent to `npm start` without a terminal) stop
 * everything it started, in reverse order, and it exits 0. The next run resumes the same chain;
 * `npm start -- --fresh` starts from an empty chain on purpose.
 *
 * It never leaves a half-state: when the kept chain no longer holds the contracts of the kept
 * address book, it says so and starts clean (chain, address book, indexer data, deployment
 * journal) instead of pointing the indexer or web app at contracts that do not exist.
 */
import path from "node:path";
import { jsonRpc } from "@spin/shared";
import type { Gateway, GatewayLogger } from "../../gateway/src/index.ts";
import { LOCAL_CHAIN_ID } from "../chain/anvil.ts";
import { waitFor } from "../lib/wait.ts";
import { demoFounders } from "../seed/demo-commons.ts";
import { seedDemo } from "../seed/seed.ts";
import { readyBlock, readyFields, type Endpoints } from "./banner.ts";
import { compileContracts, contractSources, solcVersion } from "./compile.ts";
import { readStartConfig, type StartConfig } from "./config.ts";
import { deployBehindGateway, startGatewayFor } from "./deploy.ts";
import { anvilAt, chainHolds, keptAddressBook, wipe } from "./kept-state.ts";
import { createReporter, type Reporter } from "./report.ts";
import { startIndexerService, startWeb, uploadDemoBundles, type Service } from "./services.ts";
import { buildWebInBackground, webBuildIsCurrent } from "./web-build.ts";

type Stop = () => Promise<void>;

/**
 * The gateway's own lines: what went wrong, always; the rest only with --verbose. Refusals are the
 * gateway doing its job (the deployer's tools probe node-control methods it refuses on purpose,
 * and it runs in bootstrap mode until SPIN is deployed): nothing a person starting SPIN acts on.
 */
function gatewayLogger(report: Reporter, verbose: boolean): GatewayLogger {
  const line = (message: string, fields?: Record<string, unknown>) => {
    const details = Object.entries(fields ?? {})
      .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v, bigints)}`)
      .join(" ");
    return `gateway: ${message}${details ? ` (${details})` : ""}`;
  };
  return {
    info: (message, fields) => verbose && report.say(line(message, fields)),
    warn: (message, fields) => verbose && report.say(line(message, fields)),
    error: (message, fields) => report.say(line(message, fields)),
  };
}
const bigints = (_k: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v);

async function main(): Promise<void> {
  const startedAt = Date.now();
  let config: StartConfig;
  try {
    config = readStartConfig(process.argv.slice(2));
  } catch (error) {
    console.error(`spin: ${(error as Error).message}`);
    process.exit(2);
  }
  const report = createReporter({ format: config.format, verbose: config.verbose });
  const stops: Stop[] = [];
  let stopping = false;
  const stopAll = async (code: number, why: string) => {
    if (stopping) return;
    stopping = true;
    report.say(`stopping (${why})`);
    for (const stop of stops.reverse()) {
      await stop().catch((error: unknown) => report.say(`while stopping: ${String(error)}`));
    }
    report.say("stopped");
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
    process.on(signal, () => void stopAll(0, signal));

  try {
    const installMs = Number(process.env.SPIN_INSTALL_MS ?? 0);
    report.record(
      "install",
      installMs > 0 ? "npm packages installed" : "npm packages already installed",
      installMs,
    );

    // The web build needs nothing from the chain: it runs while the contracts compile and deploy.
    let webBuilt: Promise<void> = Promise.resolve();
    if (webBuildIsCurrent()) {
      report.record("web build", "the web app's build is current with its sources", 0);
    } else {
      const step = report.begin("web build", "building the web app alongside the next steps");
      const build = buildWebInBackground((line) => step.detail(line.slice(0, 60)));
      stops.push(async () => build.stop());
      webBuilt = build.done.then(
        () => step.done("web app built"),
        (error: unknown) => {
          step.failed(error);
          throw error;
        },
      );
      // Awaited before the web app starts; until then a failure must not go unhandled.
      webBuilt.catch(() => {});
    }

    const compiling = report.begin(
      "compile",
      `compiling contracts/ (${contractSources().length} Solidity files) with solc ${solcVersion}`,
    );
    const compile = compileContracts((line) => compiling.detail(line.slice(0, 60)));
    stops.push(async () => compile.stop());
    try {
      const { compiled, sources } = await compile.done;
      compiling.done(
        compiled > 0
          ? `${compiled} Solidity files compiled`
          : `${sources} Solidity files, all compiled before`,
      );
    } catch (error) {
      compiling.failed(error);
      throw error;
    }

    if (config.fresh) {
      report.say("--fresh: starting from an empty chain");
      await wipe(config, "everything");
    }
    let book = await keptAddressBook(config);
    let anvil = await report.step(
      "chain",
      "starting the local chain",
      () => anvilAt(config),
      (node) => `anvil at ${node.url} (chain id ${LOCAL_CHAIN_ID})`,
    );
    stops.push(() => anvil.stop());
    if (book && !(await chainHolds(book, anvil.url))) {
      report.say("the kept chain no longer holds SPIN's contracts: starting clean");
      await anvil.stop();
      stops.pop();
      await wipe(config, "everything");
      anvil = await anvilAt(config);
      stops.push(() => anvil.stop());
      book = undefined;
    } else if (!book) {
      await wipe(config, "all but the chain");
    }

    const logger = gatewayLogger(report, config.verbose);
    let gateway: Gateway;
    if (!book) {
      const deploying = report.begin("deploy", "deploying SPIN through the permissioning gateway");
      let seeding: ReturnType<Reporter["begin"]> | undefined;
      try {
        ({ gateway, book } = await deployBehindGateway({
          chainUrl: anvil.url,
          rpcPort: config.rpcPort,
          founders: demoFounders(),
          deploymentId: config.deploymentId,
          deploymentsDir: config.deploymentsDir,
          seed: async (connection, deployed) => {
            deploying.done("SPIN deployed; admin roles handed to the timelock");
            seeding = report.begin("seed", "seeding the demo commons");
            // Time travel goes to the node itself: the gateway refuses node control.
            await seedDemo(
              connection,
              deployed,
              (line) => seeding!.detail(line),
              (method, params) => jsonRpc(anvil.url, method, params),
            );
            seeding.done("demo commons seeded: members, works, licences, grants, proposals");
          },
          log: (line) => deploying.detail(line),
          gatewayLogger: logger,
        }));
      } catch (error) {
        deploying.failed(error);
        seeding?.failed(error);
        throw error;
      }
    } else {
      const kept = book;
      gateway = await report.step(
        "deploy",
        "resuming the kept chain",
        () => startGatewayFor(anvil.url, config.rpcPort, kept, logger),
        () => `resuming the kept chain (registry ${kept.contracts.CommonsRegistry.address})`,
      );
    }
    stops.push(() => gateway.close());

    const deployed = book;
    const indexer: Service = await report
      .step(
        "indexer",
        "indexing the chain",
        async (step) => {
          const service = await startIndexerService({
            rpcUrl: gateway.url,
            book: deployed,
            port: config.apiPort,
            dataDir: path.join(config.stateDir, "indexer"),
            database: "kept",
          });
          stops.push(service.stop);
          const head = Number(await jsonRpc<string>(anvil.url, "eth_blockNumber", []));
          await waitFor({
            what: `the indexer to reach block ${head}`,
            probe: async () => {
              const response = await fetch(`${service.url}/health`);
              return ((await response.json()) as { indexedBlock: number | null }).indexedBlock;
            },
            done: (block) => block !== null && block >= head,
            progress: (block) => block,
            describe: (block) => `indexed block ${block ?? "none"} of ${head}`,
            stallMs: 60_000,
            intervalMs: 250,
          });
          step.detail("storing the demo works' content");
          return { service, head, bundles: await uploadDemoBundles(service.url, deployed) };
        },
        ({ head, bundles }) =>
          `caught up with the chain at block ${head}; ${bundles} demo works' content stored`,
      )
      .then(({ service }) => service);

    await webBuilt;
    const web = await report.step(
      "web app",
      "starting the web app",
      async () => {
        const service = await startWeb({
          rpcUrl: gateway.url,
          apiUrl: indexer.url,
          chainId: deployed.chainId,
          port: config.webPort,
          deploymentsDir: config.deploymentsDir,
          localNodeUrl: anvil.url,
          build: "never",
          stderr: (line) => report.say(line),
          log: (line) => report.say(line),
        });
        stops.push(service.stop);
        return service;
      },
      (service) => `serving ${service.url}`,
    );

    const urls: Endpoints = {
      web: web.url,
      api: indexer.url,
      rpc: gateway.url,
      node: anvil.url,
      chainId: deployed.chainId,
    };
    const tookMs = Date.now() - startedAt + Number(process.env.SPIN_INSTALL_MS ?? 0);
    report.ready(readyBlock(config, urls, tookMs), readyFields(urls, tookMs));
  } catch (error) {
    if (stopping) return;
    report.fail(error instanceof Error ? error.message : String(error));
    await stopAll(1, "could not start");
  }
}

await main();
