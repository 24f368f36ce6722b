/**
 * Reading the dApp as a visitor: a demo identity in one click, a work laid out with its pictures,
 * the public accounts and their CSV, every read page without JavaScript (and the phone menu),
 * axe-core on every page, the translated 404, and the light read pages a visitor gets.
 */
import type { Browser } from "playwright-core";
import {
  loadScripts,
  openBareSession,
  openSession,
  screenshots,
  type BareSession,
} from "./browser.ts";
import {
  axeSerious,
  connectTestWallet,
  describeViolations,
  expect,
  parseCsv,
  STEP_TIMEOUT,
  watchConsole,
} from "./helpers.ts";
import { WALLET_COOKIE } from "../lib/lite.ts";
import { devKey, people, type Stack } from "./stack.ts";

/** A nonce in the shape the proxy makes, chosen by a client. */
const CLIENT_NONCE = "AAAAAAAAAAAAAAAAAAAAAA==";

type Scenario = (browser: Browser, stack: Stack) => Promise<BareSession[]>;

/** Read pages and the text each shows from the seeded data (works without JavaScript). */
export const READ_PAGES: [string, string][] = [
  ["/", "Pedal grain mill"],
  ["/works", "Pedal grain mill"],
  ["/works/1", "Carol Nguyen"],
  ["/licences", "Peer Production License"],
  [
    "/licences?work=1&account=Acme+Industries",
    "An enterprise must buy a commercial licence first.",
  ],
  ["/fund", "Acme Industries"],
  ["/proposals", "Seed grant to the demo enterprise"],
  ["/members", "Fablab Dakar"],
  ["/places", "Fablab Dakar"],
];

const demo: Scenario = async (browser, stack) => {
  const s = await openBareSession(browser, stack.webUrl);
  const errors = watchConsole(s.page);
  await s.page.goto(`${stack.webUrl}/`);
  await s.page.getByTestId("connect").first().click();
  const list = s.page.getByTestId("demo-identities");
  await list.waitFor({ timeout: STEP_TIMEOUT });
  await screenshots(s.page, "demo-identities");
  await list.getByRole("button", { name: /Be Alice Martin/ }).click();
  await s.page
    .getByTestId("account-name")
    .filter({ hasText: "Alice Martin" })
    .waitFor({ timeout: STEP_TIMEOUT });
  await screenshots(s.page, "demo-be-alice");
  // A pasted key works the same way.
  await s.page.getByTestId("account").click();
  await s.page.getByRole("button", { name: "Disconnect" }).click();
  await s.page.getByTestId("connect").first().click();
  await s.page.locator("input[name=privateKey]").fill(devKey(people.bob));
  await s.page.getByRole("button", { name: "Use this key" }).click();
  await s.page
    .getByTestId("account-name")
    .filter({ hasText: "Bob Diallo" })
    .waitFor({ timeout: STEP_TIMEOUT });
  // Escape closes the wallet menu.
  await s.page.getByTestId("account").click();
  await s.page.getByRole("button", { name: "Disconnect" }).waitFor();
  await s.page.keyboard.press("Escape");
  await s.page.getByRole("button", { name: "Disconnect" }).waitFor({ state: "detached" });
  expect(errors.length === 0, `console errors: ${errors.join(" | ")}`);
  return [s];
};

const workPage: Scenario = async (browser, stack) => {
  const s = await openBareSession(browser, stack.webUrl);
  const errors = watchConsole(s.page);
  await s.page.goto(`${stack.webUrl}/works/1`);
  // Pictures load lazily, after the page's load event: wait until the first one has loaded or
  // failed (either completes it); only a loaded one has a width.
  const loaded = async (selector: string) => {
    const first = s.page.locator(selector).first();
    await first.scrollIntoViewIfNeeded();
    const img = await first.elementHandle();
    await s.page.waitForFunction((el) => (el as HTMLImageElement).complete, img, {
      timeout: STEP_TIMEOUT,
    });
    return img!.evaluate((el) => (el as HTMLImageElement).naturalWidth > 0);
  };
  await s.page.getByTestId("work-cover").waitFor();
  expect(await loaded("[data-testid=work-cover]"), "the cover image did not load");
  expect((await s.page.getByTestId("gallery").locator("img").count()) >= 1, "no gallery");
  expect(await loaded("[data-testid=gallery] img"), "the gallery's picture did not load");
  // The SVG is shown, never linked: no link in the app's origin opens a bundle's active file.
  const svgLinks = await s.page.locator("a[href$='.svg']").count();
  expect(svgLinks === 0, `${svgLinks} links open an SVG file`);
  await s.page.getByTestId("contributors").filter({ hasText: "Carol Nguyen" }).waitFor();
  await s.page.getByTestId("fee-split").waitFor();
  const box = s.page.locator("svg.lineage a").first();
  expect(
    (await box.textContent())?.includes("Pedal grain mill") ?? false,
    "the lineage box has no title",
  );
  await box.focus();
  expect(
    await box.evaluate((el) => el === document.activeElement),
    "a lineage box cannot take focus",
  );
  await screenshots(s.page, "work-page-cover-gallery");
  await s.page.goto(`${stack.webUrl}/works`);
  expect(await loaded("[data-testid=works-list] img.cover"), "the work card has no cover");
  expect(errors.length === 0, `console errors: ${errors.join(" | ")}`);
  return [s];
};

