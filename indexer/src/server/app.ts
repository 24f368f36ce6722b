/**
 * The HTTP API. Every route is declared once with its zod schemas for parameters, bodies and
 * responses (routes/*.ts); the same declarations validate requests and generate /openapi.json,
 * from which the dApp's types are generated. Anything malformed is a 4xx JSON error naming the
 * field; an unexpected failure is a 500 whose request id is in the body, the X-Request-Id header
 * and the log line.
 */
import { randomUUID } from "node:crypto";
import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ContentCorruptedError } from "../content/disk.ts";
import { licenceVersion } from "../sync/status.ts";
import { createCursors } from "./http/cursor.ts";
import { createDirectRoutes, type DirectRoutes } from "./http/direct.ts";
import type { Api, ApiContext, ApiEnv } from "./http/context.ts";
import { ApiError, describeIssue, isInputDatabaseError, isUniqueViolation } from "./http/errors.ts";
import { pathMethods, pathPattern } from "./http/methods.ts";
import { builtWithStandardHeaders, hasStandardHeaders, standardHeaders } from "./http/respond.ts";
import { createApiStats } from "./http/stats.ts";
import { createLicenceChecker } from "./licence-check.ts";
import { createBlockTimes } from "./reads/block-times.ts";
import { createNameBook } from "./reads/names.ts";
import { registerActivityRoutes } from "./routes/activity.ts";
import { registerApplicationRoutes } from "./routes/applications.ts";
import { registerCommonsRoutes } from "./routes/commons.ts";
import { registerContentRoutes } from "./routes/content.ts";
import { registerFundRoutes } from "./routes/fund.ts";
import { registerProposalRoutes } from "./routes/proposals.ts";
import { registerSystemRoutes } from "./routes/system.ts";
import { registerWorkRoutes } from "./routes/works.ts";

export type AppDeps = Omit<
  ApiContext,
  "cursors" | "licences" | "names" | "blockTimes" | "stats" | "direct"
> & {
  /** The key cursors are signed with (shared by every API process over one store). */
  cursorSecret: Uint8Array;
};

const where: Record<string, string> = {
  param: "params",
  query: "query",
  json: "body",
  form: "body",
  header: "headers",
  cookie: "cookies",
};

export const openApiInfo = {
  openapi: "3.1.0",
  info: {
    title: "SPIN indexer API",
    version: "1.0.0",
    description:
      "SPIN's contract events, indexed: participants and names, works and licences, the common " +
      "fund's ledger, proposals and votes, and the content store. Errors are JSON: " +
      "{ error, message, field, requestId }.",
  },
} as const;

/** The API: the Hono application, and the direct answers to put in front of it (http/direct.ts). */
export interface ApiApp {
  app: Api;
  direct: DirectRoutes;
}

