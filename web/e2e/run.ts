/**
 * End-to-end tests of the dApp in headless Chromium against the whole local stack.
 * Usage (from the repository root, Node 22): node web/e2e/run.ts [--build] [scenario...]
 * Builds the app first when asked or when web/.next is missing; screenshots go to
 * web/test-results/. Exits non-zero if any scenario fails.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { privateKeyToAccount } from "viem/accounts";
import type { Hex } from "viem";
import { addressBookFileName } from "@spin/shared";
import { freePort } from "../../scripts/lib/net.ts";
import { scaled } from "../../scripts/lib/wait.ts";
import { buildWeb, startWeb } from "../../scripts/start/services.ts";
import {
  launchBrowser,
  openBareSession,
  openSession,
  screenshots,
  type BareSession,
  type Session,
} from "./browser.ts";
import { devAddress, devKey, people, startStack, timing, webDir, type Stack } from "./stack.ts";
import { dappScenarios } from "./dapp-scenarios.ts";
import {
  connectTestWallet,
  expect,
  finalPhase,
  islandUntil,
  regionWith,
  reloadUntil,
} from "./helpers.ts";

/** How long one step may take: a minute on an idle machine, more on a loaded one. */
const STEP_TIMEOUT = scaled(60_000);
/** A chain id the burner must never be offered on. */
const OTHER_CHAIN_ID = 1337;

function buildIfNeeded(force: boolean): void {
  if (force || !existsSync(path.join(webDir, ".next", "BUILD_ID"))) buildWeb();
}

async function visit(s: Session, stack: Stack, route: string): Promise<void> {
  await s.page.goto(`${stack.webUrl}${route}`);
  await connectTestWallet(s.page);
}

interface Shared {
  workId?: string;
  forkId?: string;
  /** The work whose commercial licence was sold. */
  licensedWork?: string;
}

type Scenario = (browser: Browser, stack: Stack, shared: Shared) => Promise<BareSession[]>;

const publish: Scenario = async (browser, stack, shared) => {
  const s = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.alice));
  await visit(s, stack, "/works/new");
  const p = s.page;
  await p.locator("input[name=title]").fill("Solar food dryer");
  await p
    .locator("input[name=summary]")
    .fill("A passive solar dryer for fruit and grain, built from plywood and glass.");
  await p.locator("input[name=tags]").fill("food, solar");
  await p.locator("input[name=machines]").fill("laser-cutter");
  await p
    .locator("textarea[name=body]")
    .fill(
      "## How it works\n\nAir warms under the glass and rises through the trays.\n\n- 4 trays\n- no electricity",
    );
  await p.locator("select[name=licence]").selectOption("1");
  await p
    .getByTestId("content-hash")
    .filter({ hasText: /^0x[0-9a-f]{64}$/ })
    .waitFor();
  const hash = await p.getByTestId("content-hash").textContent();
  await screenshots(p, "publish-form");
  // Declining the upload's signature sends nothing more than the commitment (which hides the
  // hash) and says so calmly.
  s.wallet.reject = "signatures";
  await p.getByTestId("publish").click();
  await p
    .getByTestId("publish-problem")
    .filter({ hasText: "You declined to sign the upload; nothing was sent." })
    .waitFor({ timeout: STEP_TIMEOUT });
  // Only the commitment went out (it hides the hash): nothing was uploaded or registered.
  const sent = () => s.wallet.calls.filter((c) => c === "eth_sendTransaction").length;
  expect(sent() === 1, `a declined upload sent ${sent()} transactions`);
  s.wallet.reject = false;
  await p.getByTestId("publish").click();
  await p.getByTestId("published").waitFor({ timeout: STEP_TIMEOUT });
  // The kept salt found its commitment on chain: no second commitment; the upload was signed
  // by the wallet (EIP-712), then the work revealed.
  const signed = s.wallet.calls.lastIndexOf("eth_signTypedData_v4");
  expect(
    sent() === 2 && signed >= 0 && s.wallet.calls.indexOf("eth_sendTransaction", signed) > signed,
    `the wallet was asked ${s.wallet.calls.join(", ")}`,
  );
  shared.workId = (await p.getByTestId("published").textContent())?.match(/work (\d+)/)?.[1];
  expect(Boolean(shared.workId), "no work id after publishing");
  await visit(s, stack, `/works/${shared.workId}`);
  await p.getByTestId("work-title").filter({ hasText: "Solar food dryer" }).waitFor();
  await p.getByText("Air warms under the glass").waitFor();
  const shown = await p.getByTestId("work-hash").getAttribute("title");
  expect(shown === hash, `the work page shows ${shown}, the browser computed ${hash}`);
  await screenshots(p, "publish-work-page");
  return [s];
};