interface MovementRow {
  amount: string;
  transaction_hash: string;
}

const ledger: Scenario = async (browser, stack) => {
  const s = await openBareSession(browser, stack.webUrl);
  await s.page.goto(`${stack.webUrl}/fund`);
  await s.page.getByTestId("ledger-row").first().waitFor();
  await s.page.getByTestId("ledger").filter({ hasText: "Acme Industries" }).waitFor();
  await screenshots(s.page, "ledger");
  const [download] = await Promise.all([
    s.page.waitForEvent("download"),
    s.page.getByTestId("ledger-csv").click(),
  ]);
  const path = await download.path();
  const { readFile } = await import("node:fs/promises");
  const rows = parseCsv(await readFile(path!, "utf8"));
  const header = rows[0];
  const tx = header.indexOf("transactionHash");
  const base = header.indexOf("amount");
  const direction = header.indexOf("direction");
  expect(tx >= 0 && base >= 0 && direction >= 0, `unexpected CSV header ${header.join(",")}`);
  const fromCsv = rows
    .slice(1)
    .map((r) => `${r[tx]} ${r[direction] === "out" ? "-" : ""}${r[base]}`)
    .sort();
  const funds = (await (await fetch(`${stack.apiUrl}/funds`)).json()) as {
    items: { sub_fund: number }[];
  };
  const fromIndexer: string[] = [];
  for (const f of funds.items) {
    const page = (await (
      await fetch(`${stack.apiUrl}/funds/${f.sub_fund}/movements?limit=100`)
    ).json()) as { items: MovementRow[] };
    fromIndexer.push(...page.items.map((m) => `${m.transaction_hash} ${m.amount}`));
  }
  fromIndexer.sort();
  expect(
    JSON.stringify(fromCsv) === JSON.stringify(fromIndexer),
    `CSV rows ${JSON.stringify(fromCsv)} differ from the indexer's ${JSON.stringify(fromIndexer)}`,
  );
  // The filters are the API's: money out only, then one counterparty's movements.
  await s.page.locator("select[name=direction]").selectOption("out");
  await s.page.getByRole("button", { name: "Filter" }).click();
  await s.page.waitForURL(/direction=out/);
  const directions = await s.page
    .getByTestId("ledger-row")
    .locator("td:nth-child(3)")
    .allInnerTexts();
  expect(
    directions.length > 0 && directions.every((d) => d.startsWith("Out")),
    `the "out" filter shows ${JSON.stringify(directions)}`,
  );
  await screenshots(s.page, "ledger-out");
  return [s];
};

const noJavaScript: Scenario = async (browser, stack) => {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 1280, height: 860 },
  });
  const page = await context.newPage();
  const foreign: string[] = [];
  for (const [route, text] of READ_PAGES) {
    await page.goto(`${stack.webUrl}${route}`);
    const main = (await page.locator("main").innerText()) ?? "";
    expect(!main.includes("Loading…"), `${route} says Loading… without JavaScript`);
    expect(main.includes(text), `${route} does not show “${text}” without JavaScript`);
    await screenshots(page, `nojs${route.replace(/[/?=&+]/g, "-") || "-home"}`, {
      javaScript: false,
    });
  }
  // SPIN's own contracts in the directory are named, not shown as bare addresses.
  await page.goto(`${stack.webUrl}/members`);
  const unnamed = (await page.getByTestId("directory").locator("td:first-child").allInnerTexts())
    .map((cell) => cell.trim())
    .filter((cell) => /^0x[0-9a-fA-F]{4}…/.test(cell));
  expect(unnamed.length === 0, `the directory shows ${unnamed.join(", ")} without a name`);
  // The phone menu opens without JavaScript and reaches every section.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${stack.webUrl}/`);
  await page.locator("details.nav-menu > summary").click();
  for (const name of ["Works", "Proposals", "Members", "Places", "Wallet"])
    expect(
      await page.locator("details.nav-menu nav").getByRole("link", { name }).isVisible(),
      `${name} is not in the phone menu`,
    );
  const sideways = await page.evaluate(
    () => document.documentElement.scrollWidth > window.innerWidth,
  );
  expect(!sideways, "the phone page scrolls sideways");
  await screenshots(page, "nojs-phone-menu", { javaScript: false });
  return [{ context, page, foreign }];
};

