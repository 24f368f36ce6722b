/**
 * The two kinds of load the gateway benchmark puts on it, each client on its own loopback address
 * (127.0.0.x) so the gateway tells them apart exactly as it tells internet clients apart: by the
 * address their connection comes from.
 *
 * - Well-behaved clients: one keep-alive connection each, one request at a time, paced.
 * - An abuser: many connections, each sending its next request the moment the last is answered,
 *   in a worker thread so that its flood does not share the measuring thread's event loop.
 */
import http from "node:http";
import { parentPort, workerData, Worker } from "node:worker_threads";

/** The reads a wallet or a dApp makes, in turn. */
export function readMix(account: string): { method: string; params: unknown[] }[] {
  return [
    { method: "eth_blockNumber", params: [] },
    { method: "eth_getBalance", params: [account, "latest"] },
    { method: "eth_call", params: [{ to: account, data: "0x" }, "latest"] },
    { method: "eth_chainId", params: [] },
    { method: "eth_getBlockByNumber", params: ["latest", false] },
  ];
}

export type Outcome = "accepted" | "refused" | "failed";

/** One JSON-RPC POST over `agent`; resolves with its outcome and latency, never rejects. */
export function post(
  url: string,
  agent: http.Agent,
  body: string,
): Promise<{ outcome: Outcome; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      url,
      { method: "POST", agent, headers: { "content-type": "application/json" } },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
        res.on("end", () => {
          const ms = performance.now() - started;
          if (res.statusCode === 429) return resolve({ outcome: "refused", ms });
          try {
            const answer = JSON.parse(text) as { result?: unknown; error?: { code: number } };
            if (answer.error?.code === -32005) return resolve({ outcome: "refused", ms });
            resolve({ outcome: answer.error ? "failed" : "accepted", ms });
          } catch {
            resolve({ outcome: "failed", ms });
          }
        });
      },
    );
    req.on("error", () => resolve({ outcome: "failed", ms: performance.now() - started }));
    req.end(body);
  });
}

export type FloodPlan = {
  url: string;
  localAddress: string;
  connections: number;
  /** Stop once this much time has passed (ms). */
  durationMs: number;
  account: string;
};

export type FloodResult = { accepted: number; refused: number; failed: number; seconds: number };

async function flood(plan: FloodPlan): Promise<FloodResult> {
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: plan.connections,
    localAddress: plan.localAddress,
  });
  const bodies = readMix(plan.account).map((call, id) =>
    JSON.stringify({ jsonrpc: "2.0", id, ...call }),
  );
  const counts = { accepted: 0, refused: 0, failed: 0 };
  const started = performance.now();
  const deadline = started + plan.durationMs;
  await Promise.all(
    Array.from({ length: plan.connections }, async (_, lane) => {
      for (let i = lane; performance.now() < deadline; i += plan.connections) {
        const { outcome } = await post(plan.url, agent, bodies[i % bodies.length]);
        counts[outcome] += 1;
      }
    }),
  );
  agent.destroy();
  return { ...counts, seconds: (performance.now() - started) / 1000 };
}

/** Floods in a worker thread; resolves with what the gateway accepted and refused. */
export function floodInWorker(plan: FloodPlan): Promise<FloodResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: plan });
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`the abuser's thread exited with code ${code}`));
    });
  });
}

if (parentPort && workerData) {
  parentPort.postMessage(await flood(workerData as FloodPlan));
}

export type PolitePlan = {
  url: string;
  /** 127.0.0.x addresses, one per client. */
  localAddresses: string[];
  /** Each client's pause between the end of one request and the start of the next. */
  intervalMs: number;
  durationMs: number;
  /** Latencies from before this are left out (connections opening, caches warming). */
  warmUpMs: number;
  account: string;
};

export type PoliteResult = {
  latenciesMs: number[];
  accepted: number;
  refused: number;
  failed: number;
};

/** Well-behaved clients, paced, each on its own address; latencies of the measured window. */
export async function politeClients(plan: PolitePlan): Promise<PoliteResult> {
  const bodies = readMix(plan.account).map((call, id) =>
    JSON.stringify({ jsonrpc: "2.0", id, ...call }),
  );
  const result: PoliteResult = { latenciesMs: [], accepted: 0, refused: 0, failed: 0 };
  const started = performance.now();
  const measureFrom = started + plan.warmUpMs;
  const deadline = started + plan.durationMs;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  await Promise.all(
    plan.localAddresses.map(async (localAddress, client) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress });
      // Spread the clients' first requests over one interval.
      await sleep((client * plan.intervalMs) / plan.localAddresses.length);
      for (let i = client; performance.now() < deadline; i++) {
        const sentAt = performance.now();
        const { outcome, ms } = await post(plan.url, agent, bodies[i % bodies.length]);
        if (sentAt >= measureFrom) {
          result[outcome] += 1;
          result.latenciesMs.push(ms);
        }
        await sleep(plan.intervalMs);
      }
      agent.destroy();
    }),
  );
  return result;
}
