/**
 * What the gateway counts, served in Prometheus' text format: requests by transport, refusals by
 * reason, and what is open right now. Counters only grow; a refusal is counted even when its log
 * line is folded into a summary (see refusals.ts).
 */

/** Why the gateway refused something: the `reason` label of the refusal counter. */
export const REFUSAL_REASONS = [
  // what is asked
  "method_not_found",
  "method_not_enabled",
  "node_signing_disabled",
  "sender_not_authorized",
  "authority_not_authorized",
  // how it is asked
  "origin_not_allowed",
  "content_type_not_allowed",
  "http_method_not_allowed",
  "parse_error",
  "invalid_request",
  "invalid_params",
  "batch_too_large",
  "body_too_large",
  // how much is asked
  "rate_limited",
  "client_concurrency",
  "client_connections",
  "overloaded",
  "websocket_connections",
  "websocket_client_connections",
  "websocket_subscriptions",
  "websocket_message_too_large",
  "websocket_slow_client",
] as const;

export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export type Transport = "http" | "ws";

export type MetricsSnapshot = {
  requests: Record<Transport, number>;
  forwarded: number;
  refusals: Record<RefusalReason, number>;
  webSocketConnections: number;
  inFlight: number;
};

export type Metrics = {
  request(transport: Transport, items?: number): void;
  forwarded(): void;
  refused(reason: RefusalReason): void;
  snapshot(): MetricsSnapshot;
  /** The Prometheus text exposition of every counter and gauge. */
  render(): string;
};

export type MetricsGauges = {
  webSocketConnections(): number;
  inFlight(): number;
};

export function createMetrics(gauges: MetricsGauges): Metrics {
  const requests: Record<Transport, number> = { http: 0, ws: 0 };
  const refusals = Object.fromEntries(REFUSAL_REASONS.map((r) => [r, 0])) as Record<
    RefusalReason,
    number
  >;
  let forwarded = 0;

  const snapshot = (): MetricsSnapshot => ({
    requests: { ...requests },
    forwarded,
    refusals: { ...refusals },
    webSocketConnections: gauges.webSocketConnections(),
    inFlight: gauges.inFlight(),
  });

  return {
    request(transport, items = 1) {
      requests[transport] += items;
    },
    forwarded() {
      forwarded += 1;
    },
    refused(reason) {
      refusals[reason] += 1;
    },
    snapshot,
    render() {
      const now = snapshot();
      const lines = [
        "# HELP spin_gateway_requests_total JSON-RPC requests read (each item of a batch), by transport; requests refused before they are read count only as refusals.",
        "# TYPE spin_gateway_requests_total counter",
        ...Object.entries(now.requests).map(
          ([transport, n]) => `spin_gateway_requests_total{transport="${transport}"} ${n}`,
        ),
        "# HELP spin_gateway_forwarded_total Requests forwarded to the node.",
        "# TYPE spin_gateway_forwarded_total counter",
        `spin_gateway_forwarded_total ${now.forwarded}`,
        "# HELP spin_gateway_refusals_total Requests, connections and messages refused, by reason.",
        "# TYPE spin_gateway_refusals_total counter",
        ...Object.entries(now.refusals).map(
          ([reason, n]) => `spin_gateway_refusals_total{reason="${reason}"} ${n}`,
        ),
        "# HELP spin_gateway_websocket_connections WebSocket clients connected now.",
        "# TYPE spin_gateway_websocket_connections gauge",
        `spin_gateway_websocket_connections ${now.webSocketConnections}`,
        "# HELP spin_gateway_upstream_in_flight Requests waiting for the node now.",
        "# TYPE spin_gateway_upstream_in_flight gauge",
        `spin_gateway_upstream_in_flight ${now.inFlight}`,
      ];
      return `${lines.join("\n")}\n`;
    },
  };
}
