/**
 * Runs one step of `npm test` (scripts/test/all.ts): a command in a process group of its own,
 * its output echoed and kept, with how long it took and how much of that was compiling.
 *
 * A step ends when its command exits; whatever it started and left running in its group is
 * stopped with it. A step that printed its last line but stays alive (a failed hook left a
 * server open, say) is stopped after a grace period and counts as failed, so the run ends with
 * the tests' own report instead of at CI's time limit.
 */
import { spawn, type ChildProcess } from "node:child_process";

export interface StepOptions {
  /** A line that marks the end of the step's compiling, when it compiles before it tests. */
  compiledAt?: RegExp;
  /** A line the step prints last: once it has, the step must exit within `graceMs`. */
  endsWith?: RegExp;
  /** How long a step may stay alive after its last line; a minute unless given. */
  graceMs?: number;
  /** Echo the step's output as it comes (the default), or only keep it. */
  echo?: boolean;
}

export interface Ran {
  status: number;
  output: string;
  ms: number;
  /** How long the step compiled before its tests started, when it says. */
  compileMs?: number;
  /** True when the step printed its last line and was stopped for not exiting. */
  lingered: boolean;
}

// eslint-disable-next-line no-control-regex
export const plain = (output: string) => output.replace(/\u001b\[[0-9;]*m/g, "");

let running: ChildProcess | undefined;

function stopGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // ESRCH: the group has no process left, so nothing remains to stop.
  }
}

/** Stops the step that is running, if any, and everything in its group; resolves once it exited. */
export function stopRunning(signal: NodeJS.Signals): Promise<void> {
  const child = running;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  stopGroup(child, signal);
  return exited;
}

/** Runs `command`, echoing its output; resolves with its exit status, output and timings. */
export function runStep(command: string[], options: StepOptions = {}): Promise<Ran> {
  const { compiledAt, endsWith, graceMs = 60_000, echo = true } = options;
  const started = Date.now();
  let compileMs: number | undefined;
  let lingering: NodeJS.Timeout | undefined;
  let lingered = false;
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), {
      stdio: ["inherit", "pipe", "pipe"],
      detached: true,
    });
    running = child;
    let output = "";
    const take = (target: NodeJS.WritableStream) => (chunk: Buffer) => {
      if (echo) target.write(chunk);
      const text = chunk.toString("utf8");
      output += text;
      if (compileMs === undefined && compiledAt && compiledAt.source !== "$")
        if (compiledAt.test(plain(output))) compileMs = Date.now() - started;
      if (lingering === undefined && endsWith?.test(plain(text)))
        lingering = setTimeout(() => {
          lingered = true;
          const notice =
            `\nnpm test: "${command.join(" ")}" reported its result but was still running ` +
            `${(graceMs / 1000).toFixed(1)} s later (something it started was left open); stopping it\n`;
          output += notice;
          if (echo) process.stderr.write(notice);
          stopGroup(child, "SIGTERM");
          setTimeout(() => stopGroup(child, "SIGKILL"), 10_000).unref();
        }, graceMs);
    };
    child.stdout.on("data", take(process.stdout));
    child.stderr.on("data", take(process.stderr));
    child.on("error", reject);
    // What the step left behind in its group goes with it; it would hold the output pipes open.
    child.on("exit", () => {
      clearTimeout(lingering);
      stopGroup(child, "SIGKILL");
    });
    child.on("close", (code) => {
      const ms = Date.now() - started;
      // A step that only compiles ("$") compiles all along.
      if (compiledAt?.source === "$") compileMs = ms;
      resolve({ status: lingered ? 1 : (code ?? 1), output, ms, compileMs, lingered });
    });
  });
}
