/**
 * The /api/spin proxy: forwards the page's API requests to the indexer (same origin: no CORS, no other host). The
 * indexer's safety headers pass through unchanged, so a bundle file served here is as inert as
 * from the API itself (attachment, nosniff, CSP sandbox), and stays cacheable by its ETag.
 */
import { serverConfig } from "@/lib/server-config";

/** Response headers the proxy keeps; everything else (cookies, hop-by-hop) is dropped. */
export const FORWARDED_RESPONSE_HEADERS = [
  "content-type",
  "content-length",
  "content-disposition",
  "content-security-policy",
  "x-content-type-options",
  "cache-control",
  "etag",
  "allow",
  "x-request-id",
  "x-next-cursor",
] as const;

/** Request headers the proxy passes on. */
const FORWARDED_REQUEST_HEADERS = ["content-type", "content-length", "accept", "if-none-match"];

export async function forward(request: Request, path: string[], apiUrl = serverConfig().apiUrl) {
  const url = new URL(request.url);
  const target = `${apiUrl}/${path.map(encodeURIComponent).join("/")}${url.search}`;
  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  const hasBody = request.method !== "GET" && request.method !== "HEAD" && request.body !== null;
  try {
    const upstream = await fetch(target, {
      method: request.method,
      headers,
      body: hasBody ? request.body : undefined,
      ...(hasBody ? { duplex: "half" } : {}),
    } as RequestInit);
    const kept = new Headers();
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = upstream.headers.get(name);
      if (value !== null) kept.set(name, value);
    }
    const empty = upstream.status === 204 || upstream.status === 304;
    return new Response(empty ? null : upstream.body, { status: upstream.status, headers: kept });
  } catch (error) {
    const message = `the SPIN API cannot be reached: ${error instanceof Error ? error.message : String(error)}`;
    return Response.json({ error: "unavailable", message, field: null }, { status: 502 });
  }
}
