/**
 * Every refusal is counted and logged at `info` (a refusal is the gateway doing its job, not a
 * fault). Refusals for volume (rate, concurrency, connections) come in floods from one client:
 * logging each would let that client fill the disk, so per client and reason the first one in a
 * window is logged and the others are counted, then reported in one line when the window closes.
 */
import type { GatewayLogger } from "./log.ts";
import type { Metrics, RefusalReason } from "./metrics.ts";

const VOLUME_REASONS: ReadonlySet<RefusalReason> = new Set([
  "rate_limited",
  "client_concurrency",
  "client_connections",
  "overloaded",
  "websocket_connections",
  "websocket_client_connections",
]);

/** Plain words for each reason, the first thing a person reads on the line. */
const DESCRIPTIONS: Record<RefusalReason, string> = {
  method_not_found: "unknown method",
  method_not_enabled: "method not enabled",
  node_signing_disabled: "node-signed sending and signing are off",
  sender_not_authorized: "sender not authorized",
  authority_not_authorized: "EIP-7702 authority not authorized",
  origin_not_allowed: "origin not allowed",
  content_type_not_allowed: "content type not allowed",
  http_method_not_allowed: "HTTP method not allowed",
  parse_error: "body is not JSON",
  invalid_request: "not a JSON-RPC request",
  invalid_params: "invalid params",
  batch_too_large: "batch too large",
  body_too_large: "body too large",
  rate_limited: "client over its request rate",
  client_concurrency: "client has too many requests waiting",
  client_connections: "client has too many connections open",
  overloaded: "too many requests waiting for the node",
  websocket_connections: "too many WebSocket connections",
  websocket_client_connections: "client has too many WebSocket connections",
  websocket_subscriptions: "too many subscriptions on one connection",
  websocket_message_too_large: "WebSocket message too large",
  websocket_slow_client: "WebSocket client too slow to read",
};

export type RefusalFields = { client: string } & Record<string, unknown>;

export type Refusals = {
  /** Counts the refusal and logs it (or folds it into the client's next summary). */
  record(reason: RefusalReason, fields: RefusalFields): void;
  /** Logs what is still folded, and stops the summary timer. */
  close(): void;
};

export function createRefusals(
  metrics: Metrics,
  logger: GatewayLogger,
  summaryWindowMs = 10_000,
): Refusals {
  const folded = new Map<string, { reason: RefusalReason; client: string; count: number }>();
  const opened = new Set<string>();

  function flush(): void {
    for (const [key, entry] of folded) {
      logger.info(`refused ${entry.count} more: ${DESCRIPTIONS[entry.reason]}`, {
        reason: entry.reason,
        client: entry.client,
        count: entry.count,
        windowMs: summaryWindowMs,
      });
      folded.delete(key);
    }
    opened.clear();
  }
  const timer = setInterval(flush, summaryWindowMs);
  timer.unref();

  return {
    record(reason, fields) {
      metrics.refused(reason);
      if (VOLUME_REASONS.has(reason)) {
        const key = `${reason} ${fields.client}`;
        if (opened.has(key)) {
          const entry = folded.get(key);
          if (entry) entry.count += 1;
          else folded.set(key, { reason, client: fields.client, count: 1 });
          return;
        }
        opened.add(key);
      }
      logger.info(`refused: ${DESCRIPTIONS[reason]}`, { reason, ...fields });
    },
    close() {
      clearInterval(timer);
      flush();
    },
  };
}
