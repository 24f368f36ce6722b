/**
 * What a browser may do here. A page on another origin can make a visitor's browser POST to any
 * address it can reach (the local node included) without asking first, if the request looks like
 * a form: content type text/plain, application/x-www-form-urlencoded or multipart/form-data. So:
 * a request with an Origin header must come from an allowed origin (HTTP, CORS preflight and
 * WebSocket upgrade alike), and a JSON-RPC POST must say it is JSON, which no form can.
 * Requests without Origin come from servers, scripts and wallets' background pages, not from a
 * page someone else wrote, and are served.
 */
import type { IncomingHttpHeaders } from "node:http";

export type OriginPolicy = {
  /** Undefined when the request's Origin (if any) is allowed; else the refused origin. */
  refusedOrigin(headers: IncomingHttpHeaders): string | undefined;
  /** CORS headers for a response to an allowed origin (none without Origin). */
  corsHeaders(headers: IncomingHttpHeaders): Record<string, string>;
  /** Headers answering an allowed preflight. */
  preflightHeaders(headers: IncomingHttpHeaders): Record<string, string>;
};

const PREFLIGHT_MAX_AGE_SECONDS = 600;

export function createOriginPolicy(allowedOrigins: readonly string[]): OriginPolicy {
  const anyOrigin = allowedOrigins.includes("*");
  const allowed = new Set(allowedOrigins);
  const originOf = (headers: IncomingHttpHeaders) => headers.origin;
  const isAllowed = (origin: string) => anyOrigin || allowed.has(origin);

  function corsHeaders(headers: IncomingHttpHeaders): Record<string, string> {
    const origin = originOf(headers);
    if (origin === undefined || !isAllowed(origin)) return {};
    return { "access-control-allow-origin": origin, vary: "Origin" };
  }

  return {
    refusedOrigin(headers) {
      const origin = originOf(headers);
      if (origin === undefined || isAllowed(origin)) return undefined;
      return origin;
    },
    corsHeaders,
    preflightHeaders(headers) {
      return {
        ...corsHeaders(headers),
        "access-control-allow-methods": "POST",
        "access-control-allow-headers": "content-type",
        "access-control-max-age": String(PREFLIGHT_MAX_AGE_SECONDS),
      };
    },
  };
}

/** The media type of a Content-Type header, lower-cased, without its parameters. */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  return type === "" ? undefined : type;
}

/** JSON-RPC over HTTP is `application/json`: the one type here no HTML form can send. */
export function isJsonContentType(contentType: string | undefined): boolean {
  return mediaTypeOf(contentType) === "application/json";
}
