/**
 * Activity: every indexed event, and new activity as server-sent events. Streams are bounded:
 * at most `api.sse.maxClients` at once (the next gets a 503), and each client has a queue of
 * `api.sse.queueEvents`; a client that falls further behind is told why (`event: close`) when
 * it can still be told, and disconnected.
 */
import type { ServerResponse } from "node:http";
import { createRoute, z } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import type { Activity } from "../../sync/engine.ts";
import { cursorParam, pageOf } from "../http/cursor.ts";
import type { Api, ApiContext } from "../http/context.ts";
import { ApiError } from "../http/errors.ts";
import { identifier, limit } from "../http/params.ts";
import { before, ok } from "../http/respond.ts";
import { errorResponses, jsonResponse } from "../schemas/common.ts";
import { events } from "../schemas/system.ts";

const activityQuery = z
  .object({
    limit,
    cursor: cursorParam.optional(),
    contract: identifier.optional(),
    event: identifier.optional(),
  })
  .strict();

/** Resolves after `ms`, or when `promise` settles, whichever is first. */
function within(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void promise.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export function registerActivityRoutes(app: Api, ctx: ApiContext): void {
  const { db, cursors, sync, config, stats, logger } = ctx;

  app.openapi(
    createRoute({
      method: "get",
      path: "/activity",
      summary: "Every indexed event, newest first",
      request: { query: activityQuery },
      responses: { 200: jsonResponse(events, "A page of events"), ...errorResponses(400) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const key = cursors.decode("activity", q.cursor, ["int", "int"]);
      let query = db
        .selectFrom("events")
        .selectAll()
        .orderBy("block_number", "desc")
        .orderBy("log_index", "desc")
        .limit(q.limit + 1);
      if (q.contract) query = query.where("contract", "=", q.contract);
      if (q.event) query = query.where("event_name", "=", q.event);
      if (key) query = query.where(before(["block_number", "log_index"], key));
      return ok(
        c,
        pageOf(cursors, "activity", await query.execute(), q.limit, (r) => [
          r.block_number,
          r.log_index,
        ]),
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/activity/stream",
      summary:
        "New activity as server-sent events (ready, events, rollback, reset; close with the reason " +
        "before a slow client is dropped)",
      responses: {
        200: {
          description: "text/event-stream",
          content: { "text/event-stream": { schema: z.string() } },
        },
        ...errorResponses(503),
      },
    }),
    (c) => {
      const { maxClients, queueEvents, pingMs } = config.api.sse;
      if (stats.sseClients >= maxClients) {
        stats.sseRefused += 1;
        throw new ApiError(
          503,
          "too_many_streams",
          `at most ${maxClients} event streams may be open at once`,
          null,
          {
            limit: maxClients,
            used: stats.sseClients,
          },
        );
      }
      stats.sseClients += 1;
      const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
      return streamSSE(
        c,
        async (stream) => {
          const queue: Activity[] = [];
          let wake: (() => void) | null = null;
          let dropped = false;
          // Dropping does not wait for the writer: a client that reads nothing blocks it.
          const drop = () => {
            dropped = true;
            stats.sseDropped += 1;
            logger.info("event stream dropped: client too slow", { queueEvents });
            const reason = {
              reason: "slow_client",
              message: `more than ${queueEvents} events were waiting for this client`,
            };
            void within(
              stream.writeSSE({ event: "close", data: JSON.stringify(reason) }),
              1_000,
            ).then(() => {
              outgoing?.destroy();
              stream.abort();
            });
          };
          const listener = (activity: Activity) => {
            if (dropped) return;
            if (queue.length >= queueEvents) drop();
            else queue.push(activity);
            wake?.();
          };
          sync.activity.on("activity", listener);
          stream.onAbort(() => wake?.());
          try {
            await stream.writeSSE({
              event: "ready",
              data: JSON.stringify({ indexedBlock: sync.status.indexedBlock }),
            });
            while (!stream.aborted && !stream.closed && !dropped) {
              const next = queue.shift();
              if (next) {
                await stream.writeSSE({ event: next.type, data: JSON.stringify(next) });
                continue;
              }
              let timer: NodeJS.Timeout | undefined;
              await new Promise<void>((resolve) => {
                wake = resolve;
                timer = setTimeout(resolve, pingMs);
              });
              clearTimeout(timer);
              wake = null;
              if (queue.length === 0 && !stream.aborted && !dropped)
                await stream.writeSSE({ event: "ping", data: "{}" });
            }
          } finally {
            sync.activity.off("activity", listener);
            stats.sseClients -= 1;
          }
        },
        async (error) => {
          logger.warn("event stream failed", { error: String(error) });
        },
      ) as never;
    },
  );
}
