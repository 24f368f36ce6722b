/** Health, Prometheus metrics and the OpenAPI document's own entry. */
import { createRoute, z } from "@hono/zod-openapi";
import { isStuck } from "../../sync/status.ts";
import type { Api, ApiContext } from "../http/context.ts";
import { jsonAnswer } from "../http/respond.ts";
import { apiMetricsText } from "../http/stats.ts";
import { metricsText } from "../metrics.ts";
import { errorResponses, jsonResponse } from "../schemas/common.ts";
import { health } from "../schemas/system.ts";

export function registerSystemRoutes(app: Api, { config, sync, stats }: ApiContext): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/health",
      summary: "Sync status",
      responses: {
        200: jsonResponse(health, "Healthy"),
        503: jsonResponse(health, "Stuck or failed"),
        ...errorResponses(),
      },
    }),
    (c) => {
      const s = sync.status;
      const stuck = isStuck(s, config.rpc.stuckAfterMs);
      const healthy = s.phase !== "failed" && !stuck;
      return jsonAnswer(
        c,
        {
          status: s.phase === "failed" ? "failed" : stuck ? "stuck" : "ok",
          phase: s.phase,
          chainId: config.chainId,
          headBlock: s.headBlock,
          indexedBlock: s.indexedBlock,
          lagBlocks:
            s.headBlock !== null && s.indexedBlock !== null
              ? Math.max(0, s.headBlock - s.indexedBlock)
              : null,
          rpcErrors: s.rpcErrorsTotal,
          lastRpcError: s.lastRpcError,
          fatalError: s.fatalError,
        },
        healthy ? 200 : 503,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/metrics",
      summary: "Prometheus metrics of the sync and the API",
      responses: {
        200: { description: "Metrics text", content: { "text/plain": { schema: z.string() } } },
        ...errorResponses(),
      },
    }),
    (c) =>
      c.text(metricsText(sync.status, config.rpc.stuckAfterMs) + apiMetricsText(stats), 200, {
        "content-type": "text/plain; version=0.0.4",
      }) as never,
  );

  app.openAPIRegistry.registerPath({
    method: "get",
    path: "/openapi.json",
    summary: "This document (OpenAPI 3.1)",
    responses: {
      200: jsonResponse(z.record(z.string(), z.unknown()), "The OpenAPI document"),
      ...errorResponses(),
    },
  });
}
