/** Counters the API keeps about itself, exposed on /metrics. */
export interface ApiStats {
  sseClients: number;
  sseRefused: number;
  sseDropped: number;
  uploadsStored: number;
  uploadsRefused: number;
  bundlesRemoved: number;
  /** Licence checks and other hot reads answered without the router (http/direct.ts). */
  directAnswers: number;
}

export function createApiStats(): ApiStats {
  return {
    sseClients: 0,
    sseRefused: 0,
    sseDropped: 0,
    uploadsStored: 0,
    uploadsRefused: 0,
    bundlesRemoved: 0,
    directAnswers: 0,
  };
}

export function apiMetricsText(stats: ApiStats): string {
  const metrics: [string, "gauge" | "counter", string, number][] = [
    ["spin_api_sse_clients", "gauge", "Connected server-sent event clients", stats.sseClients],
    [
      "spin_api_sse_refused_total",
      "counter",
      "Event streams refused at the client cap",
      stats.sseRefused,
    ],
    [
      "spin_api_sse_dropped_total",
      "counter",
      "Slow event stream clients dropped",
      stats.sseDropped,
    ],
    ["spin_api_uploads_stored_total", "counter", "Bundles stored", stats.uploadsStored],
    ["spin_api_uploads_refused_total", "counter", "Uploads refused", stats.uploadsRefused],
    [
      "spin_api_bundles_removed_total",
      "counter",
      "Unregistered bundles removed after the grace period",
      stats.bundlesRemoved,
    ],
    [
      "spin_api_direct_answers_total",
      "counter",
      "Well-formed requests of hot read routes answered without the router",
      stats.directAnswers,
    ],
  ];
  return metrics
    .map(
      ([name, type, help, value]) =>
        `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${value}\n`,
    )
    .join("");
}
