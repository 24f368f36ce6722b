/** Headless Chromium (Debian's), sessions with a test wallet, screenshots, and a host guard. */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
  type Response,
} from "playwright-core";
import { scaled } from "../../scripts/lib/wait.ts";
import { injectWallet, type TestWallet } from "./wallet.ts";
import { webDir } from "./stack.ts";

export const resultsDir = path.join(webDir, "test-results");
export const desktop = { width: 1280, height: 860 };
export const phone = { width: 390, height: 844 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A page in its own browser context, with the host guard. */
export interface BareSession {
  context: BrowserContext;
  page: Page;
  /** Requests the page tried to make to any host but the app's. */
  foreign: string[];
}

/** A page with the test wallet injected. */
export interface Session extends BareSession {
  wallet: TestWallet;
}

/** A browser with no wallet extension at all, as a newcomer's. */
export async function openBareSession(
  browser: Browser,
  webUrl: string,
  locale = "en-US",
): Promise<BareSession> {
  const context = await browser.newContext({ viewport: desktop, locale });
  // Playwright's waits (30 s by default) stretch with the machine's load, as every other wait.
  context.setDefaultTimeout(scaled(30_000));
  const page = await context.newPage();
  const foreign: string[] = [];
  const origin = new URL(webUrl).origin;
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:")) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  return { context, page, foreign };
}

export async function openSession(
  browser: Browser,
  webUrl: string,
  rpcUrl: string,
  key: `0x${string}`,
  locale = "en-US",
): Promise<Session> {
  const session = await openBareSession(browser, webUrl, locale);
  return { ...session, wallet: await injectWallet(session.page, key, rpcUrl) };
}

/** Saves the page at desktop and phone sizes: <name>-desktop.png, <name>-phone.png. */
export async function screenshots(
  page: Page,
  name: string,
  /** False for a page without JavaScript: nothing can run in it, so nothing is awaited there. */
  { javaScript = true }: { javaScript?: boolean } = {},
): Promise<string[]> {
  await mkdir(resultsDir, { recursive: true });
  const files = [
    path.join(resultsDir, `${name}-desktop.png`),
    path.join(resultsDir, `${name}-phone.png`),
  ];
  await page.setViewportSize(desktop);
  await page.screenshot({ path: files[0], fullPage: true });
  await page.setViewportSize(phone);
  // The page has laid itself out again at the phone's width (not a fixed pause). Without
  // JavaScript the screenshot itself lays the page out at the new size.
  if (javaScript) {
    await page.waitForFunction((width) => window.innerWidth === width, phone.width);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  }
  await page.screenshot({ path: files[1], fullPage: true });
  await page.setViewportSize(desktop);
  return files;
}

/** A script a page load fetched. */
export interface LoadedScript {
  /** The script's path on the server, e.g. /_next/static/chunks/webpack-….js or /lite.js. */
  path: string;
  gzipBytes: number;
}

/** Loads `url` in `page` and lists every script it fetched before its load event, by path. */
export async function loadScripts(page: Page, url: string): Promise<LoadedScript[]> {
  // A body that cannot be read is kept as its error until the page has loaded, then reported.
  const scripts: Promise<LoadedScript | Error>[] = [];
  const onResponse = (response: Response) => {
    if (response.request().resourceType() !== "script") return;
    const { pathname } = new URL(response.url());
    scripts.push(
      response.body().then(
        (b) => ({
          path: decodeURIComponent(pathname),
          gzipBytes: gzipSync(b, { level: 9 }).length,
        }),
        (error: unknown) => new Error(`could not read ${response.url()}: ${String(error)}`),
      ),
    );
  };
  page.on("response", onResponse);
  try {
    await page.goto(url, { waitUntil: "load" });
    const read = await Promise.all(scripts);
    const failed = read.find((r) => r instanceof Error);
    if (failed) throw failed;
    return (read as LoadedScript[]).sort((a, b) => a.path.localeCompare(b.path));
  } finally {
    page.off("response", onResponse);
  }
}
