/**
 * A closed-loop HTTP load generator in its own thread, so that the client's work does not share
 * the server's event loop: `connections` clients each send their next request as soon as the
 * previous answer is read, until `requests` have been sent. With several servers, the requests
 * go to each in turn. Posts back the latencies (ms).
 */
import http from "node:http";
import { parentPort, workerData, Worker } from "node:worker_threads";

export interface LoadPlan {
  /** Paths requested in turn (request i gets routes[i % routes.length]). */
  routes: string[];
  /** The servers; request i goes to baseUrls[i % baseUrls.length]. */
  baseUrls: string[];
  requests: number;
  connections: number;
}

export interface LoadResult {
  latenciesMs: number[];
  seconds: number;
  failures: string[];
}

async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: plan.connections });
  const latenciesMs: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const one = (url: string, route: string) =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      http
        .get(`${url}${route}`, { agent }, (res) => {
          res.resume();
          res.on("end", () => {
            latenciesMs.push(performance.now() - started);
            if (res.statusCode !== 200) failures.push(`${route}: HTTP ${res.statusCode}`);
            resolve();
          });
        })
        .on("error", (error) => {
          failures.push(`${route}: ${error.message}`);
          resolve();
        });
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: plan.connections }, async () => {
      while (next < plan.requests) {
        const i = next++;
        await one(plan.baseUrls[i % plan.baseUrls.length], plan.routes[i % plan.routes.length]);
      }
    }),
  );
  agent.destroy();
  return { latenciesMs, seconds: (performance.now() - started) / 1000, failures };
}

/** Runs `plan` in a worker thread and resolves with its result. */
export function loadInWorker(plan: LoadPlan): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: plan });
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`the load generator exited with code ${code}`));
    });
  });
}

if (parentPort && workerData) {
  parentPort.postMessage(await runLoad(workerData as LoadPlan));
}
