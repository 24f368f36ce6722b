/**
 * More signed applications than one page holds: the members page reaches every one through its
 * "more" links (plain links, so without JavaScript too), and a newcomer whose application is
 * past the first page still finds it waiting on the join page instead of being asked again, and
 * the link it shares opens the members page at the page that lists it.
 */
import {
  admissionsDomain,
  applicationSubmission,
  applicationTypes,
  NO_PLACE,
  validateProfile,
  type SignedApplication,
} from "@spin/shared";
import type { Browser } from "playwright-core";
import { sha256, toBytes, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { openSession, screenshots, type BareSession } from "./browser.ts";
import { connectTestWallet, expect, STEP_TIMEOUT } from "./helpers.ts";
import type { Stack } from "./stack.ts";

type Scenario = (browser: Browser, stack: Stack) => Promise<BareSession[]>;

/** More than the members page's page of 50 signed applications. */
const APPLICANTS = 56;
/** A bound on the pages followed (the inbox may hold other scenarios' applications too). */
const MAX_PAGES = 10;

/** Signs an application for a new key and leaves it, with its profile, in the API's inbox. */
async function leaveApplication(stack: Stack, index: number, now: bigint): Promise<Hex> {
  const key = generatePrivateKey();
  const account = privateKeyToAccount(key);
  const text = JSON.stringify(
    validateProfile({ name: `Applicant ${index}`, kind: "Person", about: `Newcomer ${index}.` }),
  );
  const profileHash = sha256(toBytes(text));
  const application: SignedApplication = {
    applicant: account.address,
    kind: 1,
    profileURI: `spin:profile/${profileHash}`,
    profileHash,
    place: NO_PLACE,
    nonce: 0n,
    deadline: now + 6n * 86_400n,
  };
  const signature = await account.signTypedData({
    domain: admissionsDomain(stack.book.chainId, stack.book.contracts.Admissions.address as Hex),
    types: applicationTypes,
    primaryType: "Application",
    message: application,
  });
  const response = await fetch(`${stack.apiUrl}/applications`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(applicationSubmission(application, signature, text)),
  });
  expect(
    response.status === 201,
    `the inbox answered ${response.status}: ${await response.text()}`,
  );
  return key;
}

const manyApplications: Scenario = async (browser, stack) => {
  const block = (await stack.node("eth_getBlockByNumber", ["latest", false])) as {
    timestamp: Hex;
  };
  const now = BigInt(block.timestamp);
  const keys: Hex[] = [];
  for (let i = 0; i < APPLICANTS; i++) keys.push(await leaveApplication(stack, i, now));
  const mine = new Map(keys.map((k) => [privateKeyToAccount(k).address.toLowerCase(), k]));

  // Without JavaScript, page by page: the first holds at most 50; the links reach every one.
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 1280, height: 860 },
  });
  const page = await context.newPage();
  const seen = new Map<string, number>();
  await page.goto(`${stack.webUrl}/members`);
  for (let n = 1; n <= MAX_PAGES; n++) {
    const ids = await page
      .locator("[data-testid^='signed-0x']")
      .evaluateAll((items) => items.map((li) => li.getAttribute("data-testid")!.slice(7)));
    if (n === 1) expect(ids.length === 50, `the first page lists ${ids.length} applications`);
    for (const id of ids) if (!seen.has(id)) seen.set(id, n);
    const more = page.getByRole("link", { name: "More signed applications" });
    if ((await more.count()) === 0) break;
    if (n === 2) await screenshots(page, "members-more-applications", { javaScript: false });
    await page.goto(new URL((await more.getAttribute("href"))!, stack.webUrl).href);
  }
  const missing = [...mine.keys()].filter((a) => !seen.has(a));
  expect(missing.length === 0, `${missing.length} applications never listed: ${missing[0]}`);

  // A newcomer listed past the first page finds its application waiting on the join page.
  const [later] = [...mine.keys()].filter((a) => (seen.get(a) ?? 1) > 1);
  expect(Boolean(later), "no application of this scenario was past the first page");
  // The link it shares opens the members page at the page that lists it.
  await page.goto(`${stack.webUrl}/members?applicant=${later}#${later}`);
  await page.getByTestId(`signed-${later}`).waitFor({ timeout: STEP_TIMEOUT });
  const s = await openSession(browser, stack.webUrl, stack.rpcUrl, mine.get(later)!);
  await s.page.goto(`${stack.webUrl}/join`);
  await connectTestWallet(s.page);
  await s.page
    .getByTestId("my-status")
    .filter({ hasText: "waits for a member to submit it" })
    .waitFor({ timeout: STEP_TIMEOUT });
  expect(
    (await s.page.getByTestId("join-form").count()) === 0,
    "the newcomer was asked to apply again",
  );
  const shared = await s.page.getByTestId("share-link").inputValue();
  expect(shared.endsWith(`/members?applicant=${later}#${later}`), `share link ${shared}`);
  return [s, { context, page, foreign: [] }];
};

export const pagingScenarios: Record<string, Scenario> = {
  "many-applications": manyApplications,
};
