/** What the dApp scenarios share: assertions, connecting the test wallet, waits, page checks. */
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { scaled } from "../../scripts/lib/wait.ts";

/** How long one step may take: a minute on an idle machine, more on a loaded one. */
export const STEP_TIMEOUT = scaled(60_000);

export function expect(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

/**
 * Connects the injected test wallet through the header's menu. The wallet's code loads on the
 * first click (or by itself in a browser that connected before), and may reconnect the wallet on
 * its own: whichever comes first, the account or the wallet's option, decides the next step.
 */
export async function connectTestWallet(page: Page): Promise<void> {
  const account = page.getByTestId("account");
  const option = page.getByRole("button", { name: "Test Wallet" });
  await page.waitForLoadState("networkidle");
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await account.isVisible()) return;
    if (!(await option.isVisible())) await page.getByTestId("connect").first().click();
    await account.or(option).first().waitFor({ timeout: STEP_TIMEOUT });
    if (await account.isVisible()) return;
    // The menu may close under the click when a reconnection lands first: then try again.
    await option.click({ timeout: scaled(5_000) }).catch(() => undefined);
    if (
      await account.waitFor({ timeout: scaled(10_000) }).then(
        () => true,
        () => false,
      )
    )
      return;
  }
  throw new Error("the test wallet did not connect");
}

/** The last article, section or form on the page that shows `text`. */
export function regionWith(page: Page, text: string): Locator {
  return page.locator("article, section, form", { hasText: text }).last();
}

/**
 * Waits for a transaction status to reach a final phase and returns it: under `scope` (a test id
 * or a locator), or anywhere on the page.
 */
export async function finalPhase(page: Page, scope?: string | Locator): Promise<string> {
  const within =
    scope === undefined ? page : typeof scope === "string" ? page.getByTestId(scope) : scope;
  const status = within
    .locator(".tx[data-phase='confirmed'], .tx[data-phase='failed'], .tx[data-phase='rejected']")
    .first();
  await status.waitFor({ timeout: STEP_TIMEOUT });
  const phase = (await status.getAttribute("data-phase")) ?? "";
  if (phase !== "confirmed") console.log(`    status: ${phase}: ${await status.textContent()}`);
  return phase;
}

/**
 * Reloads a server-rendered page until `ready` shows (the indexer may be a block behind the
 * chain); fails with what the page last said after the deadline.
 */
export async function reloadUntil(
  page: Page,
  ready: Locator,
  timeout = STEP_TIMEOUT,
): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await ready.isVisible()) return;
    if (Date.now() > deadline)
      throw new Error(
        `waited ${timeout} ms; the page last said: ${(await page.locator("main").innerText()).slice(0, 300)}`,
      );
    await page.waitForTimeout(250);
    await page.reload();
  }
}

/**
 * Waits for a wallet island's `ready` (the island reads the chain live; the page around it comes
 * from the API): gives each load a few seconds, then reloads and reconnects the test wallet,
 * until the step's deadline; fails with what the page last said.
 */
export async function islandUntil(page: Page, ready: Locator): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT;
  for (;;) {
    const shown = await ready.waitFor({ timeout: scaled(5_000) }).then(
      () => true,
      () => false,
    );
    if (shown) return;
    if (Date.now() > deadline)
      throw new Error(
        `waited for ${ready}; the page last said: ${(await page.locator("main").innerText()).slice(0, 400)}`,
      );
    await page.reload();
    await connectTestWallet(page);
  }
}

/** Console errors, CSP violations included, collected for the whole session. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  return errors;
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's serious and critical violations on the page as it is now. The engine is evaluated
 * through the browser's debugging protocol, which the page's CSP does not govern.
 */
export async function axeSerious(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run()).violations;
  })) as AxeViolation[];
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    )
    .join("; ");
}

/** Parses the ledger CSV the app serves (RFC 4180 quoting). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") (row.push(field), (field = ""));
    else if (c === "\n")
      (row.push(field.replace(/\r$/, "")), rows.push(row), (row = []), (field = ""));
    else field += c;
  }
  if (field || row.length) (row.push(field), rows.push(row));
  return rows;
}
