/**
 * The one typed client of the indexer's API, for the server (straight to the API) and the
 * browser (through the app's /api/spin route). Routes, parameters and answers are the types
 * generated from the API's OpenAPI document (./schema.ts), so a misspelled route, parameter or
 * field fails `tsc`. A refusal becomes an ApiError carrying the API's JSON error body.
 */
import createClient, { type Client } from "openapi-fetch";
import { API_PROXY_PATH } from "../config";
import type { components, paths } from "./schema";

export type { paths };

/** The API's named shapes: `Schema<"Participant">`, `Schema<"LedgerEntry">`… */
export type Schema<N extends keyof components["schemas"]> = components["schemas"][N];

export type ApiClient = Client<paths>;

/** A client of the API at `baseUrl` (an absolute URL on the server, `/api/spin` in the page). */
export function apiClient(baseUrl: string, init: Omit<RequestInit, "body" | "method"> = {}) {
  return createClient<paths>({ baseUrl, ...init });
}

/** The API's JSON error body (`{ error, message, field, limit?, used? }`). */
export type ApiErrorBody = Schema<"Error">;

export class ApiError extends Error {
  override name = "ApiError";
  /** The API's error code (`not_member`, `too_large`…), or `http_<status>` when it sent none. */
  readonly code: string;
  readonly field: string | null;
  readonly limit?: number;
  readonly used?: number;
  constructor(
    readonly status: number,
    body: Partial<ApiErrorBody> | undefined,
  ) {
    super(body?.message ?? `HTTP ${status}`);
    this.code = body?.error ?? `http_${status}`;
    this.field = body?.field ?? null;
    this.limit = body?.limit;
    this.used = body?.used;
  }
}

/** The API's JSON error body, when a refusal carried one. */
export function errorBody(error: unknown): Partial<ApiErrorBody> | undefined {
  return typeof error === "object" && error !== null ? (error as Partial<ApiErrorBody>) : undefined;
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's data; a refusal (any status but 2xx) throws ApiError. */
export async function must<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined) throw new ApiError(response.status, errorBody(error));
  return data;
}

/** The answer's data, or null when the API says 404 (an unknown work, proposal, account…). */
export async function orNull<T>(call: Promise<Answer<T>>): Promise<T | null> {
  try {
    return await must(call);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** A page of a list route. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Every page of a list, following the API's cursor, for lists a community keeps short (persons
 * who may be delegated to, an account's streams): at most `maxPages` pages of 100.
 */
export async function allPages<T>(
  page: (cursor: string | undefined) => Promise<Answer<Page<T>>>,
  maxPages = 20,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const answer = await must(page(cursor));
    out.push(...answer.items);
    cursor = answer.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return out;
}

/**
 * The first item of a list that `matches`, following the API's cursor page by page and stopping
 * as soon as it is found: at most `maxPages` pages (a bound, so a long list cannot keep a page
 * waiting). Null when no page read holds it.
 */
export async function findInPages<T>(
  page: (cursor: string | undefined) => Promise<Answer<Page<T>>>,
  matches: (item: T) => boolean,
  maxPages = 50,
): Promise<T | null> {
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const answer = await must(page(cursor));
    const found = answer.items.find(matches);
    if (found !== undefined) return found;
    cursor = answer.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return null;
}

/**
 * The cursor of the page that holds the first item that `matches` (undefined for the first
 * page), following the cursor from the start; null when no page within `maxPages` holds it.
 * For a link to one item of a long list ("the page with this application").
 */
export async function findPageCursor<T>(
  page: (cursor: string | undefined) => Promise<Page<T>>,
  matches: (item: T) => boolean,
  maxPages = 50,
): Promise<{ cursor: string | undefined } | null> {
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const answer = await page(cursor);
    if (answer.items.some(matches)) return { cursor };
    cursor = answer.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return null;
}

/** The path of a file inside a stored bundle (each segment encoded, slashes kept). */
export function contentFilePath(contentHash: string, path: string): string {
  return `/content/${contentHash}/files/${path.split("/").map(encodeURIComponent).join("/")}`;
}

/** The URL of a file inside a stored bundle, as the page loads it (<img>, download links). */
export function contentFileUrl(contentHash: string, path: string): string {
  return `${API_PROXY_PATH}${contentFilePath(contentHash, path)}`;
}

/** `path?key=value&...`, leaving out the parameters that are not set (links between pages). */
export function listQuery(path: string, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
