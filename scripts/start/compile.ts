/**
 * Compiling what `npm start` deploys: the contracts under contracts/ (not the Solidity tests, not
 * the benchmark's reference contracts). Hardhat keeps a cache, so a second start compiles nothing.
 */
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { repositoryRoot } from "./config.ts";

const hardhatCli = path.join(repositoryRoot, "node_modules/hardhat/dist/src/cli.js");

/** contracts/**.sol, as Hardhat names root files (relative to the repository). */
export function contractSources(): string[] {
  return readdirSync(path.join(repositoryRoot, "contracts"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".sol"))
    .map((file) => path.posix.join("contracts", file.split(path.sep).join("/")))
    .sort();
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