const fork: Scenario = async (browser, stack, shared) => {
  expect(Boolean(shared.workId), "needs the published work");
  const s = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.bob));
  await visit(s, stack, `/works/new?fork=${shared.workId}`);
  const p = s.page;
  await p
    .getByRole("heading", { name: `Fork work ${shared.workId}` })
    .or(p.getByRole("heading", { name: /Fork work/ }))
    .first()
    .waitFor();
  await p.locator("input[name=title]").fill("Solar food dryer, eight trays");
  await p
    .locator("input[name=summary]")
    .fill("The solar dryer, doubled for a cooperative kitchen.");
  await p.locator("input[name=tags]").fill("food, solar");
  await p.locator("select[name=licence]").selectOption("1");
  await p.getByTestId("content-hash").filter({ hasText: /^0x/ }).waitFor();
  await p.getByTestId("publish").click();
  await p.getByTestId("published").waitFor({ timeout: STEP_TIMEOUT });
  shared.forkId = (await p.getByTestId("published").textContent())?.match(/work (\d+)/)?.[1];
  await visit(s, stack, `/works/${shared.forkId}`);
  await p.locator("svg.lineage a", { hasText: "Solar food dryer" }).first().waitFor();
  await screenshots(p, "fork-work-page");
  return [s];
};

