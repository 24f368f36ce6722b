/** Reading the indexer's API through the app's forwarding route. */
import { API_PROXY_PATH } from "./config";
import type { Page } from "./model";

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

/** `path?key=value&...`, leaving out the parameters that are not set. */
export function listQuery(path: string, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** Every page of a list route, for lists a community keeps short (places, its own streams). */
export async function listAll<T>(
  path: string,
  params: Record<string, string | undefined> = {},
  maxPages = 20,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let pageIndex = 0; pageIndex < maxPages; pageIndex++) {
    const page = await apiGet<Page<T>>(listQuery(path, { ...params, limit: "100", cursor }));
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return out;
}
