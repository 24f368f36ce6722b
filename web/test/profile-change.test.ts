/**
 * Changing a pending application's profile: the new profile stored by its exact bytes, the
 * change signed as Admissions checks it (ApplicationHashes.profileChange), carried in a link that
 * accepts nothing but a signed change, and refused before a member signs when the contract would
 * refuse it.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { admissionsDomain, profileChangeTypes, type ProfileDocument } from "@spin/shared";
import {
  encodeAbiParameters,
  hashStruct,
  keccak256,
  recoverTypedDataAddress,
  sha256,
  toBytes,
  UserRejectedRequestError,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/client";
import { ApplicationState } from "@/lib/admission";
import { profileBytes } from "@/lib/profile";
import {
  changeRefusal,
  decodeProfileChange,
  encodeProfileChange,
  PROFILE_CHANGE_LIFETIME_SECONDS,
  profileChangeLink,
  signProfileChange,
  type ChangeView,
  type SignedChange,
} from "@/lib/profile-change";

/** Anvil's second development key: a public test key. */
const applicant = privateKeyToAccount(
  "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
);
const ADMISSIONS = "0x0000000000000000000000000000000000000a0a";
const OTHER = "0x0000000000000000000000000000000000000b0b";
const amara: ProfileDocument = { name: "Amara Okafor", kind: "Person", about: "Weaves and dyes" };

/** The profile store: keeps each request and answers `reply`. */
let reply: (body: Buffer) => { status: number; body: unknown };
const seen: { url: string; body: Buffer }[] = [];
let server: Server;
let api: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      seen.push({ url: req.url ?? "", body });
      const answer = reply(body);
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
  reply = (body) => ({
    status: 201,
    body: { profileHash: sha256(new Uint8Array(body)), expiresAt: "2026-12-09T00:00:00.000Z" },
  });
});

const sign = (
  signer: (d: Parameters<typeof applicant.signTypedData>[0]) => Promise<`0x${string}`> = (d) =>
    applicant.signTypedData(d),
) =>
  signProfileChange({
    applicant: applicant.address,
    profile: amara,
    chainId: 31337,
    admissions: ADMISSIONS,
    nonce: 4n,
    now: 2_000_000n,
    sign: (typed) => signer(typed as Parameters<typeof applicant.signTypedData>[0]),
    api,
  });

describe("signing a profile change", () => {
  it("stores the exact bytes, then signs the change the contract recovers", async () => {
    const signed = await sign();
    const hash = sha256(profileBytes(amara));
    expect(seen.map((r) => r.url)).toEqual(["/profiles"]);
    expect(new Uint8Array(seen[0].body)).toEqual(profileBytes(amara));
    expect(signed.change).toEqual({
      applicant: applicant.address,
      profileURI: `spin:profile/${hash}`,
      profileHash: hash,
      nonce: 4n,
      deadline: 2_000_000n + BigInt(PROFILE_CHANGE_LIFETIME_SECONDS),
    });
    const typed = {
      types: profileChangeTypes,
      primaryType: "ProfileChange",
      message: signed.change,
    } as const;
    const at = (verifyingContract: `0x${string}`) =>
      recoverTypedDataAddress({
        ...typed,
        domain: admissionsDomain(31337, verifyingContract),
        signature: signed.signature,
      });
    expect(await at(ADMISSIONS)).toBe(applicant.address);
    expect(await at(OTHER)).not.toBe(applicant.address);
  });

  it("hashes the struct as ApplicationHashes.profileChange does", () => {
    const change = {
      applicant: applicant.address,
      profileURI: "spin:profile/0x" + "ab".repeat(32),
      profileHash: `0x${"ab".repeat(32)}` as const,
      nonce: 7n,
      deadline: 9n,
    };
    const typeHash = keccak256(
      toBytes(
        "ProfileChange(address applicant,string profileURI,bytes32 profileHash,uint256 nonce,uint256 deadline)",
      ),
    );
    const contract = keccak256(
      encodeAbiParameters(
        [
          { type: "bytes32" },
          { type: "address" },
          { type: "bytes32" },
          { type: "bytes32" },
          { type: "uint256" },
          { type: "uint256" },
        ],
        [
          typeHash,
          change.applicant,
          keccak256(toBytes(change.profileURI)),
          change.profileHash,
          change.nonce,
          change.deadline,
        ],
      ),
    );
    expect(
      hashStruct({ data: change, primaryType: "ProfileChange", types: profileChangeTypes }),
    ).toBe(contract);
  });

  it("asks for no signature when the store refuses or keeps other bytes", async () => {
    let asked = 0;
    const counting = (d: Parameters<typeof applicant.signTypedData>[0]) => {
      asked++;
      return applicant.signTypedData(d);
    };
    reply = () => ({
      status: 413,
      body: { error: "too_large", message: "too large", limit: 8192 },
    });
    await expect(sign(counting)).rejects.toBeInstanceOf(ApiError);
    reply = () => ({ status: 201, body: { profileHash: `0x${"00".repeat(32)}`, expiresAt: "" } });
    await expect(sign(counting)).rejects.toThrow(/stored the profile as 0x00/);
    expect(asked).toBe(0);
  });

  it("passes a declined signature on as the wallet's refusal", async () => {
    await expect(
      sign(() => Promise.reject(new UserRejectedRequestError(new Error("no")))),
    ).rejects.toBeInstanceOf(UserRejectedRequestError);
  });
});

