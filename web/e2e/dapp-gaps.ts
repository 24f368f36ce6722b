/**
 * Coin and applications that need a member's hand: marking a suspended contributor's licence
 * share and a suspended recipient's stream unclaimable (refused before signing for an outsider,
 * then "governance may sweep it from…"), and an applicant changing its pending profile by
 * signature, submitted by a member from the shared link; governance's decision form (a sweep) and
 * "Propose to reject", each ending on the proposal's page with its call decoded; a steward's new
 * version of a work.
 */
import { abis, type SignedApplication } from "@spin/shared";
import type { Browser, Locator, Page } from "playwright-core";
import { encodeFunctionData, maxUint256, zeroHash, type Address, type Hex } from "viem";
import { openSession, screenshots, type BareSession } from "./browser.ts";
import { connectTestWallet, expect, finalPhase, islandUntil, STEP_TIMEOUT } from "./helpers.ts";
import { scaled } from "../../scripts/lib/wait.ts";
import { devAddress, devKey, people, type Stack } from "./stack.ts";

type Scenario = (browser: Browser, stack: Stack) => Promise<BareSession[]>;

/** A local account no other scenario uses: the applicant who changes its profile. */
const CHANGER = 10;

/** Sends a transaction straight to the node (unlocked or impersonated `from`); fails on revert. */
async function send(stack: Stack, from: Address, to: Address, data: Hex): Promise<void> {
  const hash = (await stack.node("eth_sendTransaction", [{ from, to, data }])) as Hex;
  const deadline = Date.now() + STEP_TIMEOUT;
  for (;;) {
    const receipt = (await stack.node("eth_getTransactionReceipt", [hash])) as {
      status: string;
    } | null;
    if (receipt) {
      expect(receipt.status === "0x1", `${from} → ${to} reverted (${hash})`);
      return;
    }
    expect(Date.now() < deadline, `no receipt for ${hash}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Acts as governance: the timelock holds every admin role. */
async function asGovernance(stack: Stack): Promise<Address> {
  const timelock = stack.book.contracts.SpinTimelock.address as Address;
  await stack.node("anvil_impersonateAccount", [timelock]);
  await stack.node("anvil_setBalance", [timelock, "0x56BC75E2D63100000"]);
  return timelock;
}

async function call(stack: Stack, to: Address, data: Hex): Promise<Hex> {
  return (await stack.node("eth_call", [{ to, data }, "latest"])) as Hex;
}

/** The id of the newest proposal whose description holds `text`, once the API has it. */
async function proposalWith(stack: Stack, text: string): Promise<string> {
  const deadline = Date.now() + STEP_TIMEOUT;
  for (;;) {
    const page = (await (await fetch(`${stack.apiUrl}/proposals?limit=100`)).json()) as {
      items: { proposal_id: string; description: string }[];
    };
    const found = page.items.find((p) => p.description.includes(text));
    if (found) return found.proposal_id;
    expect(Date.now() < deadline, `no proposal says "${text}"`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function visit(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await connectTestWallet(page);
}

const unclaimable: Scenario = async (browser, stack) => {
  const c = stack.book.contracts;
  const registry = c.CommonsRegistry.address as Address;
  const fund = c.CommonFund.address as Address;
  const acme = devAddress(people.acme);
  const bob = devAddress(people.bob);
  const coop = devAddress(people.coop);
  // Acme buys a commercial licence for work #1 (Carol 70 %, Bob 30 %): Bob is owed a share.
  await send(
    stack,
    acme,
    c.SpinCoin.address as Address,
    encodeFunctionData({
      abi: abis.SpinCoin,
      functionName: "approve",
      args: [c.Licensing.address as Address, maxUint256],
    }),
  );
  await send(
    stack,
    acme,
    c.Licensing.address as Address,
    encodeFunctionData({
      abi: abis.Licensing,
      functionName: "purchase",
      args: [1n, maxUint256, 0n, 0, zeroHash, zeroHash],
    }),
  );
  // Governance streams coin to the cooperative, then suspends Bob and the cooperative.
  const timelock = await asGovernance(stack);
  const block = (await stack.node("eth_getBlockByNumber", ["latest", false])) as {
    timestamp: Hex;
  };
  const now = Number(BigInt(block.timestamp));
  await send(
    stack,
    timelock,
    fund,
    encodeFunctionData({
      abi: abis.CommonFund,
      functionName: "createStream",
      args: [0n, coop, 40n * 10n ** 18n, now - 60, now + 365 * 86_400, "Workshop rent"],
    }),
  );
  const streamId =
    BigInt(
      await call(
        stack,
        fund,
        encodeFunctionData({ abi: abis.CommonFund, functionName: "streamCount" }),
      ),
    ) - 1n;
  for (const account of [bob, coop])
    await send(
      stack,
      timelock,
      registry,
      encodeFunctionData({
        abi: abis.CommonsRegistry,
        functionName: "suspend",
        args: [account, "Suspended for the scenario"],
      }),
    );
  const sessions: BareSession[] = [];
  try {
    const share = (p: Page) => p.getByTestId(`unclaimable-1-${bob.toLowerCase()}`);
    // Someone the registry does not allow is told why before anything is signed.
    const outsider = await openSession(
      browser,
      stack.webUrl,
      stack.rpcUrl,
      devKey(people.outsider),
    );
    sessions.push(outsider);
    await visit(outsider.page, `${stack.webUrl}/works/1`);
    await islandUntil(outsider.page, share(outsider.page).getByTestId("unclaimable-refused"));
    await share(outsider.page).filter({ hasText: "Bob Diallo is suspended" }).waitFor();
    expect(
      (await share(outsider.page).getByTestId("mark-unclaimable").count()) === 0,
      "an outsider was offered to mark",
    );

    // Alice marks Bob's share; the page says from when governance may sweep it.
    const alice = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.alice));
    sessions.push(alice);
    const a = alice.page;
    await visit(a, `${stack.webUrl}/works/1`);
    await islandUntil(a, share(a).getByTestId("mark-unclaimable"));
    await share(a).filter({ hasText: "180 days later" }).waitFor();
    // Carol can still claim her share: nothing is offered under her name.
    expect(
      (await a.getByTestId(`unclaimable-1-${devAddress(people.carol).toLowerCase()}`).count()) ===
        0,
      "a claimable share was offered for marking",
    );
    await screenshots(a, "unclaimable-share");
    await share(a).getByTestId("mark-unclaimable").click();
    expect(
      (await finalPhase(a, `unclaimable-1-${bob.toLowerCase()}`)) === "confirmed",
      "marking the share failed",
    );
    await share(a)
      .getByTestId("unclaimable-marked")
      .filter({ hasText: "governance may sweep it to the common fund from" })
      .waitFor({ timeout: STEP_TIMEOUT });
    await screenshots(a, "unclaimable-share-marked");

    // Carol comes later: the running mark is said, and no second mark is offered.
    const carol = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.carol));
    sessions.push(carol);
    await visit(carol.page, `${stack.webUrl}/works/1`);
    await islandUntil(carol.page, share(carol.page).getByTestId("unclaimable-marked"));
    expect(
      (await share(carol.page).getByTestId("mark-unclaimable").count()) === 0,
      "a second mark was offered",
    );

    // The fund page lists the stream; Alice marks it too.
    const stream = a.getByTestId(`unclaimable-stream-${streamId}`);
    await visit(a, `${stack.webUrl}/fund`);
    await a.getByTestId(`stream-${streamId}`).filter({ hasText: "Workshop rent" }).waitFor();
    await islandUntil(a, stream.getByTestId("mark-unclaimable"));
    await stream.filter({ hasText: "Atelier Coop is suspended" }).waitFor();
    await stream.getByTestId("mark-unclaimable").click();
    expect(
      (await finalPhase(a, `unclaimable-stream-${streamId}`)) === "confirmed",
      "marking the stream failed",
    );
    await stream.getByTestId("unclaimable-marked").waitFor({ timeout: STEP_TIMEOUT });
    await screenshots(a, "unclaimable-stream-marked");

    // Governance's decision: the form refuses a name where an address goes, before signing,
    // then proposes the sweep; the proposal's page shows the call decoded.
    await visit(a, `${stack.webUrl}/proposals/new`);
    const decision = a.getByTestId("decision-form");
    await decision.waitFor({ timeout: STEP_TIMEOUT });
    await decision.locator("select[name=decision]").selectOption("sweepUnclaimed");
    await decision.locator("input[name=id]").fill("1");
    await decision.locator("input[name=account]").fill("Bob Diallo");
    const why = "Bob's share of the grain mill's licence, unclaimable while he is suspended";
    await decision.locator("input[name=reason]").fill(why);
    const sentBefore = alice.wallet.calls.filter((m) => m === "eth_sendTransaction").length;
    await decision.getByRole("button", { name: "Propose" }).click();
    await decision
      .getByTestId("decision-problem")
      .filter({ hasText: "Give an account address" })
      .waitFor();
    expect(
      alice.wallet.calls.filter((m) => m === "eth_sendTransaction").length === sentBefore,
      "a decision with a name for an address was sent",
    );
    await decision.locator("input[name=account]").fill(bob);
    await decision.getByRole("button", { name: "Propose" }).click();
    expect((await finalPhase(a, "decision-form")) === "confirmed", "proposing the sweep failed");
    const id = await proposalWith(stack, why);
    await a.goto(`${stack.webUrl}/proposals/${id}`);
    await a
      .getByTestId("calls")
      .filter({ hasText: "Licensing.sweepUnclaimed" })
      .filter({ hasText: "Bob Diallo" })
      .waitFor({ timeout: STEP_TIMEOUT });
    await screenshots(a, "decision-sweep-proposed");
    expect(
      !outsider.wallet.calls.includes("eth_sendTransaction") &&
        !carol.wallet.calls.includes("eth_sendTransaction"),
      "a refused mark was sent",
    );
  } finally {
    // Later scenarios need Bob and the cooperative as members.
    for (const account of [bob, coop])
      await send(
        stack,
        timelock,
        registry,
        encodeFunctionData({
          abi: abis.CommonsRegistry,
          functionName: "reinstate",
          args: [account, "End of the scenario"],
        }),
      );
    await stack.node("anvil_stopImpersonatingAccount", [timelock]);
  }
  return sessions;
};

interface Relayable {
  applicant: string;
  application: Omit<SignedApplication, "nonce" | "deadline"> & { nonce: string; deadline: string };
  signature: Hex;
}

const profileChange: Scenario = async (browser, stack) => {
  const address = devAddress(CHANGER);
  const s = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(CHANGER));
  const p = s.page;
  await visit(p, `${stack.webUrl}/join`);
  const form = p.getByTestId("join-form");
  await form.waitFor({ timeout: STEP_TIMEOUT });
  await form.getByLabel("I join as").selectOption("Person");
  await form.locator("input[name=name]").fill("Lena Weaver");
  await form.locator("textarea[name=about]").fill("I weave baskets.");
  await form.getByRole("button", { name: "Apply" }).click();
  await p.getByTestId("what-next").waitFor({ timeout: STEP_TIMEOUT });

  // A member relays the signed application (no vouch: the founders are too recent to vouch).
  const pending = (await (await fetch(`${stack.apiUrl}/applications?limit=100`)).json()) as {
    items: Relayable[];
  };
  const mine = pending.items.find((a) => a.applicant.toLowerCase() === address.toLowerCase());
  expect(Boolean(mine), "the signed application is not in the inbox");
  const signed = mine!.application;
  await send(
    stack,
    devAddress(people.alice),
    stack.book.contracts.Admissions.address as Address,
    encodeFunctionData({
      abi: abis.Admissions,
      functionName: "applyBySig",
      args: [
        { ...signed, nonce: BigInt(signed.nonce), deadline: BigInt(signed.deadline) },
        mine!.signature,
      ],
    }),
  );

  // On chain and open: the applicant may change its profile, and is told what that discards.
  const change = p.getByTestId("profile-change-form");
  await islandUntil(p, change);
  await change.locator("summary").click();
  await change.getByTestId("profile-change-warning").filter({ hasText: "restarts" }).waitFor();
  await change.locator("textarea[name=about]").waitFor({ timeout: STEP_TIMEOUT });
  expect(
    (await change.locator("textarea[name=about]").inputValue()) === "I weave baskets.",
    "the form is not filled with the current profile",
  );
  await change.locator("textarea[name=about]").fill("I weave baskets and repair looms.");
  await change.getByTestId("sign-profile-change").click();
  const done = p.getByTestId("profile-change-signed");
  const failed = p.getByTestId("profile-change-error");
  await done.or(failed).first().waitFor({ timeout: STEP_TIMEOUT });
  expect(await done.isVisible(), `signing failed: ${await failed.textContent().catch(() => "")}`);
  expect(
    s.wallet.calls.includes("eth_signTypedData_v4") &&
      !s.wallet.calls.includes("eth_sendTransaction"),
    `the applicant's wallet was asked ${s.wallet.calls.join(", ")}`,
  );
  const link = await p.getByTestId("profile-change-link").inputValue();
  await screenshots(p, "profile-change-signed");

  // Someone who is not a member cannot submit it, and is told so before signing.
  const outsider = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.outsider));
  await visit(outsider.page, link);
  await islandUntil(
    outsider.page,
    outsider.page
      .getByTestId("profile-change-refused")
      .filter({ hasText: "Only a member in good standing" }),
  );

  // A member submits it; the application now names the new profile.
  const alice = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.alice));
  const a = alice.page;
  await visit(a, link);
  await islandUntil(a, a.getByTestId("relay-profile-change"));
  await a.getByTestId("profile-change").filter({ hasText: "Lena Weaver" }).waitFor();
  await screenshots(a, "profile-change-relay");
  await a.getByTestId("relay-profile-change").click();
  expect((await finalPhase(a, "profile-change")) === "confirmed", "submitting the change failed");
  const card = a.getByTestId(`applicant-${address.toLowerCase()}`);
  const deadline = Date.now() + STEP_TIMEOUT;
  while (!(await card.filter({ hasText: "repair looms" }).isVisible())) {
    expect(Date.now() < deadline, "the members page does not show the new profile");
    await a.goto(`${stack.webUrl}/members`);
  }
  // A member may still propose to reject the application while governance can.
  const reject = card.getByRole("button", { name: "Propose to reject" });
  await islandUntil(a, reject);
  await reject.click();
  expect(
    (await finalPhase(a, `applicant-${address.toLowerCase()}`)) === "confirmed",
    "proposing the rejection failed",
  );
  const rejection = await proposalWith(stack, "Rejection of the application of Lena Weaver");
  await a.goto(`${stack.webUrl}/proposals/${rejection}`);
  await a
    .getByTestId("calls")
    .filter({ hasText: "rejectApplication" })
    .filter({ hasText: "Lena Weaver" })
    .waitFor({ timeout: STEP_TIMEOUT });
  await screenshots(a, "reject-proposed");

  // The same link again: the signature is used, so nothing is offered.
  await visit(a, link);
  await islandUntil(
    a,
    a.getByTestId("profile-change-refused").filter({ hasText: "already used or replaced" }),
  );
  expect(
    !outsider.wallet.calls.includes("eth_sendTransaction"),
    "the outsider's refused submission was sent",
  );
  return [s, outsider, alice];
};