const licence: Scenario = async (browser, stack, shared) => {
  const work = shared.forkId ?? "1";
  const s = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.acme));
  await visit(s, stack, `/licences?work=${work}`);
  const p = s.page;
  await p.locator("input[name=account]").fill(devAddress(people.acme));
  await p.getByTestId("check").click();
  await connectTestWallet(p);
  await p
    .locator("[data-testid=licence-verdict][data-allowed=false]")
    .waitFor({ timeout: STEP_TIMEOUT });
  await p.getByText("An enterprise must buy a commercial licence first.").waitFor();
  await screenshots(p, "licence-check-denied");
  await p.getByTestId("buy").waitFor();
  await p.getByTestId("buy").click();
  // Once bought, the check runs again and the purchase form gives way to the new verdict.
  await p
    .locator("[data-testid=licence-verdict][data-allowed=true]")
    .waitFor({ timeout: STEP_TIMEOUT });
  await p.getByText(/holds a paid licence/).waitFor();
  shared.licensedWork = work;
  await screenshots(p, "licence-check-allowed");
  await p.getByRole("link", { name: /Licence record #/ }).click();
  await p.getByTestId("licence-record").waitFor({ timeout: STEP_TIMEOUT });
  await screenshots(p, "licence-record");
  return [s];
};

/** Each proposal's own page, by the memo it pays for. */
const proposalUrls = new Map<string, string>();

/** Opens the proposal about `memo` and waits until it shows `state`. */
async function cardInState(s: Session, stack: Stack, memo: string, state: string) {
  const url = proposalUrls.get(memo);
  expect(Boolean(url), `no proposal page for ${memo}`);
  await s.page.goto(url!);
  // The page is rendered from the API: reload until the indexer has seen the new state.
  await reloadUntil(s.page, s.page.getByTestId("proposal-state").filter({ hasText: state }));
  await connectTestWallet(s.page);
  return s.page.getByTestId("my-vote");
}

async function vote(s: Session, stack: Stack, memo: string, choice: string, reason = "") {
  const panel = await cardInState(s, stack, memo, "Active");
  if (reason) await panel.getByLabel("Reason (optional)").fill(reason);
  await panel.getByRole("button", { name: choice, exact: true }).click();
  expect((await finalPhase(s.page)) === "confirmed", `the vote ${choice} failed`);
}

/** Fills the proposal form and keeps the new proposal's page. */
async function propose(
  s: Session,
  stack: Stack,
  fields: {
    recipient: string;
    amount: string;
    memo: string;
    why: string;
    stream?: [string, string];
  },
) {
  await visit(s, stack, "/proposals/new");
  const form = s.page.getByTestId("propose-form");
  if (fields.stream) {
    await form.getByLabel("Stream (vests over time)").check();
    await form.getByLabel("Stream starts").fill(fields.stream[0]);
    await form.getByLabel("Stream ends").fill(fields.stream[1]);
  }
  await form.locator("input[name=recipient]").fill(fields.recipient);
  await form.locator("input[name=amount]").fill(fields.amount);
  await form.locator("input[name=memo]").fill(fields.memo);
  await form.locator("textarea[name=why]").fill(fields.why);
  await form.getByRole("button", { name: "Propose", exact: true }).click();
  expect(
    (await finalPhase(s.page, regionWith(s.page, "Propose a grant or a stream"))) === "confirmed",
    "proposing failed",
  );
  const link = s.page.getByTestId("proposed").getByRole("link");
  await link.waitFor({ timeout: STEP_TIMEOUT });
  proposalUrls.set(fields.memo, new URL((await link.getAttribute("href"))!, stack.webUrl).href);
}

/** After the vote: queue, wait out the timelock, execute. */
async function queueAndExecute(s: Session, stack: Stack, memo: string) {
  await stack.skip(timing.votingPeriod + 1);
  let panel = await cardInState(s, stack, memo, "Succeeded");
  await panel.getByRole("button", { name: "Queue" }).click();
  expect((await finalPhase(s.page)) === "confirmed", "queueing failed");
  await stack.skip(timing.timelockDelay + 1);
  panel = await cardInState(s, stack, memo, "Queued");
  await panel.getByRole("button", { name: "Execute" }).click({ timeout: STEP_TIMEOUT });
  expect((await finalPhase(s.page)) === "confirmed", "executing failed");
  await s.page
    .getByTestId("proposal-state")
    .filter({ hasText: "Executed" })
    .waitFor({ timeout: STEP_TIMEOUT });
}

const governance: Scenario = async (browser, stack) => {
  const memo = "Tools for the cooperative workshop";
  const alice = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.alice));
  const bob = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.bob));
  const carol = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.carol));

  await visit(carol, stack, "/fund");
  await carol.page.locator("input[name=delegatee]").fill("Alice Martin");
  await carol.page.getByRole("button", { name: "Delegate", exact: true }).click();
  expect(
    (await finalPhase(carol.page, regionWith(carol.page, "Your vote"))) === "confirmed",
    "delegation failed",
  );

  await visit(alice, stack, "/fund");
  const a = alice.page;
  const before = (await a.getByTestId("subfund-balance-0").textContent()) ?? "";
  await propose(alice, stack, {
    recipient: devAddress(people.coop),
    amount: "250",
    memo,
    why: "A band saw and clamps, shared with the neighbourhood.",
  });
  await screenshots(a, "governance-proposed");

  await stack.skip(timing.votingDelay + 1);
  await vote(alice, stack, memo, "For", "We need these tools.");

  const carolPanel = await cardInState(carol, stack, memo, "Active");
  await carolPanel.getByText("voting here overrides your delegate").waitFor();
  await carolPanel
    .getByTestId("delegate-vote")
    .filter({ hasText: "Your delegate at the snapshot, Alice Martin, voted For." })
    .waitFor();
  await carolPanel.getByRole("button", { name: "Abstain", exact: true }).click();
  expect((await finalPhase(carol.page)) === "confirmed", "carol's override failed");
  await screenshots(carol.page, "governance-override");

  await vote(bob, stack, memo, "For");
  await queueAndExecute(alice, stack, memo);
  await visit(alice, stack, "/fund");
  await reloadUntil(a, a.getByTestId("subfund-balance-0").filter({ hasNotText: before }));
  const after = (await a.getByTestId("subfund-balance-0").textContent()) ?? "";
  const amount = (text: string) => Number(text.replace(/[^0-9.]/g, ""));
  expect(amount(before) - amount(after) === 250, `Pooled went from ${before} to ${after}`);
  await screenshots(a, "governance-executed");
  return [alice, bob, carol];
};

