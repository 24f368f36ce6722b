import { describe, expect, it } from "vitest";
import { i18nFor, requestLocale } from "@/lib/i18n";
import {
  cookieValue,
  lightPageFor,
  litePath,
  readPathOf,
  shownPath,
  usesWallet,
  WALLET_COOKIE,
  WALLET_COOKIE_MAX_AGE,
  walletCookie,
} from "@/lib/lite";
import { startLite } from "@/lib/lite-runtime";

const load = (pathname: string, more: Partial<Parameters<typeof lightPageFor>[0]> = {}) =>
  lightPageFor({ method: "GET", pathname, cookie: null, fetchDest: "document", ...more });

describe("light read pages", () => {
  it("are the read pages, and only they", () => {
    const read = ["/", "/works", "/works/7", "/licences", "/licences/3", "/fund", "/proposals"];
    for (const path of [...read, "/proposals/42", "/members", "/places"])
      expect(litePath(path), path).toBe(path === "/" ? "/lite" : `/lite${path}`);
    for (const path of [
      "/works/new",
      "/proposals/new",
      "/join",
      "/wallet",
      "/fund/ledger.csv",
      "/works/7/edit",
      "/api/lang",
      "/lite.js",
      "/lite/works",
      "/worksx",
      "/works/",
    ])
      expect(litePath(path), path).toBeNull();
  });

  it("map back to the address the reader sees", () => {
    for (const path of ["/", "/works/7", "/members"]) {
      const light = litePath(path) ?? "";
      expect(readPathOf(light)).toBe(path);
      expect(shownPath(light)).toBe(path);
    }
    expect(readPathOf("/works")).toBeNull();
    expect(readPathOf("/literature")).toBeNull();
    expect(shownPath("/works/new")).toBe("/works/new");
    expect(shownPath(null)).toBe("/");
  });

  it("are served to a page load from a browser without a wallet, or a client naming none", () => {
    expect(load("/works")).toBe("/lite/works");
    expect(load("/works", { method: "HEAD" })).toBe("/lite/works");
    expect(load("/works", { fetchDest: null })).toBe("/lite/works");
    expect(load("/", { cookie: "spin-lang=fr; spin-wallet=0" })).toBe("/lite");
  });

  it("never to a browser that uses a wallet, to the App Router's own fetches, or to a form", () => {
    expect(load("/works", { cookie: `spin-lang=fr; ${WALLET_COOKIE}=1` })).toBeNull();
    expect(load("/works", { fetchDest: "empty" })).toBeNull();
    expect(load("/works", { fetchDest: "iframe" })).toBeNull();
    expect(load("/works", { method: "POST" })).toBeNull();
    expect(load("/works/new")).toBeNull();
  });

  it("read cookies by exact name", () => {
    expect(cookieValue("a=1; spin-wallet=1", "spin-wallet")).toBe("1");
    expect(cookieValue("xspin-wallet=1", "spin-wallet")).toBeUndefined();
    expect(cookieValue("spin-wallet", "spin-wallet")).toBeUndefined();
    expect(cookieValue(null, "spin-wallet")).toBeUndefined();
    expect(usesWallet("spin-wallet=10")).toBe(false);
    expect(usesWallet(" spin-wallet=1 ")).toBe(true);
  });

  it("are rendered in the reader's language, the cookie first", () => {
    expect(requestLocale("es", "fr-FR,fr;q=0.9")).toBe("es");
    expect(requestLocale("de", "fr-FR,fr;q=0.9")).toBe("fr");
    expect(requestLocale(undefined, undefined)).toBe("en");
    expect(i18nFor("fr").t("nav.works")).toBe(i18nFor("fr").tx("nav.works", "nav.home"));
  });
});

