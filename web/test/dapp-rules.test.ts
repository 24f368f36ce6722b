import { abis } from "@spin/shared";
import { encodeFunctionData, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { decodeCall } from "@/lib/calls";
import { contentSecurityPolicy } from "@/lib/csp";
import { resolveDelegate } from "@/lib/delegate";
import { coverOf, isDownloadable, isImage } from "@/lib/files";
import { canAdopt, canPropose, canVote, checkGrant, Kind, Status } from "@/lib/guards";
import {
  balanceSeries,
  CSV_HEADER,
  filterLedger,
  ledgerCsv,
  toLedgerEntries,
  type MovementRow,
} from "@/lib/ledger";
import { parseLedgerFilters } from "@/lib/ledger-filters";
import { findByName, namesFrom } from "@/lib/names";
import {
  decodeProfile,
  encodeProfile,
  profileHashOf,
  validateProfile,
  type ProfileForm,
} from "@/lib/profile";
import type { AddressBook } from "@spin/shared";

const A = "0x1111111111111111111111111111111111111111";
const B = "0x2222222222222222222222222222222222222222";
const C = "0x3333333333333333333333333333333333333333";
const FUND = "0x9999999999999999999999999999999999999999";

const form: ProfileForm = {
  name: "",
  kind: "Person",
  about: "",
  latitude: "",
  longitude: "",
  country: "",
  machines: "",
};

describe("profiles", () => {
  it("refuse an empty name and an empty about, and a place without location or machines", () => {
    expect(validateProfile(form)).toEqual({
      problems: { name: "nameMissing", about: "aboutMissing" },
    });
    const place = validateProfile({
      ...form,
      kind: "Place",
      name: "Lab",
      about: "x",
      latitude: "91",
      longitude: "",
      country: "Senegal",
    });
    expect(place).toEqual({
      problems: {
        latitude: "latitude",
        longitude: "longitude",
        country: "country",
        machines: "machinesMissing",
      },
    });
  });
  it("keep what was typed, tidied, and travel as a data URI whose hash is the document's", () => {
    const checked = validateProfile({
      ...form,
      kind: "Place",
      name: "  Makerspace   Thiès ",
      about: "Workshop",
      latitude: "14,79",
      longitude: "-16.93",
      country: "sn",
      machines: "laser cutter\nkiln, kiln",
    });
    expect("profile" in checked).toBe(true);
    if (!("profile" in checked)) return;
    expect(checked.profile).toEqual({
      name: "Makerspace Thiès",
      kind: "Place",
      about: "Workshop",
      place: {
        latitude: 14.79,
        longitude: -16.93,
        country: "SN",
        machines: ["laser cutter", "kiln"],
      },
    });
    const { profileURI, profileHash } = encodeProfile(checked.profile);
    expect(profileURI.startsWith("data:application/json;base64,")).toBe(true);
    expect(profileHashOf(profileURI)).toBe(profileHash);
    expect(decodeProfile(profileURI)).toEqual({ name: "Makerspace Thiès", about: "Workshop" });
  });
  it("read nothing from a link or a malformed document", () => {
    expect(decodeProfile("https://example.org/me")).toBeUndefined();
    expect(decodeProfile("data:application/json;base64,!!!")).toBeUndefined();
    expect(decodeProfile(null)).toBeUndefined();
  });
});

describe("names", () => {
  const profile = (name: string) => encodeProfile({ name, kind: "Person", about: "x" }).profileURI;
  const names = namesFrom(
    [
      { account: A, kind: Kind.Person, profile_uri: profile("Amara Okafor"), place: null },
      {
        account: B,
        kind: Kind.Place,
        profile_uri: profile("ignored"),
        place: { name: "Fablab Dakar", latitudeE6: 0, longitudeE6: 0, country: "SN", machines: [] },
      },
      { account: C, kind: Kind.Enterprise, profile_uri: profile("Loomworks Ltd"), place: null },
    ],
    { CommonFund: { address: FUND } },
  );
  it("come from profiles, places first, and name SPIN's contracts", () => {
    expect(names[A.toLowerCase()]).toEqual({ name: "Amara Okafor", kind: Kind.Person });
    expect(names[B.toLowerCase()].name).toBe("Fablab Dakar");
    expect(names[FUND]).toEqual({ name: "SPIN common fund", kind: "contract" });
  });
  it("are found by a word or without accents", () => {
    expect(findByName(names, "amara").map((m) => m.address)).toEqual([A.toLowerCase()]);
    expect(findByName(names, "fablab dakar").map((m) => m.address)).toEqual([B.toLowerCase()]);
  });
  it("resolve 'Delegate to' to one person, or say why not", () => {
    expect(resolveDelegate("Amara", names, B)).toEqual({ address: A.toLowerCase() });
    expect(resolveDelegate("Loomworks", names, A)).toEqual({ problem: "notPerson" });
    expect(resolveDelegate("Nobody", names, A)).toEqual({ problem: "unknown" });
    expect(resolveDelegate("Amara", names, A)).toEqual({ problem: "self" });
    expect(resolveDelegate(" ", names, A)).toEqual({ problem: "empty" });
    expect(resolveDelegate(C, names, A)).toEqual({ problem: "notPerson" });
  });
});

describe("guard-rails", () => {
  it("let only admitted persons vote and propose", () => {
    expect(canVote({ kind: Kind.Person, status: Status.Admitted })).toBe("ok");
    expect(canVote({ kind: Kind.Enterprise, status: Status.Admitted })).toBe("notPerson");
    expect(canVote({ kind: Kind.Person, status: Status.Applicant })).toBe("notMember");
    expect(canVote({ kind: Kind.Person, status: Status.Suspended })).toBe("suspended");
    expect(canPropose({ kind: Kind.Cooperative, status: Status.Admitted })).toBe("notPerson");
  });
  it("let only places and cooperatives adopt, once", () => {
    expect(canAdopt({ kind: Kind.Place, status: Status.Admitted }, false)).toBe("ok");
    expect(canAdopt({ kind: Kind.Person, status: Status.Admitted }, false)).toBe("wrongKind");
    expect(canAdopt({ kind: Kind.Cooperative, status: Status.Admitted }, true)).toBe("already");
    expect(canAdopt({ kind: Kind.Place, status: Status.None }, false)).toBe("notMember");
  });
  it("refuse a grant from a sub-fund still locked when the proposal could run, or over its cap", () => {
    const fund = { balance: 1_000n, lockedUntil: 5_000, capBps: 2_000 };
    expect(checkGrant(fund, 10n, 4_999)).toEqual({ problem: "locked", until: 5_000 });
    expect(checkGrant(fund, 10n, 5_000)).toBeNull();
    expect(checkGrant(fund, 201n, 6_000)).toEqual({ problem: "overCap", cap: 200n });
    expect(checkGrant(fund, 200n, 6_000)).toBeNull();
    expect(checkGrant(fund, 2_000n, 6_000)).toEqual({ problem: "overBalance", balance: 1_000n });
  });
});

describe("the ledger", () => {
  const rows: MovementRow[] = [
    {
      block_number: 5,
      log_index: 0,
      sub_fund: 0,
      kind: "deposit",
      account: A,
      amount: "1000",
      stream_id: null,
      memo: "initial",
      transaction_hash: "0xaa",
    },
    {
      block_number: 9,
      log_index: 1,
      sub_fund: 0,
      kind: "grant",
      account: B,
      amount: "-300",
      stream_id: null,
      memo: 'tools, "clamps"',
      transaction_hash: "0xBB",
    },
    {
      block_number: 12,
      log_index: 0,
      sub_fund: 1,
      kind: "deposit",
      account: C,
      amount: "50",
      stream_id: null,
      memo: "=SUM(A1)",
      transaction_hash: "0xcc",
    },
  ];
  const entries = toLedgerEntries(
    rows,
    new Map([
      [5, 100],
      [9, 200],
    ]),
    new Map([["0xbb", "77"]]),
  );
  it("lists movements newest first, in or out, with the proposal that paid them", () => {
    expect(entries.map((e) => [e.block, e.direction, e.amount, e.proposalId])).toEqual([
      [12, "in", 50n, undefined],
      [9, "out", 300n, "77"],
      [5, "in", 1000n, undefined],
    ]);
    expect(filterLedger(entries, { direction: "out" }).map((e) => e.block)).toEqual([9]);
    expect(filterLedger(entries, { subFund: 1 }).map((e) => e.block)).toEqual([12]);
  });
  it("writes CSV with names, quoting, and formulas neutralised", () => {
    const csv = ledgerCsv(
      entries,
      { [B.toLowerCase()]: { name: "Fablab Dakar", kind: 3 } },
      (id) => ["Pooled", "Commons"][id],
    );
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe(CSV_HEADER.join(","));
    expect(lines[2]).toBe(
      `1970-01-01T00:03:20.000Z,9,Pooled,out,grant,0.0000000000000003,300,${B},Fablab Dakar,"tools, ""clamps""",77,0xBB`,
    );
    expect(lines[1]).toContain(",'=SUM(A1),");
  });
  it("walks each sub-fund's balance back from today's", () => {
    const pooled = entries.filter((e) => e.subFund === 0);
    expect(balanceSeries(700n, pooled).map((p) => p.balance)).toEqual([0n, 1000n, 700n]);
  });
  it("reads its filters from the query, ignoring anything else", () => {
    expect(parseLedgerFilters({ subFund: "2", direction: "in", kind: "grant" })).toEqual({
      subFund: 2,
      direction: "in",
      kind: "grant",
    });
    expect(parseLedgerFilters({ subFund: "x", direction: "sideways", kind: "<script>" })).toEqual({
      subFund: undefined,
      direction: undefined,
      kind: undefined,
    });
  });
});

describe("proposal calls", () => {
  const book = {
    chainId: 31337,
    contracts: { CommonFund: { address: FUND, deploymentBlock: 0, abi: "" } },
  } as unknown as AddressBook;
  it("are decoded with named, typed arguments", () => {
    const data = encodeFunctionData({
      abi: abis.CommonFund,
      functionName: "grant",
      args: [0n, A, 10n ** 18n, "tools"],
    });
    const call = decodeCall(book, FUND, 0n, data);
    expect(call.contract).toBe("CommonFund");
    expect(call.fn).toBe("grant");
    expect(call.args.map((a) => [a.name, a.kind, a.value])).toEqual([
      ["subFund", "subFund", "0"],
      ["recipient", "account", A],
      ["amount", "amount", "1000000000000000000"],
      ["memo", "text", "tools"],
    ]);
  });
  it("say so when the target is not SPIN's", () => {
    const call = decodeCall(book, A, 0n, "0x12345678" as Hex);
    expect(call.contract).toBeNull();
    expect(call.raw).toBe("0x12345678");
  });
});

describe("bundle files", () => {
  it("show images, link only inert files, and pick a cover", () => {
    expect(isImage("parts/frame.svg")).toBe(true);
    expect(isDownloadable("parts/frame.svg")).toBe(false);
    expect(isDownloadable("index.html")).toBe(false);
    expect(isDownloadable("guide.pdf")).toBe(false);
    expect(isDownloadable("frame.stl")).toBe(true);
    expect(coverOf(["README.md", "a.svg", "img/cover.png"])).toBe("img/cover.png");
    expect(coverOf(["README.md", "b.jpg", "a.svg"])).toBe("b.jpg");
    expect(coverOf(["README.md"])).toBeUndefined();
  });
});

describe("the content security policy", () => {
  it("runs only nonced scripts, frames nothing, and talks to this origin only", () => {
    const policy = contentSecurityPolicy("abc");
    expect(policy).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("img-src 'self' data:");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(contentSecurityPolicy("abc", true)).toContain("'unsafe-eval'");
  });
});
