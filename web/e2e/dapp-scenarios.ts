/**
 * Scenarios of the dApp as people use it: a demo identity in one click, a work laid out with its
 * pictures, the public accounts and their CSV, a proposal's own page, refusals before signing,
 * joining with a profile, every read page without JavaScript, and axe-core on every page.
 */
import type { Browser } from "playwright-core";
import { openBareSession, openSession, screenshots, type BareSession } from "./browser.ts";
import {
  axeSerious,
  connectTestWallet,
  describeViolations,
  expect,
  finalPhase,
  parseCsv,
  reloadUntil,
  STEP_TIMEOUT,
  watchConsole,
} from "./helpers.ts";
import { devAddress, devKey, people, timing, type Stack } from "./stack.ts";

type Scenario = (browser: Browser, stack: Stack) => Promise<BareSession[]>;

/** Read pages and the text each shows from the seeded data (works without JavaScript). */
const READ_PAGES: [string, string][] = [
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
  const loaded = async (selector: string) =>
    s.page
      .locator(selector)
      .first()
      .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
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
  const tx = header.indexOf("transaction");
  const base = header.indexOf("amount_base_units");
  const direction = header.indexOf("direction");
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
  return [s];
};

/** Alice proposes a grant with a why; after the delay she votes on the proposal's own page. */
const proposalPage: Scenario = async (browser, stack) => {
  const memo = "Sewing machines for the repair café";
  const why = "Three machines, shared by the neighbourhood, repaired by volunteers.";
  const alice = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.alice));
  const a = alice.page;
  await a.goto(`${stack.webUrl}/proposals/new`);
  await connectTestWallet(a);
  const form = a.getByTestId("propose-form");
  await form.locator("input[name=recipient]").fill("Atelier Coop");
  await form.locator("input[name=amount]").fill("120");
  await form.locator("input[name=memo]").fill(memo);
  await form.locator("textarea[name=why]").fill(why);
  await form.getByRole("button", { name: "Propose", exact: true }).click();
  expect((await finalPhase(a)) === "confirmed", "proposing failed");
  await a.getByTestId("proposed").getByRole("link").click();
  await a
    .getByTestId("proposal-title")
    .filter({ hasText: memo })
    .waitFor({ timeout: STEP_TIMEOUT });
  await stack.skip(timing.votingDelay + 1);
  await reloadUntil(a, a.getByTestId("proposal-state").filter({ hasText: "Active" }));
  await connectTestWallet(a);
  await a.getByTestId("proposal-why").filter({ hasText: why }).waitFor();
  const calls = a.getByTestId("calls");
  await calls.filter({ hasText: "CommonFund.grant" }).waitFor();
  await calls.filter({ hasText: "Atelier Coop" }).filter({ hasText: "120 SPIN" }).waitFor();
  await a
    .getByTestId("voting-power")
    .filter({ hasText: /: [1-9]\d* votes?\./ })
    .waitFor({ timeout: STEP_TIMEOUT });
  await a.getByTestId("my-vote").getByRole("button", { name: "For", exact: true }).click();
  expect((await finalPhase(a, "my-vote")) === "confirmed", "the vote failed");
  await a.reload();
  await connectTestWallet(a);
  await a
    .getByTestId("you-voted")
    .filter({ hasText: "You voted For" })
    .waitFor({ timeout: STEP_TIMEOUT });
  await a.getByTestId("votes").filter({ hasText: "Alice Martin" }).waitFor();
  await screenshots(a, "proposal-page-voted");

  // An enterprise is told it does not vote, and is offered no vote button.
  const acme = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.acme));
  await acme.page.goto(a.url());
  await connectTestWallet(acme.page);
  await acme.page
    .getByTestId("cannot-vote")
    .filter({ hasText: "Only persons vote" })
    .waitFor({ timeout: STEP_TIMEOUT });
  expect(
    (await acme.page.getByRole("button", { name: "For", exact: true }).count()) === 0,
    "an enterprise is offered to vote",
  );
  expect(!acme.wallet.calls.includes("eth_sendTransaction"), "the enterprise sent a transaction");
  await screenshots(acme.page, "refusal-non-voter");
  return [alice, acme];
};

