/**
 * The app's settings, read once on the server from the environment and handed to the browser.
 * The browser talks only to this app: `/api/rpc` and `/api/spin` forward to the chain's RPC and
 * the indexer's API, so no other host is ever contacted from the page.
 */
export interface SpinConfig {
  /** The indexer's API as the server reaches it. */
  apiUrl: string;
  /** The chain's JSON-RPC (the permissioning gateway) as wallets reach it. */
  rpcUrl: string;
  chainId: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export const defaultConfig: SpinConfig = {
  apiUrl: "http://127.0.0.1:42069",
  rpcUrl: "http://127.0.0.1:8545",
  chainId: 31337,
};

/** The local development chain: the only one where the burner wallet is offered. */
export const LOCAL_CHAIN_ID = 31337;

function httpUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(`${name} must be an http(s) URL, got ${url.protocol}`);
  }
  return value.replace(/\/+$/, "");
}

/** Validates the NEXT_PUBLIC_SPIN_* variables, falling back to the local stack's defaults. */
export function parseConfig(env: Record<string, string | undefined>): SpinConfig {
  const chainText = env.NEXT_PUBLIC_SPIN_CHAIN_ID ?? String(defaultConfig.chainId);
  const chainId = Number(chainText);
  if (!Number.isSafeInteger(chainId) || chainId <= 0) {
    throw new ConfigError(`NEXT_PUBLIC_SPIN_CHAIN_ID must be a positive integer, got ${chainText}`);
  }
  return {
    apiUrl: httpUrl(
      "NEXT_PUBLIC_SPIN_API_URL",
      env.NEXT_PUBLIC_SPIN_API_URL ?? defaultConfig.apiUrl,
    ),
    rpcUrl: httpUrl(
      "NEXT_PUBLIC_SPIN_RPC_URL",
      env.NEXT_PUBLIC_SPIN_RPC_URL ?? defaultConfig.rpcUrl,
    ),
    chainId,
  };
}

/** Where the browser sends JSON-RPC and API requests (same origin, forwarded by the server). */
export const RPC_PROXY_PATH = "/api/rpc";
export const API_PROXY_PATH = "/api/spin";
/** Test gas for the burner wallet (local chain only). */
export const FAUCET_PATH = "/api/faucet";
