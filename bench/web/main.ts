/**
 * `npm run bench:web`: builds the dApp, starts the local stack, and measures in headless
 * Chromium each route's first-load JavaScript (gzip, every script the page loads before its
 * `load` event, in a browser that never connected a wallet) against its budget (read pages
 * 120 kB, write pages 250 kB), and the time to the first meaningful content of the works list
 * and a work page (median of five cold loads, goal 1 s). Read pages are measured twice: as a
 * visitor gets them (the light pages, pages/lite) and as a browser that uses a wallet gets them
 * (the App Router's, with the wallet's code: held to the write pages' budget). Prints tables
 * and writes bench/results/web.json. Pass --no-build to reuse web/.next.
 *
 * Each route's scripts are listed with their sizes; those the build manifest names as the root
 * of every App Router page (React DOM, Next.js's router, the bundler's runtime, the app entry)
 * are marked as the framework, so a change is seen as the framework's or the app's.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { buildWeb } from "../../scripts/start/services.ts";
import { launchBrowser, loadScripts, type LoadedScript } from "../../web/e2e/browser.ts";
import { startStack, webDir } from "../../web/e2e/stack.ts";
import { WALLET_COOKIE } from "../../web/lib/lite.ts";

const READ_BUDGET_KB = 120;
const WRITE_BUDGET_KB = 250;
const CONTENT_GOAL_MS = 1_000;
const readRoutes = [
  "/",
  "/works",
  "/works/1",
  "/licences",
  "/licences/1",
  "/fund",
  "/proposals",
  "/members",
  "/places",
];
/**
 * Read pages render their data on the server; write pages load the wallet at once, and so do
 * read pages in a browser that uses a wallet ("read, wallet": the `spin-wallet` cookie set).
 */
const routes: { route: string; kind: "read" | "read, wallet" | "write" }[] = [
  ...readRoutes.map((route) => ({ route, kind: "read" as const })),
  ...readRoutes.map((route) => ({ route, kind: "read, wallet" as const })),
  ...["/works/new", "/proposals/new", "/join", "/wallet"].map((route) => ({
    route,
    kind: "write" as const,
  })),
];
const contentChecks: { route: string; selector: string; goal: boolean }[] = [
  { route: "/works", selector: "[data-testid=works-list] article", goal: true },
  { route: "/works/1", selector: ".markdown p", goal: true },
  // The reference: a page the server renders without asking the API (how busy the machine is).
  { route: "/no-such-page", selector: "main h1", goal: false },
];

async function firstLoadJs(
  browser: Browser,
  url: string,
  wallet: boolean,
): Promise<LoadedScript[]> {
  const context = await browser.newContext();
  try {
    if (wallet) await context.addCookies([{ name: WALLET_COOKIE, value: "1", url }]);
    return await loadScripts(await context.newPage(), url);
  } finally {
    await context.close();
  }
}