const rejected: Scenario = async (browser, stack) => {
  const s = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.acme));
  await visit(s, stack, "/wallet");
  s.wallet.reject = true;
  await s.page.locator("input[name=to]").fill(devAddress(people.bob));
  await s.page.locator("input[name=amount]").fill("1");
  await s.page.getByTestId("send").click();
  const phase = await finalPhase(s.page, regionWith(s.page, "Send SPIN"));
  expect(phase === "rejected", `a declined signature ended ${phase}`);
  await s.page.getByText("You declined the signature. Nothing was sent.").waitFor();
  await screenshots(s.page, "rejected-signature");
  return [s];
};

const wrongNetwork: Scenario = async (browser, stack) => {
  const s = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.bob));
  s.wallet.chainId = 1;
  await visit(s, stack, "/");
  const banner = s.page.getByRole("alert").filter({ hasText: "Your wallet is on chain 1" });
  await banner.waitFor({ timeout: STEP_TIMEOUT });
  await screenshots(s.page, "wrong-network");
  await banner.getByRole("button", { name: "Switch network" }).click();
  await banner.waitFor({ state: "detached", timeout: STEP_TIMEOUT });
  expect(s.wallet.chainId === 31337, `the wallet is on ${s.wallet.chainId}`);
  return [s];
};

const nonMember: Scenario = async (browser, stack) => {
  const alice = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.alice));
  await visit(alice, stack, "/wallet");
  await alice.page.locator("input[name=to]").fill(devAddress(people.outsider));
  await alice.page.locator("input[name=amount]").fill("5");
  await alice.page.getByTestId("send").click();
  expect(
    (await finalPhase(alice.page, regionWith(alice.page, "Send SPIN"))) === "failed",
    "sending to a non-member did not fail",
  );
  await alice.page.getByText("the recipient is not an admitted member").waitFor();
  await screenshots(alice.page, "non-member-recipient");

  const outsider = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.outsider));
  await visit(outsider, stack, "/works/1");
  // The wallet's islands have answered once the account's licence verdict is shown.
  await outsider.page.getByTestId("licence-verdict").waitFor({ timeout: STEP_TIMEOUT });
  expect(
    (await outsider.page.getByRole("button", { name: "Adopt: we produce it" }).count()) === 0,
    "a non-member is offered to adopt a work",
  );
  await screenshots(outsider.page, "non-member-refused");
  // Only admitted members commit, upload and register: said before anything is signed.
  await visit(outsider, stack, "/works/new");
  const o = outsider.page;
  await o.locator("input[name=title]").fill("Not a member's work");
  await o.locator("input[name=summary]").fill("Uploaded by someone the commons does not know.");
  await o.locator("select[name=licence]").selectOption("1");
  await o
    .getByTestId("content-hash")
    .filter({ hasText: /^0x[0-9a-f]{64}$/ })
    .waitFor();
  await o.getByTestId("publish").click();
  await o
    .getByTestId("publish-problem")
    .filter({ hasText: "Only admitted members may upload works" })
    .waitFor({ timeout: STEP_TIMEOUT });
  expect(
    !outsider.wallet.calls.includes("eth_signTypedData_v4") &&
      !outsider.wallet.calls.includes("eth_sendTransaction"),
    `a non-member's wallet was asked ${outsider.wallet.calls.join(", ")}`,
  );
  await screenshots(o, "non-member-upload-refused");
  return [alice, outsider];
};

