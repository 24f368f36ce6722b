/**
 * Local servers: a free port for one, and waiting for one that is starting to answer.
 */
import { createServer } from "node:net";

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
  timeoutMs: number;
  /** The request to send (a GET by default); a JSON-RPC node wants a POST. */
  init?: RequestInit;
  /** What counts as an answer; by default anything below 500. */
  answered?: (response: Response) => boolean;
  /** Says why the server can no longer answer (its process exited), or undefined while it may. */
  gone?: () => string | undefined;
  intervalMs?: number;
}

/** Resolves once `url` answers; throws when the server is gone or the time is up. */
export async function waitForUrl(url: string, options: WaitOptions): Promise<void> {
  const answered = options.answered ?? ((response: Response) => response.status < 500);
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    const gone = options.gone?.();
    if (gone) throw new Error(`${url} will not answer: ${gone}`);
    try {
      if (answered(await fetch(url, options.init))) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
  throw new Error(`${url} did not answer within ${options.timeoutMs} ms`);
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
