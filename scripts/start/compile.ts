/**
 * Compiling what `npm start` deploys: the contracts under contracts/ (not the Solidity tests, not
 * the benchmark's reference contracts). Hardhat keeps a cache, so a second start compiles nothing;
 * a stamp of the sources it compiled lets that start skip even asking Hardhat (which takes its
 * own startup and a hash of every file: seconds on an idle machine, many on a loaded one).
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { repositoryRoot } from "./config.ts";

const hardhatCli = path.join(repositoryRoot, "node_modules/hardhat/dist/src/cli.js");

/** The version of the WebAssembly solc that hardhat.config.ts compiles with. */
export const solcVersion = (
  createRequire(import.meta.url)("solc/package.json") as { version: string }
).version;

/** contracts/**.sol, as Hardhat names root files (relative to the repository). */
export function contractSources(): string[] {
  return readdirSync(path.join(repositoryRoot, "contracts"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".sol"))
    .map((file) => path.posix.join("contracts", file.split(path.sep).join("/")))
    .sort();
}

const stampFile = path.join(repositoryRoot, "cache", "spin-contracts.sha256");

/** A hash of what the contracts' artifacts depend on: their sources, the build settings, the lockfile. */
function contractsHash(sources: string[]): string {
  const hash = createHash("sha256");
  const inputs = [
    ...sources,
    "hardhat.config.ts",
    "scripts/lib/hardhat-build.ts",
    "package-lock.json",
  ];
  for (const file of inputs) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(repositoryRoot, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** True when artifacts/ holds a build of exactly the current contracts. */
function compiledBefore(hash: string): boolean {
  return (
    existsSync(path.join(repositoryRoot, "artifacts", "contracts")) &&
    existsSync(stampFile) &&
    readFileSync(stampFile, "utf8").trim() === hash
  );
}

export interface CompileResult {
  /** How many files solc compiled (0 when the cache had them all). */
  compiled: number;
  sources: number;
}

/** `hardhat build` of the contracts; its output is shown only when it fails. */
export function compileContracts(onLine: (line: string) => void): {
  done: Promise<CompileResult>;
  stop(): void;
} {
  const sources = contractSources();
  const hash = contractsHash(sources);
  if (compiledBefore(hash))
    return { done: Promise.resolve({ compiled: 0, sources: sources.length }), stop() {} };
  const child = spawn(
    process.execPath,
    [hardhatCli, "build", "--no-tests", ...sources],
    // Hardhat draws a spinner in a terminal; this step shows its own progress.
    { cwd: repositoryRoot, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CI: "true" } },
  );
  let output = "";
  const collect = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    output += text;
    for (const line of text.split("\n")) {
      // eslint-disable-next-line no-control-regex
      const plain = line.replace(/\u001b\[[0-9;]*m/g, "").trim();
      if (plain) onLine(plain);
    }
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const done = new Promise<CompileResult>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      if (code !== 0) {
        reject(
          new Error(`the contracts did not compile (${signal ?? `exit code ${code}`}):\n${output}`),
        );
        return;
      }
      const compiled = Number(/Compiled (\d+) Solidity files?/.exec(output)?.[1] ?? 0);
      writeFileSync(stampFile, `${hash}\n`);
      resolve({ compiled, sources: sources.length });
    });
  });
  return {
    done,
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    },
  };
}
