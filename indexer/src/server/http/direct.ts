/**
 * Direct answers for the API's hottest read (the licence check, which integrators ask over and
 * over): a request that is plainly well formed is answered by the Node request handler itself,
 * without the Fetch Request and Response the Node adapter builds, Hono's router and middleware.
 * Under load those cost a check about as much CPU again as its answer (docs/indexer.md, "Speed").
 *
 * A direct answer is the API's own answer: the route's zod schema parses the query, the route's
 * function makes the answer, and it carries the headers ok() gives. Only a GET of the route's
 * exact path, with a plain Host header and a query of `name=value` pairs made of letters,
 * digits, `.`, `_` and `-` (nothing a decoder could read two ways), each name once, that the
 * schema accepts, is answered here. Everything else, and any request whose answer fails, goes
 * to the full API, which answers it as it answers every request: refusals, errors and their
 * logging live in one place.
 */
import { randomUUID } from "node:crypto";
import type { z } from "@hono/zod-openapi";
import type { Logger } from "../../config/logger.ts";
import type { RequestHandler } from "../../listener.ts";
import { jsonHeaders } from "./respond.ts";
import type { ApiStats } from "./stats.ts";

interface DirectRoute {
  schema: z.ZodType;
  answer(query: unknown): Promise<unknown>;
}

export interface DirectRoutes {
  /**
   * Answers `GET path?query` directly when `schema` accepts the query; `answer` must be what the
   * route's own handler answers with ok() for the same parsed query.
   */
  get<S extends z.ZodType>(
    path: string,
    schema: S,
    answer: (query: z.output<S>) => Promise<unknown>,
  ): void;
  /** A Node request handler: answers what it can directly and hands the rest to `api`. */
  handler(api: RequestHandler): RequestHandler;
}

/** A Host header every URL parser reads the same way (the API's adapter refuses some others). */
const PLAIN_HOST = /^[a-z0-9.-]+(?::[0-9]{1,5})?$/;

/** A query part whose name and value read the same before and after any URL decoding. */
const PLAIN_PART = /^([A-Za-z][A-Za-z0-9_]*)=([A-Za-z0-9._-]+)$/;

/** The query's `name → value` pairs, or null unless every part is plain and named once. */
export function plainQuery(search: string): Record<string, string> | null {
  const query: Record<string, string> = Object.create(null);
  for (const part of search.split("&")) {
    const match = PLAIN_PART.exec(part);
    if (!match || match[1] in query) return null;
    query[match[1]] = match[2];
  }
  return query;
}

/** Direct answers, counted in `stats.directAnswers`; a failed one is logged to `logger`. */
export function createDirectRoutes(stats: ApiStats, logger: Logger): DirectRoutes {
  const routes = new Map<string, DirectRoute>();
  return {
    get(path, schema, answer) {
      if (routes.has(path)) throw new Error(`${path} already has a direct answer`);
      routes.set(path, { schema, answer: answer as DirectRoute["answer"] });
    },
    handler(api) {
      return (request, response) => {
        const url = request.url ?? "";
        const mark = url.indexOf("?");
        const plain = request.method === "GET" && PLAIN_HOST.test(request.headers.host ?? "");
        const route = plain && mark > 0 ? routes.get(url.slice(0, mark)) : undefined;
        const query = route ? plainQuery(url.slice(mark + 1)) : null;
        const parsed = query ? route!.schema.safeParse(query) : null;
        if (!parsed?.success) {
          api(request, response);
          return;
        }
        let answering: Promise<unknown>;
        try {
          answering = route!.answer(parsed.data);
        } catch (error) {
          answering = Promise.reject(error);
        }
        answering
          .then((data) => {
            const body = JSON.stringify(data) as string | undefined;
            if (body === undefined) throw new TypeError("the answer has no JSON form");
            return body;
          })
          .then(
            (body) => {
              response.writeHead(200, {
                ...jsonHeaders(randomUUID()),
                "Content-Length": Buffer.byteLength(body),
              });
              response.end(body);
              stats.directAnswers += 1;
            },
            (error: unknown) => {
              // The API answers it again, and maps and logs a failure as for any request.
              logger.warn("a direct answer failed: the API answers instead", {
                path: url.slice(0, mark),
                error: String(error),
              });
              api(request, response);
            },
          );
      };
    },
  };
}