/** Work #1's steward publishes a new version from the work page (commit, upload, reveal). */
const newVersion: Scenario = async (browser, stack) => {
  const carol = await openSession(browser, stack.webUrl, stack.rpcUrl, devKey(people.carol));
  const p = carol.page;
  await visit(p, `${stack.webUrl}/works/1`);
  const link = p.getByTestId("new-version");
  await islandUntil(p, link);
  await link.click();
  await p
    .getByRole("heading", { name: "New version of work 1" })
    .waitFor({ timeout: STEP_TIMEOUT });
  await p.locator("input[name=title]").fill("Pedal grain mill");
  await p.locator("input[name=summary]").fill("The mill with a welded steel frame.");
  await p.locator("input[name=machines]").fill("laser-cutter, welder");
  await p
    .locator("textarea[name=body]")
    .fill("## What changed\n\nThe plywood frame becomes a welded steel frame that lasts.");
  // No licence to choose: a version keeps the work's.
  expect((await p.locator("select[name=licence]").count()) === 0, "a version offered a licence");
  const hash = p.getByTestId("content-hash").filter({ hasText: /^0x[0-9a-f]{64}$/ });
  await hash.waitFor({ timeout: STEP_TIMEOUT });
  const contentHash = (await hash.textContent()) ?? "";
  await p.getByTestId("publish").click();
  const published = p.getByTestId("published");
  const problem = p.getByTestId("publish-problem");
  await published.or(problem).first().waitFor({ timeout: STEP_TIMEOUT });
  expect(
    await published.filter({ hasText: "New version of work 1 published" }).isVisible(),
    `publishing the version failed: ${await problem.textContent().catch(() => "")}`,
  );
  await screenshots(p, "new-version-published");
  // The work page now shows version 2, named by the hash the browser computed.
  const deadline = Date.now() + STEP_TIMEOUT;
  for (;;) {
    await p.goto(`${stack.webUrl}/works/1`);
    if ((await p.getByTestId("work-hash").getAttribute("title")) === contentHash) break;
    expect(Date.now() < deadline, `the work page does not show the hash ${contentHash}`);
  }
  await p
    .locator("section[aria-labelledby=versions-h] li")
    .filter({ hasText: "Version 2" })
    .waitFor();
  await p.getByText("welded steel frame that lasts").waitFor();
  await screenshots(p, "new-version-work-page");
  return [carol];
};

export const gapScenarios: Record<string, Scenario> = {
  "new-version": newVersion,
  unclaimable,
  "profile-change": profileChange,
};
