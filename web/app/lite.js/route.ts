/**
 * GET /lite.js: the light read pages' script (lib/lite-runtime.ts), its settings written in.
 * The same for every page and every visitor, so browsers keep it for an hour.
 */
import {
  OPEN_WALLET_KEY,
  WALLET_COOKIE,
  WALLET_COOKIE_MAX_AGE,
  WALLET_STORAGE_KEY,
  walletCookie,
} from "@/lib/lite";
import { startLite, type LiteSettings } from "@/lib/lite-runtime";

const settings: LiteSettings = {
  cookie: WALLET_COOKIE,
  visitCookie: walletCookie(null),
  yearCookie: walletCookie(WALLET_COOKIE_MAX_AGE),
  storageKey: WALLET_STORAGE_KEY,
  openKey: OPEN_WALLET_KEY,
};
const source = `(${startLite.toString()})(${JSON.stringify(settings)});\n`;

export function GET(): Response {
  return new Response(source, {
    headers: {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=3600",
    },
  });
}