export function createApp(deps: AppDeps): ApiApp {
  const { config, db, sync, logger } = deps;
  const app: Api = new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const { field, message } = describeIssue(
          where[result.target] ?? result.target,
          result.error,
        );
        throw new ApiError(400, "invalid_request", message, field);
      }
    },
  });
  const stats = createApiStats();
  const ctx: ApiContext = {
    ...deps,
    stats,
    direct: createDirectRoutes(stats, logger),
    cursors: createCursors(deps.cursorSecret),
    licences: createLicenceChecker(db, {
      entries: config.licenceCheckCacheEntries,
      version: () => licenceVersion(sync.status),
      changes: () => sync.status.licenceChanges,
      clock: () => sync.status.indexedTimestamp,
    }),
    names: createNameBook(db, config),
    blockTimes: createBlockTimes(db, deps.reader, () => sync.status, config.finalityDepth),
  };

  /**
   * Each documented operation's query parameters: any other is refused (allow-list). Found by
   * method and path: a path without parameters by one lookup, the others by their patterns.
   */
  let queryNames: QueryNames = { exact: new Map(), templated: [] };
  app.use(async (c, next) => {
    const requestId = randomUUID();
    c.set("requestId", requestId);
    const operation = operationOf(queryNames, c.req.method, c.req.path);
    if (operation) {
      const unknown = Object.keys(c.req.queries()).find((name) => !operation.names.has(name));
      if (unknown !== undefined) {
        const field = `query.${unknown}`;
        throw new ApiError(
          400,
          "invalid_request",
          `${field} is not a parameter of this route`,
          field,
        );
      }
    }
    await next();
    if (!hasStandardHeaders(c.res)) {
      for (const [name, value] of Object.entries(standardHeaders(requestId))) {
        c.res.headers.set(name, value);
      }
    }
  });

  app.onError((error, c) => {
    const requestId = c.get("requestId") ?? randomUUID();
    const body = (
      status: ContentfulStatusCode,
      code: string,
      message: string,
      field: string | null,
      extra = {},
    ) =>
      builtWithStandardHeaders(
        c.json(
          { error: code, message, field, requestId, ...extra },
          status,
          standardHeaders(requestId),
        ),
      );
    if (error instanceof ApiError) {
      if (error.status >= 500) logger.error(error.message, { requestId, path: c.req.path });
      else if (error.status !== 404)
        logger.info("request refused", {
          requestId,
          path: c.req.path,
          status: error.status,
          error: error.code,
          field: error.field,
        });
      const headers = error.status === 405 ? { Allow: String(error.details.allow) } : {};
      const { allow: _allow, ...details } = error.details;
      const response = body(error.status, error.code, error.message, error.field, details);
      for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
      return response;
    }
    if (error instanceof HTTPException) {
      const status = error.status as ContentfulStatusCode;
      const code =
        status === 415
          ? "unsupported_media_type"
          : status === 413
            ? "too_large"
            : "invalid_request";
      const message =
        status === 415 ? "this route does not accept that content type" : error.message;
      return body(status, code, message, status === 415 ? "headers.content-type" : null);
    }
    if (error instanceof ContentCorruptedError) {
      logger.error("content corrupted", { requestId, path: c.req.path, error: error.message });
      return body(500, "content_corrupted", `${error.message} (request ${requestId})`, null);
    }
    if (isInputDatabaseError(error)) {
      logger.info("input refused by the database", {
        requestId,
        path: c.req.path,
        error: String(error),
      });
      return body(
        400,
        "invalid_request",
        `the store refused this input: ${(error as Error).message}`,
        null,
      );
    }
    if (isUniqueViolation(error)) {
      return body(409, "conflict", "this was stored at the same moment by another request", null);
    }
    logger.error("request failed", {
      requestId,
      method: c.req.method,
      path: c.req.path,
      error: String(error),
      stack: (error as Error).stack,
    });
    return body(500, "internal", `internal error (request ${requestId})`, null);
  });

  registerSystemRoutes(app, ctx);
  registerActivityRoutes(app, ctx);
  registerFundRoutes(app, ctx);
  registerCommonsRoutes(app, ctx);
  registerWorkRoutes(app, ctx);
  registerProposalRoutes(app, ctx);
  registerContentRoutes(app, ctx);
  registerApplicationRoutes(app, ctx);

  const document = app.getOpenAPI31Document(openApiInfo);
  app.get("/openapi.json", (c) => c.json(document));
  queryNames = queryNamesOf(document.paths ?? {});
  const methods = pathMethods([
    ...Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item as object).map((method) => ({ method, path })),
    ),
    { method: "get", path: "/openapi.json" },
  ]);

  app.notFound((c) => {
    const allowed = methods.allowed(c.req.path);
    if (!allowed) throw new ApiError(404, "not_found", `no route ${c.req.path}`, null);
    if (c.req.method === "OPTIONS") return c.body(null, 204, { Allow: allowed.join(", ") });
    throw new ApiError(
      405,
      "method_not_allowed",
      `${c.req.method} is not allowed on ${c.req.path}; use ${allowed.join(", ")}`,
      null,
      { allow: allowed.join(", ") },
    );
  });
  return { app, direct: ctx.direct };
}

interface QueryNames {
  /** By method and path ("GET /health"). */
  exact: Map<string, Set<string>>;
  templated: { method: string; regex: RegExp; names: Set<string> }[];
}

function queryNamesOf(paths: Record<string, unknown>): QueryNames {
  const queryNames: QueryNames = { exact: new Map(), templated: [] };
  for (const [path, item] of Object.entries(paths)) {
    const operations = item as Record<string, { parameters?: { in: string; name: string }[] }>;
    for (const [method, operation] of Object.entries(operations)) {
      const names = new Set(
        (operation.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
      );
      const upper = method.toUpperCase();
      if (path.includes("{")) {
        queryNames.templated.push({ method: upper, regex: pathPattern(path), names });
      } else {
        queryNames.exact.set(`${upper} ${path}`, names);
      }
    }
  }
  return queryNames;
}

/** The query parameters of the operation at `method` and `path`, or undefined for none. */
function operationOf(queryNames: QueryNames, method: string, path: string) {
  const exact = queryNames.exact.get(`${method} ${path}`);
  if (exact) return { names: exact };
  return queryNames.templated.find((o) => o.method === method && o.regex.test(path));
}

/** The OpenAPI document the app serves, without serving it (for the type generator). */
export function openApiDocumentOf(app: Api) {
  return app.getOpenAPI31Document(openApiInfo);
}
