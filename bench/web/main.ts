/**
 * `npm run bench:web`: builds the dApp, starts the local stack, and measures in headless
 * Chromium each route's first-load JavaScript (gzip, every script the page loads before its
 * `load` event, in a browser that never connected a wallet) against its budget (read pages
 * 120 kB, write pages 250 kB), and the time to the first meaningful content of the works list
 * and a work page (median of five cold loads, goal 1 s). Prints tables and writes
 * bench/results/web.json. Pass --no-build to reuse web/.next.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { buildWeb } from "../../scripts/start/services.ts";
import { launchBrowser } from "../../web/e2e/browser.ts";
import { startStack, webDir } from "../../web/e2e/stack.ts";

const READ_BUDGET_KB = 120;
const WRITE_BUDGET_KB = 250;
const CONTENT_GOAL_MS = 1_000;
/** Read pages render their data on the server; write pages load the wallet at once. */
const routes: { route: string; kind: "read" | "write" }[] = [
  ...[
    "/",
    "/works",
    "/works/1",
    "/licences",
    "/licences/1",
    "/fund",
    "/proposals",
    "/members",
    "/places",
  ].map((route) => ({ route, kind: "read" as const })),
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
    const js: {
      route: string;
      kind: string;
      files: number;
      gzipKb: number;
      budgetKb: number;
      withinBudget: boolean;
    }[] = [];
    for (const { route, kind } of routes) {
      await firstLoadJs(browser, `${stack.webUrl}${route}`); // warm the server's route cache
      const { files, gzipBytes } = await firstLoadJs(browser, `${stack.webUrl}${route}`);
      const gzipKb = Math.round((gzipBytes / 1024) * 10) / 10;
      const budgetKb = kind === "read" ? READ_BUDGET_KB : WRITE_BUDGET_KB;
      js.push({ route, kind, files, gzipKb, budgetKb, withinBudget: gzipKb <= budgetKb });
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
      `\n| route | page | scripts | first-load JS (gzip) | budget | within |\n|---|---|---|---|---|---|`,
    );
    for (const r of js)
      console.log(
        `| ${r.route} | ${r.kind} | ${r.files} | ${r.gzipKb} kB | ${r.budgetKb} kB | ${r.withinBudget ? "yes" : "NO"} |`,
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
