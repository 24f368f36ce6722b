/**
 * Acting in the dApp: a proposal's own page (the why, decoded calls, voting power, "you voted"),
 * refusals before signing (a locked sub-fund, over the cap, an enterprise that may not vote,
 * unknown delegates), and joining with the profile form.
 */
import type { Browser } from "playwright-core";
import type { Hex } from "viem";
import { openSession, screenshots, type BareSession } from "./browser.ts";
import { connectTestWallet, expect, finalPhase, reloadUntil, STEP_TIMEOUT } from "./helpers.ts";
import { devAddress, devKey, people, timing, type Stack } from "./stack.ts";
import { rpc } from "./wallet.ts";

type Scenario = (browser: Browser, stack: Stack) => Promise<BareSession[]>;

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
  // The dApp, not the wallet, sets the gas limit, with room for a later second's checkpoints.
  const vote = alice.wallet.sent.at(-1)!;
  const receipt = (await rpc(stack.rpcUrl, "eth_getTransactionReceipt", [vote.hash])) as {
    gasUsed: Hex;
  };
  expect(
    vote.gas !== undefined && vote.gas >= 2n * BigInt(receipt.gasUsed),
    `the vote's gas limit ${vote.gas} leaves no margin over the ${BigInt(receipt.gasUsed)} it used`,
  );
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
  // Within Pooled's balance (40 % of the allocation) but over its cap (20 % of it).
  await form.locator("input[name=amount]").fill("200000");
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
  // Once signed, the form gives way to what happens next; the newcomer sent no transaction.
  const next = p.getByTestId("what-next");
  const refused = p.getByTestId("join-refused");
  await next.or(refused).first().waitFor({ timeout: STEP_TIMEOUT });
  expect(await next.isVisible(), `applying failed: ${await refused.textContent().catch(() => "")}`);
  await next.filter({ hasText: "You need 2 vouches" }).waitFor();
  expect(!s.wallet.calls.includes("eth_sendTransaction"), "the newcomer sent a transaction");
  const link = await p.getByTestId("share-link").inputValue();
  expect(
    link.endsWith(`/members?applicant=${address.toLowerCase()}#${address.toLowerCase()}`),
    `share link ${link}`,
  );
  await screenshots(p, "join-what-next");
  // The signed application waits in the API for a member, naming the stored profile's hash.
  // (The API checked that the stored document hashes to profileHash before keeping it.)
  const pending = (await (await fetch(`${stack.apiUrl}/applications`)).json()) as {
    items: {
      applicant: string;
      application: { profileURI: string; profileHash: string };
      profile: { name: string; kind: string } | null;
    }[];
  };
  const mine = pending.items.find((a) => a.applicant.toLowerCase() === address.toLowerCase());
  expect(Boolean(mine), `no signed application in ${JSON.stringify(pending.items)}`);
  const { profileURI, profileHash } = mine!.application;
  expect(
    profileURI === `spin:profile/${profileHash}`,
    `profile URI ${profileURI} does not name hash ${profileHash}`,
  );
  expect(
    mine!.profile?.name === "Makerspace Thiès" && mine!.profile.kind === "Place",
    `the stored profile is ${JSON.stringify(mine!.profile)}`,
  );
  await p.goto(`${stack.webUrl}/members`);
  const card = p.getByTestId(`signed-${address.toLowerCase()}`);
  await card.filter({ hasText: "Makerspace Thiès" }).waitFor();
  // Its "about" comes from the stored document.
  await card.filter({ hasText: "A community workshop in Thiès" }).waitFor();
  return [s];
};

export const writeScenarios: Record<string, Scenario> = {
  "proposal-page": proposalPage,
  refusals,
  join,
};
