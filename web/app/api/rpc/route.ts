/**
 * Forwards the page's JSON-RPC to the chain's gateway, so the page talks only to this app; the
 * door policy (origin, content type, allowed methods) is proxy.ts.
 *
 * SPIN_WEB_ORIGINS (comma-separated) lists the browser origins allowed to call when the app is
 * reached under other names than the one a request carries; by default only a request's own
 * origin is. SPIN_WEB_TRUST_FORWARDED_FOR=1 passes the browser's address (X-Forwarded-For) on to
 * the gateway, for limits per browser: set it only behind a reverse proxy that writes that header
 * itself, since a browser could otherwise send any address.
 */
import { serverConfig } from "@/lib/server-config";
import { proxyRpc } from "./proxy";

export const dynamic = "force-dynamic";

function allowedOrigins(): string[] | undefined {
  const listed = process.env["SPIN_WEB_ORIGINS"];
  if (!listed) return undefined;
  return listed
    .split(",")
    .map((origin) => origin.trim())
    .filter((origin) => origin !== "");
}

/**
 * The origin the browser is on, from the Host header it sent (a page cannot forge it) and the
 * scheme a reverse proxy reports; Next's request URL does not carry the host the browser used.
 */
function ownOrigin(request: Request): string | undefined {
  const host = request.headers.get("host");
  if (!host) return undefined;
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  const scheme =
    forwarded === "https" || forwarded === "http"
      ? forwarded
      : new URL(request.url).protocol.slice(0, -1);
  return `${scheme}://${host}`;
}

function clientAddress(request: Request): string | undefined {
  if (process.env["SPIN_WEB_TRUST_FORWARDED_FOR"] !== "1") return undefined;
  return request.headers.get("x-forwarded-for")?.split(",").at(-1)?.trim() || undefined;
}

export async function POST(request: Request): Promise<Response> {
  return proxyRpc(request, {
    upstream: serverConfig().rpcUrl,
    allowedOrigins: allowedOrigins(),
    ownOrigin: ownOrigin(request),
    clientAddress: clientAddress(request),
  });
}
