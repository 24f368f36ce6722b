/**
 * The rules the dApp checks before a member signs a vouch, and the commitment a registration
 * reveals: both mirror the contracts, so a refusal is a sentence before any transaction.
 */
import { abis, type AddressBook } from "@spin/shared";
import { decodeFunctionData, encodeAbiParameters, getAddress, keccak256, type Address } from "viem";
import { describe, expect, it } from "vitest";
import {
  ApplicationState,
  mayComplete,
  mayReject,
  voteRipeness,
  vouchRefusal,
  type ApplicationView,
  type VoucherView,
} from "@/lib/admission";
import { commitmentOf, forgetSalt, saltFor } from "@/lib/commitment";
import { contractsOf } from "@/lib/contracts";
import { decisionCall, readDecision, type Decision } from "@/lib/decisions";
import { Kind, Status } from "@/lib/guards";

const candidate: Address = "0x00000000000000000000000000000000000000c1";
const member: Address = "0x00000000000000000000000000000000000000a1";
const open: ApplicationView = {
  state: ApplicationState.Open,
  vouches: 0,
  threshold: 2,
  windowEnd: 2_000,
  admissibleAt: 0,
  profileHash: `0x${"11".repeat(32)}`,
};
const voucher: VoucherView = {
  account: member,
  kind: Kind.Person,
  status: Status.Admitted,
  memberSince: 100,
  seniority: 500,
  budgetLeft: 1,
  nextPeriod: 5_000,
  vouched: false,
};

describe("vouchRefusal", () => {
  it("lets a senior Person with budget vouch once for an open application", () => {
    expect(vouchRefusal(candidate, open, voucher, 1_000)).toBeNull();
  });
  it("refuses each case the contract refuses, naming when it changes", () => {
    const at = (v: Partial<VoucherView>, a: Partial<ApplicationView> = {}, now = 1_000) =>
      vouchRefusal(candidate, { ...open, ...a }, { ...voucher, ...v }, now);
    expect(vouchRefusal(member, open, voucher, 1_000)).toEqual({ reason: "self" });
    expect(at({ status: Status.Applicant })).toEqual({ reason: "notMember" });
    expect(at({ status: Status.Suspended })).toEqual({ reason: "suspended" });
    expect(at({ kind: Kind.Place })).toEqual({ reason: "notPerson" });
    expect(at({}, { state: ApplicationState.Scheduled })).toEqual({ reason: "notOpen" });
    expect(at({}, {}, 2_001)).toEqual({ reason: "expired", at: 2_000 });
    expect(at({ vouched: true })).toEqual({ reason: "already" });
    expect(at({ memberSince: 900 })).toEqual({ reason: "tooRecent", from: 1_400 });
    expect(at({ budgetLeft: 0 })).toEqual({ reason: "budget", from: 5_000 });
  });
});

describe("an application's later steps", () => {
  it("is completed by anyone once due, and rejectable until then", () => {
    const scheduled = { ...open, state: ApplicationState.Scheduled, admissibleAt: 3_000 };
    expect(mayComplete(scheduled, 2_999)).toBe(false);
    expect(mayComplete(scheduled, 3_000)).toBe(true);
    expect(mayComplete({ ...scheduled, state: ApplicationState.Admissible }, 0)).toBe(true);
    expect(mayReject(scheduled)).toBe(true);
    expect(mayReject({ ...open, state: ApplicationState.Closed })).toBe(false);
    expect(mayComplete(open, 9_999)).toBe(false);
  });
  it("tells a Person when its vote ripens, and that someone must ripen it after", () => {
    const person = { kind: Kind.Person, status: Status.Admitted, voteRipensAt: 5_000 };
    expect(voteRipeness(person, 4_999)).toEqual({ state: "ripening", at: 5_000 });
    expect(voteRipeness(person, 5_000)).toEqual({ state: "ripenable" });
    expect(voteRipeness({ ...person, voteRipensAt: 0 }, 1)).toEqual({ state: "ripe" });
    expect(voteRipeness({ ...person, kind: Kind.Enterprise }, 1)).toEqual({ state: "none" });
  });
});

describe("commit and reveal", () => {
  const hash = `0x${"22".repeat(32)}` as const;
  it("commits to keccak256(abi.encode(hash, registrant, salt)) as commitmentFor does", () => {
    const salt = `0x${"33".repeat(32)}` as const;
    expect(commitmentOf(hash, member, salt)).toBe(
      keccak256(
        encodeAbiParameters(
          [{ type: "bytes32" }, { type: "address" }, { type: "bytes32" }],
          [hash, member, salt],
        ),
      ),
    );
    expect(commitmentOf(hash, candidate, salt)).not.toBe(commitmentOf(hash, member, salt));
  });
  it("keeps the salt until the reveal, so a reload resumes with the same commitment", () => {
    const map = new Map<string, string>();
    const store = {
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
      removeItem: (k: string) => void map.delete(k),
    };
    const salt = saltFor(store, 31337, member, hash);
    expect(salt).toMatch(/^0x[0-9a-f]{64}$/);
    expect(saltFor(store, 31337, member, hash)).toBe(salt);
    expect(saltFor(store, 1, member, hash)).not.toBe(salt);
    forgetSalt(store, 31337, member, hash);
    expect(saltFor(store, 31337, member, hash)).not.toBe(salt);
  });
});

describe("governance's decisions", () => {
  const book = {
    chainId: 31337,
    contracts: Object.fromEntries(
      Object.keys(abis).map((name, i) => [
        name,
        { address: `0x${(i + 1).toString(16).padStart(40, "0")}`, deploymentBlock: 0 },
      ]),
    ),
  } as unknown as AddressBook;
  const contracts = contractsOf(book);

  it("reads each form into the one call its contract takes", () => {
    const lift = readDecision({
      fn: "liftRevocation",
      id: "7",
      account: member,
      reason: "settled",
    });
    expect(lift).toEqual({ fn: "liftRevocation", workId: 7n, account: member, reason: "settled" });
    const [target, data] = decisionCall(contracts, lift as Decision);
    expect(target).toBe(contracts.licensing.address);
    expect(decodeFunctionData({ abi: contracts.licensing.abi, data })).toMatchObject({
      functionName: "liftRevocation",
      args: [7n, getAddress(member), "settled"],
    });
    const sweep = readDecision({ fn: "sweepStream", id: "3", account: "", reason: "expelled" });
    expect(decisionCall(contracts, sweep as Decision)[0]).toBe(contracts.fund.address);
    const free = readDecision({
      fn: "reassignHash",
      id: `0x${"ab".repeat(32)}`,
      account: "",
      reason: "dispute",
    });
    const [worksTarget, worksData] = decisionCall(contracts, free as Decision);
    expect(worksTarget).toBe(contracts.works.address);
    expect(decodeFunctionData({ abi: contracts.works.abi, data: worksData }).args).toEqual([
      `0x${"ab".repeat(32)}`,
      "0x0000000000000000000000000000000000000000",
      "dispute",
    ]);
  });
  it("names the first wrong field before anything is signed", () => {
    const form = { fn: "sweepUnclaimed" as const, id: "1", account: member, reason: "why" };
    expect(readDecision({ ...form, reason: " " })).toEqual({ problem: "reasonMissing" });
    expect(readDecision({ ...form, id: "one" })).toEqual({ problem: "badId" });
    expect(readDecision({ ...form, account: "bob" })).toEqual({ problem: "badAccount" });
    expect(readDecision({ ...form, fn: "reassignHash", id: "0x12" })).toEqual({
      problem: "badHash",
    });
  });
});
