/** `npm start`'s settings: ports and folders, from the environment with local defaults. */
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65_535) {
    throw new Error(`${name} must be a port number (1-65535), got "${raw}"`);
  }
  return value;
}

export interface StartConfig {
  /** Start from an empty chain, wiping what an earlier run kept. */
  fresh: boolean;
  /** Plain lines for people, or one JSON object per line (`--json`, SPIN_LOG_FORMAT=json). */
  format: "text" | "json";
  /** Show each step's details (`--verbose`): every contract deployed, every part of the seed. */
  verbose: boolean;
  /** The node, reachable only from this machine; everyone else goes through the gateway. */
  chainPort: number;
  /** The permissioning gateway: the chain's only public door. */
  rpcPort: number;
  apiPort: number;
  webPort: number;
  /** Where the chain and the indexer keep their data. */
  stateDir: string;
  /** Where the local address book is written (and read by the indexer and web app). */
  deploymentsDir: string;
  /** Ignition's deployment id for the local chain. */
  deploymentId: string;
  /** Let the chain accept contracts over EIP-170's limit (coverage-instrumented test runs only). */
  unlimitedCodeSize: boolean;
}

const OPTIONS = ["--fresh", "--json", "--verbose"];

export function readStartConfig(argv: string[]): StartConfig {
  const unknown = argv.filter((arg) => !OPTIONS.includes(arg));
  if (unknown.length > 0)
    throw new Error(
      `unknown option ${unknown[0]}; usage: npm start [-- --fresh] [--json] [--verbose]`,
    );
  const format = process.env.SPIN_LOG_FORMAT ?? "text";
  if (format !== "text" && format !== "json")
    throw new Error(`SPIN_LOG_FORMAT must be "text" or "json", got "${format}"`);
  return {
    fresh: argv.includes("--fresh"),
    format: argv.includes("--json") ? "json" : format,
    verbose: argv.includes("--verbose"),
    chainPort: port("SPIN_CHAIN_PORT", 8544),
    rpcPort: port("SPIN_RPC_PORT", 8545),
    apiPort: port("SPIN_API_PORT", 4000),
    webPort: port("SPIN_WEB_PORT", 3000),
    stateDir: path.resolve(root, process.env.SPIN_STATE_DIR ?? ".spin"),
    deploymentsDir: path.resolve(root, process.env.SPIN_DEPLOYMENTS_DIR ?? "deployments"),
    deploymentId: process.env.SPIN_DEPLOYMENT_ID ?? "local",
    unlimitedCodeSize: process.env.SPIN_UNLIMITED_CODE_SIZE === "1",
  };
}

export const repositoryRoot = root;