const tour: Scenario = async (browser, stack) => {
  const s = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.place), "fr-FR");
  for (const [route, name, ready] of [
    ["/", "home", "Œuvres récentes"],
    ["/works", "works", "Pedal grain mill"],
    ["/works/1", "work-1", "Pedal grain mill"],
    ["/members", "members", "Annuaire"],
    ["/places", "places", "Fablab Dakar"],
    ["/wallet", "wallet", "Envoyer des SPIN"],
  ] as const) {
    await visit(s, stack, route);
    await s.page
      .locator("h1, h2, h3, a, p")
      .filter({ hasText: ready })
      .first()
      .waitFor({ timeout: STEP_TIMEOUT });
    await s.page.waitForLoadState("networkidle");
    await screenshots(s.page, `tour-${name}`);
  }
  return [s];
};

/** SPIN as a number, from a text like "1,234.5 SPIN". */
const spinIn = (text: string | null) => Number((text ?? "").replace(/[^0-9.]/g, ""));

const burner: Scenario = async (browser, stack) => {
  const s = await openBareSession(browser, stack.webUrl);
  await s.page.goto(`${stack.webUrl}/wallet`);
  await s.page.getByTestId("connect").click();
  await s.page.getByText("No browser wallet was found.").waitFor();
  await s.page.getByRole("button", { name: "Burner wallet (local chain only)" }).click();
  await s.page.getByTestId("account").waitFor({ timeout: STEP_TIMEOUT });
  const key = await s.page.evaluate(() => window.localStorage.getItem("spin-burner-key"));
  expect(/^0x[0-9a-f]{64}$/i.test(key ?? ""), "the burner kept no key in this browser");
  const address = privateKeyToAccount(key as Hex).address;
  await s.page.getByTestId("wallet-address").filter({ hasText: address }).waitFor();
  await s.page.getByRole("link", { name: "Apply to join" }).waitFor();
  // It came with test gas from the app's faucet, so it can send its application.
  const gas = BigInt((await stack.node("eth_getBalance", [address, "latest"])) as string);
  expect(gas > 0n, "the burner got no test gas");
  await screenshots(s.page, "burner-created");
  // The same browser keeps the same burner.
  await s.page.reload();
  await s.page.getByTestId("wallet-address").filter({ hasText: address }).waitFor();

  // A web app for another chain id never offers it.
  const dir = await mkdtemp(path.join(tmpdir(), "spin-e2e-other-"));
  const book = { ...stack.book, chainId: OTHER_CHAIN_ID };
  await writeFile(
    path.join(dir, addressBookFileName(OTHER_CHAIN_ID)),
    JSON.stringify(book, null, 2),
  );
  const other = await startWeb({
    rpcUrl: stack.rpcUrl,
    apiUrl: stack.apiUrl,
    chainId: OTHER_CHAIN_ID,
    port: await freePort(),
    deploymentsDir: dir,
    build: "never",
    stderr: () => {},
    log: () => {},
  });
  try {
    const o = await openBareSession(browser, other.url);
    await o.page.goto(`${other.url}/wallet`);
    await o.page.getByTestId("connect").click();
    await o.page.getByText("No browser wallet was found.").waitFor();
    const offered = await o.page.getByRole("button", { name: /Burner/ }).count();
    expect(offered === 0, `the burner is offered on chain ${OTHER_CHAIN_ID}`);
    const faucet = await fetch(`${other.url}/api/faucet`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ account: address }),
    });
    expect(faucet.status === 404, `the faucet answered ${faucet.status} on another chain`);
    const demo = await fetch(`${other.url}/api/demo`);
    expect(demo.status === 404, `demo identities answered ${demo.status} on another chain`);
    expect(
      (await o.page.getByTestId("demo-identities").count()) === 0,
      `demo identities are offered on chain ${OTHER_CHAIN_ID}`,
    );
    await screenshots(o.page, "burner-not-offered");
    await o.context.close();
    expect(o.foreign.length === 0, `requests to other hosts: ${o.foreign.join(", ")}`);
  } finally {
    await other.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return [s];
};

