import { expect } from "chai";
import {
  abis,
  admissionsDomain,
  applicationSubmission,
  applicationTypes,
  NO_PLACE,
  type SignedApplication,
} from "@spin/shared";
import { hashTypedData, recoverTypedDataAddress } from "viem";
import { privateKeyToAccount } from "viem/accounts";

interface AbiParameter {
  name: string;
  type: string;
  components?: AbiParameter[];
}

/** The EIP-712 type names ApplicationHashes uses for the ABI's structs. */
const typeNames: Record<string, string> = { application: "Application", place: "Place" };

/** Typed-data fields from an ABI tuple: enums are uint8, nested tuples take their type name. */
function fieldsOf(parameter: AbiParameter) {
  return parameter.components!.map((c) => ({
    name: c.name,
    type: c.type === "tuple" ? typeNames[c.name] : c.type,
  }));
}

describe("the signed application (shared EIP-712 definition)", () => {
  const applyBySig = (abis.Admissions as readonly { type: string; name?: string }[]).find(
    (item) => item.type === "function" && item.name === "applyBySig",
  ) as unknown as { inputs: AbiParameter[] };

  it("has the fields and types of the contract's SignedApplication and PlaceInfo structs", () => {
    const application = applyBySig.inputs[0];
    const place = application.components!.find((c) => c.name === "place")!;
    expect(applicationTypes.Application).to.deep.equal(fieldsOf(application));
    expect(applicationTypes.Place).to.deep.equal(fieldsOf(place));
  });

  it("signs over the Admissions domain, and the signature binds every field", async () => {
    const account = privateKeyToAccount(`0x${"42".repeat(32)}`);
    const message: SignedApplication = {
      applicant: account.address,
      kind: 1,
      profileURI: "ipfs://me",
      profileHash: `0x${"11".repeat(32)}`,
      place: NO_PLACE,
      nonce: 0n,
      deadline: 1_900_000_000n,
    };
    const domain = admissionsDomain(31337, `0x${"22".repeat(20)}`);
    const typed = { domain, types: applicationTypes, primaryType: "Application" as const };
    const signature = await account.signTypedData({ ...typed, message });
    expect(await recoverTypedDataAddress({ ...typed, message, signature })).to.equal(
      account.address,
    );
    const changed = { ...message, profileURI: "ipfs://someone-else" };
    expect(hashTypedData({ ...typed, message: changed })).not.to.equal(
      hashTypedData({ ...typed, message }),
    );
    expect(await recoverTypedDataAddress({ ...typed, message: changed, signature })).not.to.equal(
      account.address,
    );
    const body = applicationSubmission(message, signature, "{}");
    expect([body.application.nonce, body.application.deadline, body.profile]).to.deep.equal([
      "0",
      "1900000000",
      "{}",
    ]);
    expect(JSON.parse(JSON.stringify(body))).to.deep.equal(body);
  });
});
