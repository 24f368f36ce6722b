/** Prometheus text exposition of the sync's status. */
import { eventsPerSecond, isStuck, type SyncStatus } from "../sync/status.ts";

export function metricsText(status: SyncStatus, stuckAfterMs: number): string {
  const head = status.headBlock ?? 0;
  const indexed = status.indexedBlock ?? 0;
  const metrics: [string, "gauge" | "counter", string, number][] = [
    ["spin_indexer_head_block", "gauge", "Latest block number seen on the RPC", head],
    ["spin_indexer_indexed_block", "gauge", "Latest block committed to the store", indexed],
    [
      "spin_indexer_lag_blocks",
      "gauge",
      "Head block minus indexed block",
      Math.max(0, head - indexed),
    ],
    [
      "spin_indexer_events_per_second",
      "gauge",
      "Events indexed per second (10 s window)",
      eventsPerSecond(status),
    ],
    ["spin_indexer_events_total", "counter", "Events indexed since start", status.eventsTotal],
    ["spin_indexer_rpc_errors_total", "counter", "Failed RPC requests", status.rpcErrorsTotal],
    ["spin_indexer_reorgs_total", "counter", "Reorgs detected", status.reorgsTotal],
    [
      "spin_indexer_notices_refused_total",
      "counter",
      "Store notices refused: not sealed with the store's key, or sent again",
      status.noticesRefusedTotal,
    ],
    ["spin_indexer_resets_total", "counter", "Full re-indexes", status.resetsTotal],
    [
      "spin_indexer_rpc_stuck",
      "gauge",
      "1 when the RPC has failed for too long",
      isStuck(status, stuckAfterMs) ? 1 : 0,
    ],
  ];
  return metrics
    .map(
      ([name, type, help, value]) =>
        `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${value}\n`,
    )
    .join("");
}