/** The admission rule the stack deploys with (ignition's defaults, in seconds). */
const DAY = 86_400;
const rule = { voucherSeniority: 28 * DAY, admissionDelay: 14 * DAY, ripeningPeriod: 14 * DAY };

/** The newcomer fills the join form and signs; returns once "what happens next" shows. */
async function applyAsNewcomer(newcomer: Session, stack: Stack): Promise<void> {
  await visit(newcomer, stack, "/join");
  const n = newcomer.page;
  const form = n.getByTestId("join-form");
  await form.getByLabel("I join as").selectOption({ label: "Person" });
  await form.locator("input[name=name]").fill("Nia Newcomer");
  await form
    .locator("textarea[name=about]")
    .fill("I repair bicycles and want to build the grain mill.");
  await n.getByTestId("apply").click();
  const next = n.getByTestId("what-next");
  const refused = n.getByTestId("join-refused");
  await next.or(refused).first().waitFor({ timeout: STEP_TIMEOUT });
  expect(await next.isVisible(), `applying failed: ${await refused.textContent().catch(() => "")}`);
  await next.filter({ hasText: "waits for a member to submit it" }).waitFor();
}

/**
 * Admission as the chain now requires it: the newcomer signs an application (it cannot send
 * transactions), a senior member relays it with the first vouch, another vouches, the admission
 * is scheduled, time passes, anyone completes it, and the new member's vote ripens later.
 */
