import { describe, expect, it } from "vitest";
import {
  BaseError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  getAddress,
  UserRejectedRequestError,
} from "viem";
import { abis } from "@spin/shared";
import { decodeFailure, decodeRevertData, errorsAbi, minedFailure } from "@/lib/errors";
import { failureMessage, reasonOf } from "@/lib/failure-message";
import { translate, type Values } from "@/lib/i18n";
import type { MessageKey } from "@/lib/i18n/en";

const recipient = getAddress("0x00000000000000000000000000000000000000aa");
const t = (key: MessageKey, values?: Values) => translate("en", key, values);
const tx = (key: string, fallback: MessageKey, values?: Values) =>
  translate("en", (key in enKeys ? key : fallback) as MessageKey, values);
import { en as enKeys } from "@/lib/i18n/en";
import { es as esKeys } from "@/lib/i18n/es";
import { fr as frKeys } from "@/lib/i18n/fr";

function revertData(name: string, args: readonly unknown[]) {
  return encodeErrorResult({ abi: errorsAbi, errorName: name, args } as Parameters<
    typeof encodeErrorResult
  >[0]);
}

describe("errorsAbi", () => {
  it("holds each SPIN custom error once", () => {
    const names = errorsAbi.map((e) => ("name" in e ? e.name : ""));
    expect(names).toContain("SpinCoinRecipientNotAllowed");
    expect(names).toContain("WorksContentHashTaken");
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("decodeRevertData", () => {
  it("decodes a coin error raised under another contract", () => {
    const data = revertData("SpinCoinRecipientNotAllowed", [recipient, 0]);
    expect(decodeRevertData(data)).toEqual({
      kind: "contract",
      name: "SpinCoinRecipientNotAllowed",
      args: [recipient, 0],
    });
  });
  it("returns undefined for an unknown selector", () => {
    expect(decodeRevertData("0xdeadbeef")).toBeUndefined();
  });
});

describe("decodeFailure", () => {
  it("treats a user's rejection (4001) as calm, not as an error", () => {
    expect(decodeFailure(new UserRejectedRequestError(new Error("no")))).toEqual({
      kind: "rejected",
    });
    expect(decodeFailure({ code: 4001, message: "User rejected" })).toEqual({ kind: "rejected" });
  });
  it("finds raw revert data deep in the cause chain", () => {
    const data = revertData("WorksContentHashTaken", [`0x${"11".repeat(32)}`, 7n]);
    const error = new Error("outer", { cause: new Error("middle", { cause: { code: 3, data } }) });
    expect(decodeFailure(error)).toMatchObject({
      kind: "contract",
      name: "WorksContentHashTaken",
      args: [`0x${"11".repeat(32)}`, 7n],
    });
  });
  it("reads viem's decoded revert from a simulation", () => {
    const reverted = new ContractFunctionRevertedError({
      abi: abis.SpinCoin,
      functionName: "transfer",
      data: revertData("SpinCoinRecipientNotAllowed", [recipient, 1]),
    });
    const error = new ContractFunctionExecutionError(reverted, {
      abi: abis.SpinCoin,
      functionName: "transfer",
      args: [],
    });
    expect(decodeFailure(error)).toMatchObject({
      kind: "contract",
      name: "SpinCoinRecipientNotAllowed",
    });
  });
  it("recognises the gateway's refusal of a non-admitted sender", () => {
    expect(
      decodeFailure({
        code: -32007,
        message: "Sender account not authorized to send transactions",
      }),
    ).toEqual({ kind: "unauthorized" });
  });
  it("falls back to the short message of anything else", () => {
    expect(decodeFailure(new BaseError("boom"))).toEqual({ kind: "unknown", message: "boom" });
    expect(decodeFailure("weird")).toEqual({ kind: "unknown", message: "weird" });
  });
});

describe("failure messages", () => {
  it("says in plain words that the recipient is not a member", () => {
    const failure = decodeFailure({
      data: revertData("SpinCoinRecipientNotAllowed", [recipient, 0]),
    });
    expect(failureMessage(failure, t, tx)).toBe(
      "It did not go through: the recipient is not an admitted member",
    );
  });
  it("fills the offending values into the sentence", () => {
    const failure = {
      kind: "contract" as const,
      name: "WorksContentHashTaken",
      args: ["0x11", 7n],
    };
    expect(reasonOf(failure, t, tx)).toBe("this exact content is already registered as work #7");
  });
  it("names an error it has no sentence for", () => {
    expect(reasonOf({ kind: "contract", name: "SomethingNew", args: [] }, t, tx)).toBe(
      "the contract refused (SomethingNew)",
    );
  });
  it("is calm about a rejection", () => {
    expect(reasonOf({ kind: "rejected" }, t, tx)).toBeNull();
    expect(failureMessage({ kind: "rejected" }, t, tx)).toBe(
      "You declined the signature. Nothing was sent.",
    );
  });
  it("explains the gateway's refusal", () => {
    expect(failureMessage({ kind: "unauthorized" }, t, tx)).toMatch(/not admitted/);
  });
  it("tells a mined transaction that ran out of gas from one a check refused", () => {
    // A check that fails leaves gas unused; running out uses all of it.
    expect(minedFailure(180_000n, 180_000n)).toEqual({ kind: "reverted", outOfGas: true });
    expect(minedFailure(41_000n, 180_000n)).toEqual({ kind: "reverted", outOfGas: false });
    expect(failureMessage(minedFailure(180_000n, 180_000n), t, tx)).toBe(
      "It did not go through: it ran out of gas once mined and changed nothing; sending it again usually works",
    );
    expect(failureMessage(minedFailure(41_000n, 180_000n), t, tx)).toBe(
      "It did not go through: it was mined but reverted, and changed nothing",
    );
  });
});

describe("the error catalogue", () => {
  /** SPIN's own contracts' errors: each must read as a sentence, never as "refused (Name)". */
  const SPIN_PREFIXES =
    /^(Admissions|CommonsRegistry|SpinGovernor|SpinCoin|Works|CommonFund|Licensing|LicenceTemplates|Membership)/;
  const names = errorsAbi.flatMap((e) => ("name" in e && e.type === "error" ? [e.name] : []));
  const catalogues = { en: enKeys, fr: frKeys, es: esKeys } as Record<
    string,
    Record<string, string>
  >;

  it("words every error of SPIN's contracts in every language", () => {
    for (const [lang, messages] of Object.entries(catalogues)) {
      const missing = names.filter((n) => SPIN_PREFIXES.test(n) && !messages[`err.${n}`]);
      expect(missing, `${lang} lacks`).toEqual([]);
    }
  });
  it("keeps no message for an error the contracts no longer have", () => {
    for (const [lang, messages] of Object.entries(catalogues)) {
      const stale = Object.keys(messages)
        .filter((k) => k.startsWith("err.") && k !== "err.generic")
        .filter((k) => !names.includes(k.slice(4)));
      expect(stale, `${lang} keeps`).toEqual([]);
    }
  });
  it("fills a new error's values into its sentence", () => {
    const failure = {
      kind: "contract" as const,
      name: "AdmissionsCalldataTooLarge",
      args: [7000n, 6144n],
    };
    expect(reasonOf(failure, t, tx)).toBe(
      "the application is too large (7000 bytes, at most 6144)",
    );
  });
});
