/**
 * The app's Content-Security-Policy. Scripts run only from this origin and only when they carry
 * the request's nonce (Next.js adds it to its own scripts; 'strict-dynamic' lets those load the
 * app's chunks); nothing may frame the app; images come from this origin (the content store,
 * through /api/spin) or data: URIs (wallet icons); the page talks to this origin only.
 */
export function contentSecurityPolicy(nonce: string, development = false): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    [
      "script-src",
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...(development ? ["'unsafe-eval'"] : []),
    ],
    ["style-src", "'self'", `'nonce-${nonce}'`],
    ["img-src", "'self'", "data:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["media-src", "'self'"],
    ["object-src", "'none'"],
    ["frame-src", "'none'"],
    ["worker-src", "'self'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/** 128 random bits, base64: a fresh nonce for every response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Nonces handed from a page's first pass through the proxy to the second pass of the light page
 * it rewrote to, in the same process. Each is taken once: x-nonce is a request header any client
 * can send, so a nonce counts as handed over only if this process made it for a rewrite and no
 * one took it yet. A second pass takes its nonce at once; the bound only limits what passes
 * that never came (a rewrite whose request was dropped) leave behind.
 */
const handedOver = new Set<string>();
const HANDED_OVER_MAX = 1_000;

/** Keeps `nonce` for the second pass of the light page a first pass rewrote to. */
export function handOver(nonce: string): void {
  if (handedOver.size >= HANDED_OVER_MAX) handedOver.delete(handedOver.values().next().value!);
  handedOver.add(nonce);
}

/** Whether `nonce` was handed over and not yet taken; taking it ends that. */
export function takeHandedOver(nonce: string): boolean {
  return handedOver.delete(nonce);
}