const admission: Scenario = async (browser, stack) => {
  const address = devAddress(people.newcomer);
  const newcomer = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.newcomer));
  const n = newcomer.page;
  await applyAsNewcomer(newcomer, stack);
  expect(
    newcomer.wallet.calls.includes("eth_signTypedData_v4") &&
      !newcomer.wallet.calls.includes("eth_sendTransaction"),
    `the newcomer's wallet was asked ${newcomer.wallet.calls.join(", ")}`,
  );
  await screenshots(n, "admission-signed");

  // The founders are members of a few days: the page says when they may vouch, before signing.
  const alice = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.alice));
  const bob = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.bob));
  await visit(alice, stack, "/members");
  const signed = alice.page.getByTestId(`signed-${address.toLowerCase()}`);
  await signed.filter({ hasText: "Nia Newcomer" }).waitFor({ timeout: STEP_TIMEOUT });
  await signed
    .getByTestId("relay-refusal")
    .filter({ hasText: "You can vouch from" })
    .waitFor({ timeout: STEP_TIMEOUT });
  expect(!alice.wallet.calls.includes("eth_sendTransaction"), "a too-recent vouch was sent");
  await screenshots(alice.page, "admission-too-recent");

  // Four weeks later the founders are senior; the signed application has expired meanwhile, so
  // the newcomer signs again (the join form is back).
  await stack.skip(rule.voucherSeniority + 1);
  await islandUntil(n, n.getByTestId("join-form"));
  await applyAsNewcomer(newcomer, stack);

  await visit(alice, stack, "/members");
  await islandUntil(alice.page, signed.getByTestId("relay-vouch"));
  await signed.getByTestId("relay-vouch").click();
  // Relayed: the signed application leaves the list and the on-chain one counts the vouch.
  const card = (s: Session) => s.page.getByTestId(`applicant-${address.toLowerCase()}`);
  await islandUntil(alice.page, card(alice).filter({ hasText: "1 of 2 vouches" }));
  // A second vouch from the same member is refused before signing.
  await card(alice)
    .getByTestId("vouch-refusal")
    .filter({ hasText: "You have vouched" })
    .waitFor({ timeout: STEP_TIMEOUT });
  await screenshots(alice.page, "admission-relayed");

  await visit(bob, stack, "/members");
  await card(bob).getByRole("button", { name: "Vouch", exact: true }).click();
  await islandUntil(bob.page, card(bob).getByTestId("admission-scheduled"));
  await screenshots(bob.page, "admission-scheduled");
  await visit(newcomer, stack, "/join");
  await n.getByTestId("my-status").filter({ hasText: "you will be admitted on" }).waitFor();

  // The window in which governance may reject passes; anyone completes the admission.
  await stack.skip(rule.admissionDelay + 1);
  await visit(bob, stack, "/members");
  await islandUntil(bob.page, card(bob).getByTestId("complete-admission"));
  await card(bob).getByTestId("complete-admission").click();
  await card(bob).waitFor({ state: "detached", timeout: STEP_TIMEOUT });
  await bob.page
    .locator(`tr[id="${address.toLowerCase()}"]`)
    .filter({ hasText: "Admitted" })
    .waitFor({ timeout: STEP_TIMEOUT });
  await screenshots(bob.page, "admission-admitted");

  // Admitted, but the vote has not ripened: the proposal page refuses before anything is signed.
  const memo = "Tools for the repair corner";
  await propose(alice, stack, {
    recipient: devAddress(people.coop),
    amount: "5",
    memo,
    why: "A set of spoke keys.",
  });
  await stack.skip(timing.votingDelay + 1);
  const panel = await cardInState(newcomer, stack, memo, "Active");
  await panel
    .getByTestId("cannot-vote")
    .filter({ hasText: "Your vote has not ripened yet" })
    .waitFor({ timeout: STEP_TIMEOUT });
  await panel.getByTestId("vote-ripeness").filter({ hasText: "Your vote ripens on" }).waitFor();
  expect(!newcomer.wallet.calls.includes("eth_sendTransaction"), "an unripe vote was sent");
  await screenshots(n, "admission-unripe");

  await stack.skip(rule.ripeningPeriod + 1);
  await visit(newcomer, stack, "/wallet");
  await n.getByTestId("wallet-status").filter({ hasText: "Admitted" }).waitFor();
  await islandUntil(n, n.getByTestId("ripen"));
  await n.getByTestId("ripen").click();
  expect((await finalPhase(n)) === "confirmed", "ripening failed");
  await screenshots(n, "admission-ripe");
  return [newcomer, alice, bob];
};

const stream: Scenario = async (browser, stack) => {
  const memo = "Rent of the shared workshop";
  const alice = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.alice));
  const bob = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.bob));
  const coop = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.coop));
  await propose(alice, stack, {
    recipient: devAddress(people.coop),
    amount: "100",
    memo,
    why: "Paid as the months go by, cancellable by the commons.",
    stream: ["2020-01-01", "2099-12-31"],
  });
  await cardInState(alice, stack, memo, "Pending");
  await alice.page
    .getByTestId("calls")
    .filter({ hasText: "CommonFund.createStream" })
    .filter({ hasText: "100 SPIN" })
    .waitFor();
  await screenshots(alice.page, "stream-proposed");
  await stack.skip(timing.votingDelay + 1);
  await vote(alice, stack, memo, "For");
  await vote(bob, stack, memo, "For");
  await queueAndExecute(alice, stack, memo);

  await visit(coop, stack, "/wallet");
  const c = coop.page;
  const line = c.getByTestId("streams").locator("li", { hasText: memo });
  const claim = line.getByRole("button", { name: "Claim" });
  await c.waitForFunction(
    (text) =>
      [...document.querySelectorAll("[data-testid=streams] li")].some(
        (li) => li.textContent?.includes(text) && !li.querySelector("button")?.disabled,
      ),
    memo,
    { timeout: STEP_TIMEOUT },
  );
  await screenshots(c, "stream-claimable");
  await claim.click();
  expect(
    (await finalPhase(c, regionWith(c, "Streams to you"))) === "confirmed",
    "the stream claim failed",
  );
  await line.filter({ hasNotText: /: 0 of 100 SPIN claimed/ }).waitFor({ timeout: STEP_TIMEOUT });
  await screenshots(c, "stream-claimed");
  return [alice, bob, coop];
};

