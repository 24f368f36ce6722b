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

/** Whether `text` has the shape of a nonce newNonce() makes. */
export function isNonce(text: string): boolean {
  return /^[A-Za-z0-9+/]{22}==$/.test(text);
}