const accessibility: Scenario = async (browser, stack) => {
  const pages = [
    ...READ_PAGES.map(([r]) => r),
    "/join",
    "/works/new",
    "/proposals/new",
    "/wallet",
    "/no-such-page",
  ];
  const s = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.alice));
  const problems: string[] = [];
  for (const route of pages) {
    await s.page.goto(`${stack.webUrl}${route}`);
    await s.page.waitForLoadState("networkidle");
    const serious = await axeSerious(s.page);
    if (serious.length) problems.push(`${route}: ${describeViolations(serious)}`);
  }
  // And with the wallet connected (its menu open), on a proposal page.
  await s.page.goto(`${stack.webUrl}/fund`);
  await connectTestWallet(s.page);
  await s.page.getByTestId("account").click();
  const serious = await axeSerious(s.page);
  if (serious.length) problems.push(`/fund (wallet menu open): ${describeViolations(serious)}`);
  expect(problems.length === 0, `axe-core: ${problems.join(" || ")}`);
  return [s];
};

/** The 404 page speaks the reader's language. */
/**
 * A visitor's read pages are light: their HTML, CSS and /lite.js, no Next.js runtime; the
 * light script does what the page's small client parts do; "Connect" brings the full page with
 * the wallet's chooser open, and leaving the wallet makes the read pages light again.
 */
const lightPages: Scenario = async (browser, stack) => {
  const s = await openBareSession(browser, stack.webUrl);
  await s.context.grantPermissions(["clipboard-read", "clipboard-write"], {
    origin: stack.webUrl,
  });
  const errors = watchConsole(s.page);
  const inline = () =>
    s.page.evaluate(
      () => [...document.scripts].filter((x) => !x.src && x.type !== "application/json").length,
    );
  for (const [route, text] of READ_PAGES) {
    const scripts = await loadScripts(s.page, `${stack.webUrl}${route}`);
    const listed = scripts.map((x) => x.path);
    expect(listed.length === 1 && listed[0] === "/lite.js", `${route} loaded ${listed.join(", ")}`);
    const size = scripts[0]?.gzipBytes ?? 0;
    expect(size < 2_048, `/lite.js is ${size} B gzip`);
    expect((await inline()) === 0, `${route} has inline scripts`);
    const main = await s.page.locator("main").innerText();
    expect(main.includes(text), `${route} does not show “${text}”`);
  }
  // Its script carries the nonce of the policy it is served with, whether a visitor's page load
  // was rewritten to it or it was asked for directly; a nonce a client sends changes nothing.
  for (const [path, headers] of [
    ["/works", { "sec-fetch-dest": "document" }],
    ["/lite/works", {}],
    ["/lite/works", { "x-nonce": "not a nonce", "content-security-policy": "script-src *" }],
    // Well formed, but the client's own: never named by the policy.
    ["/lite/works", { "x-nonce": CLIENT_NONCE }],
  ] as const) {
    const response = await fetch(`${stack.webUrl}${path}`, { headers });
    const policy = response.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    const script = /<script src="\/lite\.js" nonce="([^"]+)"/.exec(await response.text())?.[1];
    const where = `${path} ${JSON.stringify(headers)}`;
    expect(response.status === 200, `${where}: status ${response.status}`);
    expect(nonce !== undefined && script === nonce, `${where}: policy ${policy}, script ${script}`);
    expect(!policy.includes("script-src *"), `${where}: the client's policy was kept`);
    expect(nonce !== CLIENT_NONCE, `${where}: the policy names the client's nonce`);
    expect(response.headers.get("x-frame-options") === "DENY", `${where}: no x-frame-options`);
  }
  // The copy button shows where the clipboard works, and copies.
  await s.page.goto(`${stack.webUrl}/works/1`);
  const copy = s.page.getByTestId("contributors").locator("button.copy").first();
  await copy.click();
  await s.page.waitForFunction(
    () => document.querySelector("[data-testid=contributors] button.copy[data-done]") !== null,
  );
  const copied = await s.page.evaluate(() => navigator.clipboard.readText());
  expect(/^0x[0-9a-fA-F]{40}$/.test(copied), `copied ${copied}`);
  // The phone menu closes on Escape; the language form is sent on a change.
  await s.page.setViewportSize({ width: 390, height: 844 });
  await s.page.locator("details.nav-menu > summary").click();
  await s.page.keyboard.press("Escape");
  expect(
    !(await s.page.locator("details.nav-menu").evaluate((d: HTMLDetailsElement) => d.open)),
    "Escape left the phone menu open",
  );
  await s.page.setViewportSize({ width: 1280, height: 860 });
  // Each answer is a new page: its script runs by its load event, and only then can it send.
  for (const lang of ["fr", "en"]) {
    await s.page.locator("form.lang select").selectOption(lang);
    await s.page.locator(`html[lang=${lang}]`).waitFor({ state: "attached" });
    await s.page.waitForLoadState("load");
    expect(s.page.url() === `${stack.webUrl}/works/1`, `the language form led to ${s.page.url()}`);
  }
  // "Connect" loads the same page with the wallet, its chooser open.
  await s.page.getByTestId("connect").first().click();
  await s.page.getByTestId("demo-identities").waitFor({ timeout: STEP_TIMEOUT });
  expect(s.page.url() === `${stack.webUrl}/works/1`, `Connect went to ${s.page.url()}`);
  const full = await loadScripts(s.page, `${stack.webUrl}/works`);
  expect(
    full.some((x) => x.path.startsWith("/_next/static/chunks/")),
    "the read page did not load the App Router's scripts once the wallet was asked for",
  );
  await s.page.getByTestId("connect").first().click();
  await s.page.getByRole("button", { name: /Be Alice Martin/ }).click();
  await s.page.getByTestId("account-name").filter({ hasText: "Alice Martin" }).waitFor();
  // Client-side navigation between read pages stays in the App Router.
  await s.page.getByRole("link", { name: "Fund", exact: true }).first().click();
  await s.page.waitForURL(`${stack.webUrl}/fund`);
  await s.page.getByTestId("account-name").filter({ hasText: "Alice Martin" }).waitFor();
  // Leaving the wallet: read pages are light again.
  await s.page.getByTestId("account").click();
  await s.page.getByRole("button", { name: "Disconnect" }).click();
  await s.page.getByTestId("connect").first().waitFor();
  const again = (await loadScripts(s.page, `${stack.webUrl}/fund`)).map((x) => x.path).join();
  expect(again === "/lite.js", `after leaving: ${again}`);
  // "Connect", then closing the chooser without connecting: the next page loaded is light again.
  await s.page.getByTestId("connect").first().click();
  await s.page.getByTestId("demo-identities").waitFor({ timeout: STEP_TIMEOUT });
  await s.page.keyboard.press("Escape");
  await s.page.getByTestId("demo-identities").waitFor({ state: "detached" });
  const closed = (await loadScripts(s.page, `${stack.webUrl}/fund`)).map((x) => x.path).join();
  expect(closed === "/lite.js", `after closing the chooser: ${closed}`);
  expect(errors.length === 0, `console errors: ${errors.join(" | ")}`);
  await screenshots(s.page, "light-fund");
  return [s];
};