const earnings: Scenario = async (browser, stack, shared) => {
  expect(Boolean(shared.licensedWork), "needs the licence sale of the licence scenario");
  const bob = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.bob));
  await visit(bob, stack, "/wallet");
  const p = bob.page;
  const line = p.getByTestId(`earning-${shared.licensedWork}`);
  await line.waitFor({ timeout: STEP_TIMEOUT });
  const before = spinIn(await p.getByTestId("wallet-balance").textContent());
  const owed = spinIn((await line.textContent())?.split("—")[1] ?? "");
  expect(owed > 0, `bob is owed ${owed} for the sale`);
  await screenshots(p, "earnings-claimable");
  await line.getByRole("button", { name: "Claim" }).click();
  expect(
    (await finalPhase(p, regionWith(p, "Licence earnings"))) === "confirmed",
    "claiming earnings failed",
  );
  await line.waitFor({ state: "detached", timeout: STEP_TIMEOUT });
  await p.waitForFunction(
    (b) => {
      const text = document.querySelector("[data-testid=wallet-balance]")?.textContent ?? "";
      return Number(text.replace(/[^0-9.]/g, "")) > b;
    },
    before,
    { timeout: STEP_TIMEOUT },
  );
  await screenshots(p, "earnings-claimed");
  return [bob];
};

const scenarios: Record<string, Scenario> = {
  publish,
  fork,
  licence,
  governance,
  rejected,
  "wrong-network": wrongNetwork,
  "non-member": nonMember,
  tour,
  burner,
  admission,
  stream,
  earnings,
  ...dappScenarios,
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  buildIfNeeded(args.includes("--build"));
  const chosen = args.filter((a) => !a.startsWith("--"));
  const names = chosen.length ? chosen : Object.keys(scenarios);
  const started = Date.now();
  const stack = await startStack((line) => process.env.E2E_VERBOSE && console.log(line));
  console.log(`stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const browser = await launchBrowser();
  const shared: Shared = {};
  const results: { name: string; ok: boolean; seconds: number; error?: string }[] = [];
  try {
    for (const name of names) {
      const t0 = Date.now();
      let sessions: BareSession[] = [];
      try {
        sessions = await scenarios[name](browser, stack, shared);
        const foreign = sessions.flatMap((s) => s.foreign);
        expect(foreign.length === 0, `requests to other hosts: ${foreign.join(", ")}`);
        results.push({ name, ok: true, seconds: (Date.now() - t0) / 1000 });
      } catch (error) {
        results.push({
          name,
          ok: false,
          seconds: (Date.now() - t0) / 1000,
          error: error instanceof Error ? error.message : String(error),
        });
        for (const page of browser.contexts().flatMap((c) => c.pages())) {
          await screenshots(
            page,
            `failed-${name}-${browser.contexts().indexOf(page.context())}`,
          ).catch(() => []);
        }
      } finally {
        for (const s of sessions) await s.context.close();
        for (const c of browser.contexts()) await c.close();
      }
      const r = results[results.length - 1];
      console.log(
        `${r.ok ? "✓" : "✗"} ${name} (${r.seconds.toFixed(1)} s)${r.error ? `: ${r.error}` : ""}`,
      );
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(
    `e2e: ${results.length - failed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  process.exitCode = failed ? 1 : 0;
}

await main();