/** A page as the light script sees it: just what it touches, recording what it does. */
function fakePage(options: { stored?: string; cookies?: boolean; clipboard?: boolean } = {}) {
  const jar = new Map<string, string>();
  const session = new Map<string, string>();
  const written: string[] = [];
  const log = { reloads: 0, cookiesSet: written, session, copied: [] as string[] };
  const listeners = new Map<string, ((event: unknown) => void)[]>();
  const element = (props: Record<string, unknown>) => {
    const own = new Map<string, ((event: unknown) => void)[]>();
    return Object.assign(props, {
      addEventListener: (type: string, f: (event: unknown) => void) =>
        own.set(type, [...(own.get(type) ?? []), f]),
      fire(type: string, event: unknown = {}) {
        for (const f of own.get(type) ?? []) f(event);
      },
    });
  };
  const summary = element({ focused: false, focus: () => (summary.focused = true) });
  const menu = element({ open: true, querySelector: () => summary });
  const connect = element({});
  const copy = element({ hidden: true, dataset: { copy: "0xabc", copied: "Copied" }, title: "" });
  const form = { submitted: 0, requestSubmit: () => form.submitted++ };
  const select = element({ form });
  const elements: Record<string, unknown[]> = {
    "a[data-wallet-connect]": [connect],
    "details.nav-menu[open]": [menu],
    "form.lang select": [select],
    "button[data-copy]": [copy],
  };
  const document = {
    get cookie() {
      return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    },
    set cookie(text: string) {
      written.push(text);
      if (options.cookies === false) return;
      const [pair] = text.split(";");
      const [name, value] = pair.split("=");
      jar.set(name.trim(), value);
    },
    querySelectorAll: (selector: string) => elements[selector] ?? [],
    addEventListener: (type: string, f: (event: unknown) => void) =>
      listeners.set(type, [...(listeners.get(type) ?? []), f]),
  };
  const window = {
    localStorage: { getItem: () => options.stored ?? null },
    sessionStorage: { setItem: (k: string, v: string) => session.set(k, v) },
    location: { reload: () => log.reloads++ },
  };
  const navigator = {
    clipboard: options.clipboard
      ? { writeText: (text: string) => (log.copied.push(text), Promise.resolve()) }
      : undefined,
  };
  const run = new Function("document", "window", "navigator", `return (${startLite.toString()});`)(
    document,
    window,
    navigator,
  ) as typeof startLite;
  run({
    cookie: WALLET_COOKIE,
    visitCookie: walletCookie(null),
    yearCookie: walletCookie(WALLET_COOKIE_MAX_AGE),
    storageKey: "spin-wallet",
    openKey: "spin-open-wallet",
  });
  const key = (k: string) => {
    for (const f of listeners.get("keydown") ?? []) f({ key: k });
  };
  return { log, connect, menu, summary, copy, select, form, key, document };
}

describe("the light pages' script (its served text, run against a stand-in page)", () => {
  it("sends a browser that connected before to the full page once, with a year's cookie", () => {
    const page = fakePage({ stored: "1" });
    expect(page.log.reloads).toBe(1);
    expect(page.log.cookiesSet).toEqual([
      `${WALLET_COOKIE}=1; Path=/; SameSite=Lax; Max-Age=31536000`,
    ]);
    // Cookies refused: no reload, or it would never end.
    expect(fakePage({ stored: "1", cookies: false }).log.reloads).toBe(0);
    expect(fakePage().log.reloads).toBe(0);
  });

  it("makes Connect load the page again with the wallet and its chooser open", () => {
    const page = fakePage();
    let prevented = false;
    page.connect.fire("click", { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(page.log.reloads).toBe(1);
    expect(page.document.cookie).toBe(`${WALLET_COOKIE}=1`);
    expect(page.log.cookiesSet[0]).not.toMatch(/Max-Age/); // for this visit only
    expect(page.log.session.get("spin-open-wallet")).toBe("1");
  });

  it("lets Connect go on to the wallet page where cookies are refused", () => {
    const page = fakePage({ cookies: false });
    let prevented = false;
    page.connect.fire("click", { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(false);
    expect(page.log.reloads).toBe(0);
  });

  it("closes the phone menu on Escape, sends the language form on a change", () => {
    const page = fakePage();
    page.key("Enter");
    expect(page.menu.open).toBe(true);
    page.key("Escape");
    expect(page.menu.open).toBe(false);
    expect(page.summary.focused).toBe(true);
    page.select.fire("change");
    expect(page.form.submitted).toBe(1);
  });

  it("shows copy buttons only where the clipboard can be written, and copies", async () => {
    expect(fakePage().copy.hidden).toBe(true);
    const page = fakePage({ clipboard: true });
    expect(page.copy.hidden).toBe(false);
    page.copy.fire("click");
    await Promise.resolve();
    await Promise.resolve();
    expect(page.log.copied).toEqual(["0xabc"]);
    expect(page.copy.title).toBe("Copied");
  });
});
