/** Reading the indexer's API through the app's forwarding route. */
import { API_PROXY_PATH } from "./config";

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export async function apiGet<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${API_PROXY_PATH}${path}`, init);
  if (!response.ok) throw new ApiError(await errorText(response), response.status);
  return (await response.json()) as T;
}

export async function apiPost<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${API_PROXY_PATH}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new ApiError(await errorText(response), response.status);
  return (await response.json()) as T;
}

async function errorText(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: string };
    return body.message ?? `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

/** The URL of a file inside a stored bundle. */
export function contentFileUrl(contentHash: string, path: string): string {
  return `${API_PROXY_PATH}/content/${contentHash}/files/${path.split("/").map(encodeURIComponent).join("/")}`;
}

export interface Health {
  indexedBlock: number | null;
  headBlock: number | null;
}

export interface BundleSummary {
  content_hash: string;
  cid: string;
  title: string;
  summary: string;
  tags: string[];
  machines: string[];
  total_size: number;
  file_count: number;
}

export interface Bundle extends BundleSummary {
  entries: { path: string; size: number; sha256: string }[];
}

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

/** Every stored bundle's front matter (a few pages at most on a community's chain). */
export async function allBundles(q?: string): Promise<BundleSummary[]> {
  const out: BundleSummary[] = [];
  let cursor: string | null | undefined;
  for (let pageIndex = 0; pageIndex < 20; pageIndex++) {
    const params = new URLSearchParams({ limit: "100" });
    if (q) params.set("q", q);
    if (cursor) params.set("cursor", cursor);
    const page = await apiGet<Page<BundleSummary>>(`/content?${params}`);
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}