/** Refusals before signing: a locked sub-fund and an amount over the cap. */
const refusals: Scenario = async (browser, stack) => {
  const s = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.bob));
  const p = s.page;
  await p.goto(`${stack.webUrl}/proposals/new`);
  await connectTestWallet(p);
  const form = p.getByTestId("propose-form");
  await form.locator("select[name=subFund]").selectOption({ index: 1 });
  await form.locator("input[name=recipient]").fill(devAddress(people.coop));
  await form.locator("input[name=amount]").fill("10");
  await form.locator("input[name=memo]").fill("From a locked fund");
  await form.getByRole("button", { name: "Propose", exact: true }).click();
  await form
    .getByRole("alert")
    .filter({ hasText: /is locked until/ })
    .waitFor({ timeout: STEP_TIMEOUT });
  await screenshots(p, "refusal-locked-sub-fund");
  await form.locator("select[name=subFund]").selectOption({ index: 0 });
  await form.locator("input[name=amount]").fill("900000");
  await form.getByRole("button", { name: "Propose", exact: true }).click();
  await form
    .getByRole("alert")
    .filter({ hasText: /per proposal/ })
    .waitFor({ timeout: STEP_TIMEOUT });
  expect(!s.wallet.calls.includes("eth_sendTransaction"), "a refused proposal was sent");
  await screenshots(p, "refusal-over-cap");
  // Typing a name in "Delegate to" resolves it, or says why not.
  await p.goto(`${stack.webUrl}/fund`);
  await connectTestWallet(p);
  await p.locator("input[name=delegatee]").fill("Nobody Here");
  await p.getByRole("button", { name: "Delegate", exact: true }).click();
  await p
    .getByTestId("delegate-problem")
    .filter({ hasText: "No member is called" })
    .waitFor({ timeout: STEP_TIMEOUT });
  await p.locator("input[name=delegatee]").fill("Acme Industries");
  await p.getByRole("button", { name: "Delegate", exact: true }).click();
  await p.getByTestId("delegate-problem").filter({ hasText: "not a person" }).waitFor();
  expect(!s.wallet.calls.includes("eth_sendTransaction"), "a refused delegation was sent");
  return [s];
};

/** A local account no other scenario uses. */
const JOINER = 8;

const join: Scenario = async (browser, stack) => {
  const address = devAddress(JOINER);
  const s = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(JOINER));
  const p = s.page;
  await p.goto(`${stack.webUrl}/join`);
  await connectTestWallet(p);
  const form = p.getByTestId("join-form");
  await form.waitFor({ timeout: STEP_TIMEOUT });
  // The form is a few Tab presses from the top of the page (skip link, then the first field).
  await p.goto(`${stack.webUrl}/join`);
  await form.waitFor({ timeout: STEP_TIMEOUT });
  let presses = 0;
  for (; presses < 12; presses++) {
    await p.keyboard.press("Tab");
    if (
      await p.evaluate(
        () => (document.activeElement as HTMLElement | null)?.getAttribute("href") === "#main",
      )
    ) {
      await p.keyboard.press("Enter");
      await p.keyboard.press("Tab");
      presses += 2;
      break;
    }
  }
  expect(
    await p.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name === "name"),
    "the name field is not reached after the skip link",
  );
  expect(presses <= 6, `the form needs ${presses} key presses`);
  await form.getByLabel("I join as").selectOption("Place");
  await form.getByRole("button", { name: "Apply" }).click();
  await form.getByText("Give a name.").waitFor();
  await form.getByText("Two letters, like SN or FR.").waitFor();
  expect(!s.wallet.calls.includes("eth_sendTransaction"), "an invalid profile was sent");
  await screenshots(p, "join-invalid");
  await form.locator("input[name=name]").fill("Makerspace Thiès");
  await form
    .locator("textarea[name=about]")
    .fill("A community workshop in Thiès with a laser cutter and a kiln.");
  await form.locator("input[name=latitude]").fill("14.79");
  await form.locator("input[name=longitude]").fill("-16.93");
  await form.locator("input[name=country]").fill("sn");
  await form.locator("textarea[name=machines]").fill("laser-cutter\nkiln");
  await form.getByRole("button", { name: "Apply" }).click();
  // Once applied, the form gives way to what happens next.
  const next = p.getByTestId("what-next");
  const failed = p.locator(".tx[data-phase='failed'], .tx[data-phase='rejected']");
  await next.or(failed).first().waitFor({ timeout: STEP_TIMEOUT });
  expect(await next.isVisible(), `applying failed: ${await failed.textContent().catch(() => "")}`);
  await next.filter({ hasText: "You need 2 vouches" }).waitFor();
  const link = await p.getByTestId("share-link").inputValue();
  expect(link.endsWith(`/members#${address.toLowerCase()}`), `share link ${link}`);
  await screenshots(p, "join-what-next");
  await p.goto(`${stack.webUrl}/members`);
  await p
    .getByTestId(`applicant-${address.toLowerCase()}`)
    .filter({ hasText: "Makerspace Thiès" })
    .waitFor();
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
    await screenshots(page, `nojs${route.replace(/[/?=&+]/g, "-") || "-home"}`);
  }
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
  await screenshots(page, "nojs-phone-menu");
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
const notFound: Scenario = async (browser, stack) => {
  const s = await openBareSession(browser, stack.webUrl, "es-ES");
  const response = await s.page.goto(`${stack.webUrl}/no-such-page`);
  expect(response?.status() === 404, `status ${response?.status()}`);
  await s.page.getByRole("heading", { name: "Página no encontrada" }).waitFor();
  const fr = await openBareSession(browser, stack.webUrl, "fr-FR");
  await fr.page.goto(`${stack.webUrl}/works/424242`);
  await fr.page.getByRole("heading", { name: "Page introuvable" }).waitFor();
  await fr.page.goto(`${stack.webUrl}/works`);
  await fr.page
    .getByText(/^\d+ œuvres?$/)
    .first()
    .waitFor();
  return [s, fr];
};

export const dappScenarios: Record<string, Scenario> = {
  demo,
  "work-page": workPage,
  ledger,
  "proposal-page": proposalPage,
  refusals,
  join,
  "no-javascript": noJavaScript,
  accessibility,
  "not-found": notFound,
};
