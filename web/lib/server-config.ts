/** Server-only: the configuration and the chain's address book, read at request time. */
import "./server/only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { addressBookFileName, parseAddressBook, type AddressBook } from "@spin/shared";
import { ConfigError, parseConfig, type SpinConfig } from "./config";

/** Read through an indirection so the bundler leaves the values to run time. */
function runtimeEnv(): Record<string, string | undefined> {
  const env = process.env;
  const names = [
    "NEXT_PUBLIC_SPIN_API_URL",
    "NEXT_PUBLIC_SPIN_RPC_URL",
    "NEXT_PUBLIC_SPIN_CHAIN_ID",
  ] as const;
  return Object.fromEntries(names.map((name) => [name, env[name]]));
}

let cached: SpinConfig | undefined;

export function serverConfig(): SpinConfig {
  cached ??= parseConfig(runtimeEnv());
  return cached;
}

/**
 * The local chain's node itself (not the gateway), when the app may give test gas from it:
 * SPIN_LOCAL_NODE_URL, set by `npm start` and the end-to-end tests for the local chain only.
 */
export function localNodeUrl(): string | undefined {
  const value = process.env["SPIN_LOCAL_NODE_URL"];
  if (!value) return undefined;
  const url = new URL(value);
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new ConfigError(`SPIN_LOCAL_NODE_URL must be an http(s) URL, got ${url.protocol}`);
  return value;
}

export type AddressBookResult = { book: AddressBook } | { error: string };

/** deployments/<chainId>.json, from SPIN_DEPLOYMENTS_DIR or the repository's deployments/. */
export async function loadAddressBook(chainId: number): Promise<AddressBookResult> {
  const dir = process.env["SPIN_DEPLOYMENTS_DIR"] ?? path.resolve(process.cwd(), "../deployments");
  const file = path.join(/*turbopackIgnore: true*/ dir, addressBookFileName(chainId));
  try {
    return {
      book: parseAddressBook(JSON.parse(await readFile(/*turbopackIgnore: true*/ file, "utf8"))),
    };
  } catch (error) {
    return { error: `${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
