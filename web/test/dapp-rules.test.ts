import { parseProfile } from "@spin/shared";
import { sha256 } from "viem";
import { describe, expect, it } from "vitest";
import { argKind, argText } from "@/lib/calls";
import { contentSecurityPolicy } from "@/lib/csp";
import { resolveDelegate } from "@/lib/delegate";
import { coverOf, isDownloadable, isImage } from "@/lib/files";
import { canAdopt, canPropose, canVote, checkGrant, Kind, Status } from "@/lib/guards";
import { ledgerApiQuery, ledgerQuery, parseLedgerFilters } from "@/lib/ledger-filters";
import { findByName, namesFromLookup, namesFromParticipants } from "@/lib/names";
import { profileRecord, profileUri, validateProfile, type ProfileForm } from "@/lib/profile";

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
  it("keep what was typed, tidied, as a document the API's own check accepts", () => {
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
      location: { latitude: 14.79, longitude: -16.93, country: "SN" },
      machines: ["laser cutter", "kiln"],
    });
    const { bytes, profileHash, profileURI } = profileRecord(checked.profile);
    expect(parseProfile(bytes)).toEqual(checked.profile);
    expect(profileHash).toBe(sha256(bytes));
    expect(profileURI).toBe(profileUri(profileHash));
    expect(profileURI).toBe(`spin:profile/${profileHash}`);
  });
  it("refuse what the API would refuse: control characters, and more than 8 KiB in all", () => {
    expect(validateProfile({ ...form, name: "Amara\u0007", about: "x" })).toEqual({
      problems: { name: "invalid" },
    });
    const wide = "€".repeat(2_000); // 2,000 characters, 6,000 bytes
    expect(
      validateProfile({
        ...form,
        kind: "Place",
        name: "Lab",
        about: wide,
        latitude: "1",
        longitude: "1",
        country: "SN",
        machines: Array.from(
          { length: 32 },
          (_, i) => `${"m".repeat(62)}${String(i).padStart(2, "0")}`,
        ).join(","),
      }),
    ).toEqual({ problems: { about: "tooLarge" } });
    expect(
      validateProfile({ ...form, name: "Lab", about: "x", machines: "kiln", kind: "Place" }),
    ).toMatchObject({ problems: { latitude: "latitude" } });
  });
});

describe("names", () => {
  const names = {
    ...namesFromParticipants([
      { account: A, kind: Kind.Person, name: "Amara Okafor" },
      { account: C, kind: Kind.Enterprise, name: "Loomworks Ltd" },
      { account: FUND.replace("9", "8"), kind: Kind.Person, name: null },
    ]),
    ...namesFromLookup([
      {
        address: B,
        name: "Fablab Dakar",
        source: "place",
        kindName: "Place",
        statusName: "Admitted",
      },
      {
        address: FUND,
        name: "SPIN Common Fund",
        source: "contract",
        kindName: null,
        statusName: null,
      },
      { address: A, name: null, source: null, kindName: null, statusName: null },
    ]),
  };
  it("are the API's: participants' names, looked-up names, and SPIN's contracts", () => {
    expect(names[A.toLowerCase()]).toEqual({ name: "Amara Okafor", kind: Kind.Person });
    expect(names[B.toLowerCase()]).toEqual({ name: "Fablab Dakar", kind: Kind.Place });
    expect(names[FUND]).toEqual({ name: "SPIN Common Fund", kind: "contract" });
    expect(Object.keys(names)).toHaveLength(4);
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
  it("count a scheduled cap raise only if it is in force when the proposal could run", () => {
    const fund = {
      balance: 1_000n,
      lockedUntil: 0,
      capBps: 2_000,
      pendingCap: { capBps: 10_000, effectiveAt: 9_000 },
    };
    expect(checkGrant(fund, 900n, 8_999)).toEqual({ problem: "overCap", cap: 200n });
    expect(checkGrant(fund, 900n, 9_000)).toBeNull();
  });
});

describe("the ledger's filters", () => {
  it("are read from the query, leaving out anything malformed", () => {
    expect(
      parseLedgerFilters({
        subFund: "2",
        direction: "in",
        counterparty: B.toUpperCase().replace("0X", "0x"),
        from: "2026-01-01",
        to: "2026-01-31",
      }),
    ).toEqual({
      subFund: 2,
      direction: "in",
      counterparty: B,
      from: "2026-01-01",
      to: "2026-01-31",
    });
    expect(
      parseLedgerFilters({
        subFund: "x",
        direction: "sideways",
        counterparty: "Amara",
        from: "yesterday",
        to: "2026-13-45",
        kind: "<script>",
      }),
    ).toEqual({
      subFund: undefined,
      direction: undefined,
      counterparty: undefined,
      from: undefined,
      to: undefined,
    });
  });
  it("become the API's query, the last day included whole", () => {
    expect(ledgerApiQuery({ subFund: 0, from: "2026-01-01", to: "2026-01-01" })).toEqual({
      subFund: "0",
      direction: undefined,
      counterparty: undefined,
      from: String(Date.UTC(2026, 0, 1) / 1000),
      to: String(Date.UTC(2026, 0, 2) / 1000),
    });
  });
  it("are written back into links, with the next page's cursor", () => {
    expect(ledgerQuery({ direction: "out", counterparty: A }, "v1.abc")).toBe(
      `?direction=out&counterparty=${A}&cursor=v1.abc`,
    );
    expect(ledgerQuery({})).toBe("");
  });
});

describe("a decoded call's arguments", () => {
  it("are shown by what they are: accounts, SPIN amounts, sub-funds, dates, shares", () => {
    expect(argKind("recipient", "address", "CommonFund")).toBe("account");
    expect(argKind("amount", "uint256", "CommonFund")).toBe("amount");
    expect(argKind("subFund", "uint8", "CommonFund")).toBe("subFund");
    expect(argKind("end", "uint64", "CommonFund")).toBe("time");
    expect(argKind("upstreamBps", "uint16", "LicenceTemplates")).toBe("bps");
    expect(argKind("memo", "string", "CommonFund")).toBe("text");
    // A template's fee is not an amount from the fund (its own unit is shown as a number).
    expect(argKind("fee", "uint256", "LicenceTemplates")).toBe("number");
    expect(argKind("data", "bytes", null)).toBe("other");
  });
  it("keep the API's decimal strings and spell tuples as JSON", () => {
    expect(argText("1000000000000000000")).toBe("1000000000000000000");
    expect(argText(7)).toBe("7");
    expect(argText({ name: "Lab", machines: ["kiln"] })).toBe('{"name":"Lab","machines":["kiln"]}');
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
