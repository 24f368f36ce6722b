/**
 * Local servers: a free port for one, and waiting for one that is starting to answer.
 */
import { createServer } from "node:net";
import { waitFor } from "./wait.ts";

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface WaitOptions {
  /** How long the server may take on an idle machine; stretched on a loaded one. */
  timeoutMs: number;
  /** The request to send (a GET by default); a JSON-RPC node wants a POST. */
  init?: RequestInit;
  /** What counts as an answer; by default anything below 500. */
  answered?: (response: Response) => boolean;
  /** Says why the server can no longer answer (its process exited), or undefined while it may. */
  gone?: () => string | undefined;
  intervalMs?: number;
}

/** Resolves once `url` answers; throws when the server is gone or does not answer in time. */
export async function waitForUrl(url: string, options: WaitOptions): Promise<void> {
  const answered = options.answered ?? ((response: Response) => response.status < 500);
  await waitFor({
    what: `${url} to answer`,
    probe: async () => {
      const response = await fetch(url, { ...options.init, signal: AbortSignal.timeout(5_000) });
      return { status: response.status, ok: answered(response) };
    },
    done: (answer) => answer.ok,
    describe: (answer) => `HTTP ${answer.status}`,
    stallMs: options.timeoutMs,
    gone: options.gone,
    intervalMs: options.intervalMs ?? 250,
  }).catch((error: Error) => {
    throw new Error(`${url} will not answer: ${error.message}`);
  });
}

/** `gone` for a child process: its exit code or signal once it has exited. */
export function exitOf(child: {
  exitCode: number | null;
  signalCode: NodeJS.Signals | null;
}): () => string | undefined {
  return () =>
    child.exitCode !== null
      ? `its process exited with code ${child.exitCode}`
      : child.signalCode !== null
        ? `its process was stopped by ${child.signalCode}`
        : undefined;
}