describe("the link that carries a signed change", () => {
  let signed: SignedChange;
  beforeAll(async () => {
    signed = await sign();
  });

  it("round-trips through the members page's link", () => {
    const link = profileChangeLink("https://spin.example", signed);
    const url = new URL(link);
    expect(url.pathname).toBe("/members");
    expect(url.hash).toBe("#profile-change");
    expect(decodeProfileChange(url.searchParams.get("change") ?? undefined)).toEqual(signed);
    expect(link.length).toBeLessThan(600);
  });

  it("names the profile only as the API stores it, whatever the link says", () => {
    const json = JSON.parse(
      atob(encodeProfileChange(signed).replace(/-/g, "+").replace(/_/g, "/")),
    );
    const forged = btoa(JSON.stringify({ ...json, u: "https://evil.example/p" }))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    expect(decodeProfileChange(forged)?.change.profileURI).toBe(signed.change.profileURI);
  });

  it("refuses anything but an address, a hash, decimal numbers and a 65-byte signature", () => {
    const json = JSON.parse(
      atob(encodeProfileChange(signed).replace(/-/g, "+").replace(/_/g, "/")),
    );
    const encode = (value: unknown) =>
      btoa(JSON.stringify(value)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    for (const bad of [
      { ...json, a: "amara" },
      { ...json, h: "0x1234" },
      { ...json, n: "-1" },
      { ...json, d: "1e9" },
      { ...json, s: `${json.s}00` },
      { ...json, s: undefined },
      [json],
      null,
    ])
      expect(decodeProfileChange(encode(bad)), JSON.stringify(bad)).toBeNull();
    expect(decodeProfileChange(undefined)).toBeNull();
    expect(decodeProfileChange("not base64!")).toBeNull();
    expect(decodeProfileChange("e30")).toBeNull(); // "{}"
    expect(decodeProfileChange("A".repeat(2_000))).toBeNull();
  });
});

describe("a member submitting a signed change", () => {
  const change = {
    applicant: applicant.address,
    profileURI: "spin:profile/0x" + "ab".repeat(32),
    profileHash: `0x${"ab".repeat(32)}` as const,
    nonce: 4n,
    deadline: 1_000n,
  };
  const ok: ChangeView = {
    relayerAllowed: true,
    state: ApplicationState.Open,
    nonce: 4n,
    now: 999n,
  };

  it("is offered while the application is open, scheduled or due", () => {
    for (const state of [
      ApplicationState.Open,
      ApplicationState.Scheduled,
      ApplicationState.Admissible,
    ])
      expect(changeRefusal(change, { ...ok, state })).toBeNull();
    expect(changeRefusal(change, { ...ok, now: 1_000n })).toBeNull();
  });

  it("is refused, in Admissions' order, for a non-member, an expired or used signature, and no open application", () => {
    expect(changeRefusal(change, { ...ok, relayerAllowed: false, now: 5_000n })).toBe("relayer");
    expect(changeRefusal(change, { ...ok, now: 1_001n, nonce: 5n })).toBe("expired");
    expect(changeRefusal(change, { ...ok, nonce: 5n, state: ApplicationState.None })).toBe("used");
    expect(changeRefusal(change, { ...ok, state: ApplicationState.None })).toBe("noApplication");
    expect(changeRefusal(change, { ...ok, state: ApplicationState.Closed })).toBe("closed");
  });
});
