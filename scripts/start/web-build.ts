/**
 * The web app's production build (`next build`), and a stamp of the sources it was built from so
 * that a build is made once per change, not once per start or test run.
 *
 * The build does not depend on ports, addresses or the chain: the app reads its configuration and
 * the address book at request time (web/lib/server-config.ts). So `npm start` builds it while the
 * contracts compile and deploy, and the stamp is a hash of the sources alone.
 *
 * Run directly (`node scripts/start/web-build.ts`), it builds when the stamp is not current.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { repositoryRoot } from "./config.ts";

export const webDir = path.join(repositoryRoot, "web");
const nextBin = path.join(repositoryRoot, "node_modules/next/dist/bin/next");
const stampFile = path.join(webDir, ".next", "spin-sources.sha256");

/** What the build reads: the app's folders and configuration, the shared module, the lockfile. */
const sources = [
  "web/app",
  "web/components",
  "web/hooks",
  "web/lib",
  "web/pages",
  "web/public",
  "web/views",
  "web/next.config.ts",
  "web/proxy.ts",
  "web/package.json",
  "web/tsconfig.json",
  "shared/src",
  "shared/package.json",
  "package-lock.json",
];

function filesUnder(relative: string): string[] {
  const full = path.join(repositoryRoot, relative);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [relative];
  return readdirSync(full, { recursive: true, encoding: "utf8" })
    .map((entry) => path.join(relative, entry))
    .filter((file) => statSync(path.join(repositoryRoot, file)).isFile());
}

/** A hash of every source file's path and content. */
export function webSourcesHash(): string {
  const hash = createHash("sha256");
  for (const file of sources.flatMap(filesUnder).sort()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(repositoryRoot, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** True when web/.next holds a build of exactly the current sources. */
export function webBuildIsCurrent(): boolean {
  return (
    existsSync(path.join(webDir, ".next", "BUILD_ID")) &&
    existsSync(stampFile) &&
    readFileSync(stampFile, "utf8").trim() === webSourcesHash()
  );
}

function buildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, NEXT_TELEMETRY_DISABLED: "1" };
}

/** `next build`, in the foreground with its output shown, as the tests and the benchmark run it. */
export function buildWeb(env: NodeJS.ProcessEnv = process.env): void {
  const hash = webSourcesHash();
  const build = spawnSync(process.execPath, [nextBin, "build", "--webpack"], {
    cwd: webDir,
    env: buildEnv(env),
    stdio: "inherit",
  });
  if (build.status !== 0) throw new Error("the web app did not build");
  writeFileSync(stampFile, `${hash}\n`);
}

export interface BackgroundBuild {
  /** Resolves when the build is done; rejects with the build's output when it failed. */
  done: Promise<void>;
  /** Stops the build (when `npm start` is stopped meanwhile). */
  stop(): void;
}

/**
 * `next build` in the background, its output kept to itself: shown only when the build fails.
 * `onLine` gets each line (for a progress detail). Type errors are left to `npm test`
 * (`tsc -p web`), which checks the same sources, so this build skips its own type check.
 */
export function buildWebInBackground(onLine: (line: string) => void): BackgroundBuild {
  const hash = webSourcesHash();
  const child = spawn(process.execPath, [nextBin, "build", "--webpack"], {
    cwd: webDir,
    env: buildEnv({ ...process.env, SPIN_WEB_BUILD_SKIP_TYPECHECK: "1" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
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
  const done = new Promise<void>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      if (code === 0) {
        writeFileSync(stampFile, `${hash}\n`);
        resolve();
      } else {
        reject(
          new Error(
            `the web app did not build (${signal ?? `exit code ${code}`}):\n${output.trim()}`,
          ),
        );
      }
    });
  });
  return {
    done,
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (webBuildIsCurrent()) console.log("web build: up to date with its sources");
  else buildWeb();
}