const notFound: Scenario = async (browser, stack) => {
  const s = await openBareSession(browser, stack.webUrl, "es-ES");
  const response = await s.page.goto(`${stack.webUrl}/no-such-page`);
  expect(response?.status() === 404, `status ${response?.status()}`);
  await s.page.getByRole("heading", { name: "Página no encontrada" }).waitFor();
  const fr = await openBareSession(browser, stack.webUrl, "fr-FR");
  const missing = await fr.page.goto(`${stack.webUrl}/works/424242`);
  expect(missing?.status() === 404, `a missing work: status ${missing?.status()}`);
  await fr.page.getByRole("heading", { name: "Page introuvable" }).waitFor();
  await fr.page.goto(`${stack.webUrl}/works`);
  await fr.page
    .getByText(/^\d+ œuvres?$/)
    .first()
    .waitFor();
  // A damaged page link is refused in words, with the way back to the first page: on a light
  // page, and on the full one (a browser that uses a wallet).
  const refused = await s.page.goto(`${stack.webUrl}/works?cursor=damaged`);
  expect(refused?.status() === 400, `a damaged link on a light page: status ${refused?.status()}`);
  await s.page.getByRole("heading", { name: "No se puede seguir este enlace" }).waitFor();
  await s.page.getByRole("link", { name: "Primera página" }).click();
  await s.page.getByTestId("works-list").waitFor();
  expect(new URL(s.page.url()).search === "", `the first page is ${s.page.url()}`);
  await fr.context.addCookies([{ name: WALLET_COOKIE, value: "1", url: stack.webUrl }]);
  await fr.page.goto(`${stack.webUrl}/members?applicants=damaged`);
  await fr.page.getByRole("heading", { name: "Ce lien ne peut pas être suivi" }).waitFor();
  expect(
    (await fr.page.getByTestId("refused-address").innerText()).includes("query.cursor"),
    "the refusal does not name what the index refused",
  );
  return [s, fr];
};

export const readScenarios: Record<string, Scenario> = {
  demo,
  "work-page": workPage,
  ledger,
  "no-javascript": noJavaScript,
  accessibility,
  "not-found": notFound,
  "light-pages": lightPages,
};
