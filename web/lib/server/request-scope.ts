/**
 * Reads one request shares. The App Router's server components share them through React's
 * cache(). A light page (Pages Router) decides its title in getServerSideProps and renders its
 * body in the document, where React's cache() keeps nothing, so a record's page would read the
 * record twice. A light page runs both steps in its request's scope (inRequestScope), where a
 * read wrapped in perRequest() is made once per request and arguments; outside any scope it is
 * React's cache().
 */
import "./only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingMessage } from "node:http";
import { cache } from "react";

/** Per read, its results by arguments. */
type Reads = Map<unknown, Map<string, unknown>>;

const scope = new AsyncLocalStorage<Reads>();
const byRequest = new WeakMap<IncomingMessage, Reads>();

/** Runs `run` in `request`'s scope: reads made in it are shared with the request's other steps. */
export function inRequestScope<T>(request: IncomingMessage | undefined, run: () => T): T {
  if (!request) return run();
  let reads = byRequest.get(request);
  if (!reads) {
    reads = new Map();
    byRequest.set(request, reads);
  }
  return scope.run(reads, run);
}

/** `read`, made once per request and arguments (a failure too, as React's cache() keeps it). */
export function perRequest<A extends unknown[], R>(read: (...args: A) => R): (...args: A) => R {
  const cached = cache(read);
  return (...args: A): R => {
    const reads = scope.getStore();
    if (!reads) return cached(...args);
    let results = reads.get(read) as Map<string, R> | undefined;
    if (!results) {
      results = new Map();
      reads.set(read, results);
    }
    const key = JSON.stringify(args);
    if (!results.has(key)) results.set(key, read(...args));
    return results.get(key) as R;
  };
}
