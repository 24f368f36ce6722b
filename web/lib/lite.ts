/**
 * Which pages a visitor gets light. A browser that does not use a wallet is served the read
 * pages without Next.js's runtime (pages/lite: HTML, CSS and a 1 kB script); one that uses a
 * wallet, or asked for it in this visit, gets the App Router's pages with their islands. The
 * `spin-wallet` cookie tells the server which; lib/wallet/state.ts keeps it in step.
 */

/** Set to "1" while this browser uses a wallet (for the visit, or for a year once connected). */
export const WALLET_COOKIE = "spin-wallet";
/** How long the cookie lasts once a wallet connected: a year, in seconds. */
export const WALLET_COOKIE_MAX_AGE = 365 * 24 * 3600;

/**
 * The `document.cookie` assignment that sets the wallet cookie: for the visit (`maxAge` null),
 * for `maxAge` seconds, or (0) removes it.
 */
export function walletCookie(maxAge: number | null): string {
  return `${WALLET_COOKIE}=1; Path=/; SameSite=Lax${maxAge === null ? "" : `; Max-Age=${maxAge}`}`;
}
/** localStorage: "1" once a wallet connected in this browser. */
export const WALLET_STORAGE_KEY = "spin-wallet";
/** sessionStorage: "1" when a light page asked for the wallet chooser on the next page. */
export const OPEN_WALLET_KEY = "spin-open-wallet";
/** Where the light pages live (never linked to: the proxy rewrites read paths there). */
export const LITE_PREFIX = "/lite";

const readPaths = [
  /^\/$/,
  /^\/works$/,
  /^\/works\/(?!new$)[^/]+$/,
  /^\/licences$/,
  /^\/licences\/[^/]+$/,
  /^\/fund$/,
  /^\/proposals$/,
  /^\/proposals\/(?!new$)[^/]+$/,
  /^\/members$/,
  /^\/places$/,
];

/** The light page for a read path ("/works/7" → "/lite/works/7"), else null. */
export function litePath(pathname: string): string | null {
  if (!readPaths.some((p) => p.test(pathname))) return null;
  return pathname === "/" ? LITE_PREFIX : `${LITE_PREFIX}${pathname}`;
}

/** The read path a light page serves ("/lite/works/7" → "/works/7"), else null. */
export function readPathOf(pathname: string): string | null {
  if (pathname === LITE_PREFIX) return "/";
  return pathname.startsWith(`${LITE_PREFIX}/`) ? pathname.slice(LITE_PREFIX.length) : null;
}

/** The address the reader sees for a page's path (a light page's is its read path). */
export function shownPath(pathname: string | null): string {
  const path = pathname ?? "/";
  return readPathOf(path) ?? path;
}

/**
 * The light page to serve for a request, else null. Only a page load is sent there: a browser's
 * own fetch (the App Router's client-side navigation and prefetching, `Sec-Fetch-Dest: empty`)
 * must reach the App Router, which the proxy cannot otherwise tell apart (Next.js hides its RSC
 * headers from it). A client that names no destination (an older browser, a crawler, a script)
 * gets the light page.
 */
export function lightPageFor(request: {
  method: string;
  pathname: string;
  cookie: string | null;
  fetchDest: string | null;
}): string | null {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  if (request.fetchDest !== null && request.fetchDest !== "document") return null;
  if (usesWallet(request.cookie)) return null;
  return litePath(request.pathname);
}

/** A cookie's value in a Cookie header, undefined when it is not there. */
export function cookieValue(cookieHeader: string | null | undefined, name: string) {
  for (const part of (cookieHeader ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** Whether a Cookie header says this browser uses a wallet. */
export function usesWallet(cookieHeader: string | null | undefined): boolean {
  return cookieValue(cookieHeader, WALLET_COOKIE) === "1";
}
