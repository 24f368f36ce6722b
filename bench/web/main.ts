/**
 * `npm run bench:web`: builds the dApp, starts the local stack, and measures in headless
 * Chromium each route's first-load JavaScript (gzip, every script the page loads before its
 * `load` event) and the time to the first meaningful content of the works list and a work page
 * (median of five cold loads). Prints a table and writes bench/results/web.json.
 * Pass --no-build to reuse web/.next.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { buildWeb } from "../../scripts/start/services.ts";
import { launchBrowser } from "../../web/e2e/browser.ts";
import { startStack, webDir } from "../../web/e2e/stack.ts";

const BUDGET_KB = 250;
const routes = [
  "/",
  "/works",
  "/works/1",
  "/works/new",
  "/licences",
  "/licences/1",
  "/fund",
  "/members",
  "/places",
  "/wallet",
];
const contentChecks: { route: string; selector: string }[] = [
  { route: "/works", selector: "[data-testid=works-list] article" },
  { route: "/works/1", selector: ".markdown p" },
];

async function firstLoadJs(
  browser: Browser,
  url: string,
): Promise<{ files: number; gzipBytes: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bodies: Promise<number>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    bodies.push(
      response.body().then(
        (b) => gzipSync(b, { level: 9 }).length,
        () => 0,
      ),
    );
  });
  await page.goto(url, { waitUntil: "load" });
  const sizes = await Promise.all(bodies);
  await context.close();
  return { files: sizes.length, gzipBytes: sizes.reduce((a, b) => a + b, 0) };
}

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
  const stack = await startStack();
  const browser = await launchBrowser();
  try {
    const js: { route: string; files: number; gzipKb: number; withinBudget: boolean }[] = [];
    for (const route of routes) {
      await firstLoadJs(browser, `${stack.webUrl}${route}`); // warm the server's route cache
      const { files, gzipBytes } = await firstLoadJs(browser, `${stack.webUrl}${route}`);
      const gzipKb = Math.round((gzipBytes / 1024) * 10) / 10;
      js.push({ route, files, gzipKb, withinBudget: gzipKb <= BUDGET_KB });
    }
    const content: { route: string; selector: string; medianMs: number; runsMs: number[] }[] = [];
    for (const check of contentChecks) {
      await timeToContent(browser, `${stack.webUrl}${check.route}`, check.selector);
      const runsMs: number[] = [];
      for (let i = 0; i < 5; i++)
        runsMs.push(await timeToContent(browser, `${stack.webUrl}${check.route}`, check.selector));
      content.push({ ...check, medianMs: median(runsMs), runsMs });
    }
    console.log(
      `\n| route | scripts | first-load JS (gzip) | within ${BUDGET_KB} kB |\n|---|---|---|---|`,
    );
    for (const r of js)
      console.log(
        `| ${r.route} | ${r.files} | ${r.gzipKb} kB | ${r.withinBudget ? "yes" : "NO"} |`,
      );
    console.log(`\n| page | first meaningful content (median of 5) |\n|---|---|`);
    for (const c of content) console.log(`| ${c.route} (${c.selector}) | ${c.medianMs} ms |`);
    const out = path.resolve(webDir, "../bench/results/web.json");
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(
      out,
      `${JSON.stringify({ budgetKb: BUDGET_KB, firstLoadJs: js, timeToContent: content }, null, 2)}\n`,
    );
    console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
    if (js.some((r) => !r.withinBudget)) process.exitCode = 1;
  } finally {
    await browser.close();
    await stack.stop();
  }
}

await main();
