/**
 * Every page gets a fresh CSP nonce: the policy goes on the request (Next.js reads the nonce from
 * it for its own scripts) and on the response, with the other headers that keep the app from
 * being framed or sniffed. The API and RPC forwarding routes keep their upstream's headers.
 *
 * A read page goes to its light twin (pages/lite, no Next.js runtime) unless the browser uses a
 * wallet (the `spin-wallet` cookie) or the request is the App Router's own fetch (client-side
 * navigation): lib/lite.ts decides.
 */
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, handOver, newNonce, takeHandedOver } from "@/lib/csp";
import { lightPageFor, readPathOf } from "@/lib/lite";

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // Next.js runs the proxy again for the light page it rewrote to, with the request headers the
  // first pass set: that pass's nonce is kept, so that the page and its policy agree. Only there,
  // and only a nonce the first pass handed over: x-nonce is a request header any client can send.
  const given = request.headers.get("x-nonce");
  const rewritten = readPathOf(pathname) !== null && given !== null && takeHandedOver(given);
  const nonce = rewritten ? given : newNonce();
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const light = rewritten
    ? null
    : lightPageFor({
        method: request.method,
        pathname,
        cookie: request.headers.get("cookie"),
        fetchDest: request.headers.get("sec-fetch-dest"),
      });
  if (light) handOver(nonce);
  const response = light
    ? NextResponse.rewrite(new URL(light + search, request.url), { request: { headers } })
    : NextResponse.next({ request: { headers } });
  // Set on every answer, the light page's second pass included (the same values as the first).
  response.headers.set("content-security-policy", policy);
  response.headers.set("x-content-type-options", "nosniff");
  response.headers.set("x-frame-options", "DENY");
  response.headers.set("referrer-policy", "same-origin");
  return response;
}

export const config = {
  // Pages only: static chunks are cacheable as they are, and the forwarding routes answer with
  // their upstream's headers (the content store's sandbox CSP included).
  matcher: [{ source: "/((?!_next/static|_next/image|api/spin|api/rpc|favicon.ico).*)" }],
};
