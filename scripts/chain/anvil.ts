/**
 * The local chain: an anvil node (from the @foundry-rs/anvil npm package) with a fixed chain id,
 * its state kept in a file so a restart resumes where the last run stopped.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { exitOf, waitForUrl } from "../lib/net.ts";

const require = createRequire(import.meta.url);

export const LOCAL_CHAIN_ID = 31337;

export interface AnvilOptions {
  port: number;
  host?: string;
  chainId?: number;
  /** Load the chain from this file if it exists, and keep writing it (every few seconds and on exit). */
  statePath?: string;
  /** Funded, unlocked accounts to create (anvil's default mnemonic). */
  accounts?: number;
  /**
   * Accept contracts over EIP-170's limit. Only for coverage runs, whose instrumented contracts
   * are larger than the real ones (`npm test` checks the real ones against the limit).
   */
  unlimitedCodeSize?: boolean;
}

export interface Anvil {
  url: string;
  process: ChildProcess;
  /** Stops the node; with a state file, anvil writes the chain to it first. */
  stop(): Promise<void>;
}

/** The anvil binary shipped by the platform package of @foundry-rs/anvil. */
export function anvilBinary(): string {
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  const pkg = `@foundry-rs/anvil-${process.platform}-${arch}`;
  try {
    return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), "bin", "anvil");
  } catch {
    throw new Error(
      `no anvil binary for ${process.platform}/${process.arch}: ${pkg} is not installed`,
    );
  }
}

export async function startAnvil(options: AnvilOptions): Promise<Anvil> {
  const host = options.host ?? "127.0.0.1";
  const args = [
    "--host",
    host,
    "--port",
    String(options.port),
    "--chain-id",
    String(options.chainId ?? LOCAL_CHAIN_ID),
    "--accounts",
    String(options.accounts ?? 20),
    "--silent",
  ];
  if (options.unlimitedCodeSize) args.push("--disable-code-size-limit");
  if (options.statePath) {
    await mkdir(path.dirname(options.statePath), { recursive: true });
    args.push("--state", options.statePath, "--state-interval", "5");
  }
  const child = spawn(anvilBinary(), args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const url = `http://${host}:${options.port}`;
  try {
    await waitForUrl(url, {
      timeoutMs: 15_000,
      intervalMs: 100,
      gone: exitOf(child),
      init: {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      },
      answered: (response) => response.ok,
    });
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}${stderr ? `: ${stderr.trim()}` : ""}`);
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGINT");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