/** The scripts every App Router page loads whatever it renders, from the build's manifest. */
async function frameworkScripts(): Promise<Set<string>> {
  const file = path.join(webDir, ".next", "build-manifest.json");
  const manifest = JSON.parse(await readFile(file, "utf8")) as { rootMainFiles?: unknown };
  const { rootMainFiles } = manifest;
  if (!Array.isArray(rootMainFiles) || rootMainFiles.length === 0)
    throw new Error(`${file} lists no rootMainFiles: is web/.next an App Router build?`);
  return new Set(rootMainFiles.map((f) => `/_next/${String(f)}`));
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

async function timeToContent(browser: Browser, url: string, selector: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "commit" });
  await page.locator(selector).first().waitFor({ timeout: 60_000 });
  const ms = await page.evaluate(() => performance.now());
  await context.close();
  return Math.round(ms);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  if (!process.argv.includes("--no-build")) buildWeb();
  const framework = await frameworkScripts();
  const stack = await startStack();
  const browser = await launchBrowser();
  try {
    const js: {
      route: string;
      kind: string;
      files: number;
      gzipKb: number;
      frameworkKb: number;
      budgetKb: number;
      withinBudget: boolean;
      scripts: { path: string; gzipKb: number; framework: boolean }[];
    }[] = [];
    for (const { route, kind } of routes) {
      const url = `${stack.webUrl}${route}`;
      const wallet = kind === "read, wallet";
      await firstLoadJs(browser, url, wallet); // warm the server's route cache
      const scripts = await firstLoadJs(browser, url, wallet);
      const sum = (list: LoadedScript[]) => list.reduce((a, s) => a + s.gzipBytes, 0);
      const gzipKb = kb(sum(scripts));
      const frameworkKb = kb(sum(scripts.filter((s) => framework.has(s.path))));
      const budgetKb = kind === "read" ? READ_BUDGET_KB : WRITE_BUDGET_KB;
      js.push({
        route,
        kind,
        files: scripts.length,
        gzipKb,
        frameworkKb,
        budgetKb,
        withinBudget: gzipKb <= budgetKb,
        scripts: scripts.map((s) => ({
          path: s.path,
          gzipKb: kb(s.gzipBytes),
          framework: framework.has(s.path),
        })),
      });
    }
    const content: {
      route: string;
      selector: string;
      goal: boolean;
      medianMs: number;
      runsMs: number[];
    }[] = [];
    for (const check of contentChecks) {
      await timeToContent(browser, `${stack.webUrl}${check.route}`, check.selector);
      const runsMs: number[] = [];
      for (let i = 0; i < 5; i++)
        runsMs.push(await timeToContent(browser, `${stack.webUrl}${check.route}`, check.selector));
      content.push({ ...check, medianMs: median(runsMs), runsMs });
    }
    console.log(
      `\n| route | page | scripts | first-load JS (gzip) | of which framework | budget | within |\n|---|---|---|---|---|---|---|`,
    );
    for (const r of js)
      console.log(
        `| ${r.route} | ${r.kind} | ${r.files} | ${r.gzipKb} kB | ${r.frameworkKb} kB | ${r.budgetKb} kB | ${r.withinBudget ? "yes" : "NO"} |`,
      );
    const rootScripts = new Map(
      js.flatMap((r) => r.scripts.filter((s) => s.framework)).map((s) => [s.path, s.gzipKb]),
    );
    console.log(`\n| framework script (every page) | gzip |\n|---|---|`);
    for (const [file, size] of rootScripts) console.log(`| ${file} | ${size} kB |`);
    console.log(`\n| route | the route's other scripts (gzip) |\n|---|---|`);
    for (const r of js)
      console.log(
        `| ${r.route} | ${r.scripts
          .filter((s) => !s.framework)
          .map((s) => `${s.path.replace("/_next/static/chunks/", "")} ${s.gzipKb} kB`)
          .join(", ")} |`,
      );
    console.log(
      `\n| page | first meaningful content (median of 5) | runs | within ${CONTENT_GOAL_MS} ms |\n|---|---|---|---|`,
    );
    for (const c of content)
      console.log(
        `| ${c.route} (${c.selector}) | ${c.medianMs} ms | ${c.runsMs.join(", ")} | ${!c.goal ? "reference" : c.medianMs <= CONTENT_GOAL_MS ? "yes" : "NO"} |`,
      );
    const out = path.resolve(webDir, "../bench/results/web.json");
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(
      out,
      `${JSON.stringify({ readBudgetKb: READ_BUDGET_KB, writeBudgetKb: WRITE_BUDGET_KB, contentGoalMs: CONTENT_GOAL_MS, firstLoadJs: js, timeToContent: content }, null, 2)}\n`,
    );
    console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
    if (
      js.some((r) => !r.withinBudget) ||
      content.some((c) => c.goal && c.medianMs > CONTENT_GOAL_MS)
    )
      process.exitCode = 1;
  } finally {
    await browser.close();
    await stack.stop();
  }
}

await main();
