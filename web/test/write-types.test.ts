/**
 * The transaction helper is typed from the ABI: these lines are checked by `tsc -p web` (run by
 * `npm run lint:types`). Each @ts-expect-error fails the type check if the mistake below it ever
 * compiles, so a misspelled function or a wrong argument cannot reach a page.
 */
import { abis } from "@spin/shared";
import { describe, expect, it } from "vitest";
import { write } from "@/hooks/useTransaction";

const registry = {
  address: "0x0000000000000000000000000000000000000001" as const,
  abi: abis.CommonsRegistry,
};
const admissions = {
  address: "0x0000000000000000000000000000000000000004" as const,
  abi: abis.Admissions,
};
const profileHash = `0x${"ab".repeat(32)}` as const;
const works = {
  address: "0x0000000000000000000000000000000000000005" as const,
  abi: abis.WorksRegistry,
};
const registration = {
  contentHash: profileHash,
  metadataURI: "ipfs://x",
  licenceId: 1,
  stewards: [],
  contributors: [],
  shares: [],
  parents: [],
};
const governor = {
  address: "0x0000000000000000000000000000000000000002" as const,
  abi: abis.SpinGovernor,
};

describe("write(): a request typed by its ABI", () => {
  it("accepts a function the ABI has, with arguments of its types", () => {
    const request = write({
      ...admissions,
      functionName: "vouch",
      args: ["0x0000000000000000000000000000000000000003", profileHash],
    });
    expect(request.functionName).toBe("vouch");
    const vote = write({ ...governor, functionName: "castVoteWithReason", args: [1n, 1, "yes"] });
    expect(vote.args).toEqual([1n, 1, "yes"]);
  });

  it("refuses misspelled functions and wrong arguments at compile time", () => {
    const stranger = "0x0000000000000000000000000000000000000003";
    // @ts-expect-error: vouching moved to Admissions; the registry has no "vouch"
    write({ ...registry, functionName: "vouch", args: [stranger, profileHash] });
    // @ts-expect-error: a vouch names the profile it read
    write({ ...admissions, functionName: "vouch", args: [stranger] });
    // @ts-expect-error: register reveals a salt after its commitment
    write({ ...works, functionName: "register", args: [registration] });
    // @ts-expect-error: castVoteWithReason needs a reason
    write({ ...governor, functionName: "castVoteWithReason", args: [1n, 1] });
    // @ts-expect-error: view functions are not writes
    write({ ...admissions, functionName: "hasVouched", args: [stranger, stranger] });
    // The lines above are the test (tsc); at run time write() only hands the request on.
    expect(
      write({ ...admissions, functionName: "vouch", args: [stranger, profileHash] }).args,
    ).toEqual([stranger, profileHash]);
  });
});
