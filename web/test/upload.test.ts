/**
 * Uploads from the page: a bundle signed with the shared EIP-712 type and sent as the API's
 * multipart form, a newcomer's profile stored by its exact bytes before the application names
 * its hash, and every refusal of the stores said in words.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  abis,
  buildManifest,
  CONTENT_UPLOAD_FIELDS,
  admissionsDomain,
  applicationTypes,
  NO_PLACE,
  type AddressBook,
  type ProfileDocument,
} from "@spin/shared";
import { recoverTypedDataAddress, sha256 } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/client";
import { APPLICATION_LIFETIME_SECONDS, submitApplication } from "@/lib/apply";
import { contractsOf } from "@/lib/contracts";
import { en } from "@/lib/i18n/en";
import { profileBytes } from "@/lib/profile";
import {
  postBundle,
  postProfile,
  ProfileHashMismatch,
  uploadDeadline,
  UPLOAD_SIGNATURE_SECONDS,
  uploadProblem,
  uploadTypedData,
} from "@/lib/upload";

/** Anvil's first development key: a public test key. */
const member = privateKeyToAccount(
  "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
);
const REGISTRY = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
const book = {
  chainId: 31337,
  contracts: Object.fromEntries(
    Object.keys(abis).map((name, i) => [
      name,
      { address: `0x${(i + 1).toString(16).padStart(40, "0")}`, deploymentBlock: 0 },
    ]),
  ),
} as unknown as AddressBook;

interface Seen {
  url: string;
  contentType: string;
  body: Buffer;
}

/** The stores: answers what `reply` says and keeps each request's body. */
function fakeStores(seen: Seen[], reply: () => { status: number; body: unknown }): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.push({
        url: req.url ?? "",
        contentType: req.headers["content-type"] ?? "",
        body: Buffer.concat(chunks),
      });
      const { status, body } = reply();
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    });
  });
}

describe("a member's upload", () => {
  it("is signed as the API checks it: ContentUpload in the registry's domain", async () => {
    const message = {
      contentHash: sha256(new TextEncoder().encode("bundle")),
      uploader: member.address,
      deadline: uploadDeadline(1_000_000),
    };
    expect(message.deadline).toBe(BigInt(1_000 + UPLOAD_SIGNATURE_SECONDS));
    const typed = uploadTypedData(31337, REGISTRY, message);
    const signature = await member.signTypedData(typed);
    expect(
      await recoverTypedDataAddress({
        domain: {
          name: "SPIN content store",
          version: "1",
          chainId: 31337,
          verifyingContract: REGISTRY,
        },
        types: {
          ContentUpload: [
            { name: "contentHash", type: "bytes32" },
            { name: "uploader", type: "address" },
            { name: "deadline", type: "uint64" },
          ],
        },
        primaryType: "ContentUpload",
        message,
        signature,
      }),
    ).toBe(member.address);
    // Another chain's or registry's domain recovers someone else.
    expect(
      await recoverTypedDataAddress({ ...uploadTypedData(1, REGISTRY, message), signature }),
    ).not.toBe(member.address);
  });

  describe("sent to the content store", () => {
    let server: Server;
    let api: string;
    const seen: Seen[] = [];
    let answer = { status: 201, body: {} as unknown };
    beforeAll(async () => {
      server = fakeStores(seen, () => answer);
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    beforeEach(() => void (seen.length = 0));

    const files = [
      { path: "README.md", bytes: new TextEncoder().encode("---\ntitle: Mill\n---\n# Mill\n") },
      { path: "images/cover.png", bytes: new Uint8Array([137, 80, 78, 71]) },
    ];

    it("as the multipart form of signed fields and one file part per path", async () => {
      const manifest = await buildManifest(files);
      const deadline = uploadDeadline();
      const signature = await member.signTypedData(
        uploadTypedData(31337, REGISTRY, {
          contentHash: manifest.contentHash,
          uploader: member.address,
          deadline,
        }),
      );
      answer = { status: 201, body: { contentHash: manifest.contentHash, cid: manifest.cid } };
      const stored = await postBundle(
        files,
        { contentHash: manifest.contentHash, uploader: member.address, deadline, signature },
        api,
      );
      expect(stored.contentHash).toBe(manifest.contentHash);
      const [request] = seen;
      expect(request.contentType).toMatch(/^multipart\/form-data; boundary=/);
      const form = await new Response(new Uint8Array(request.body), {
        headers: { "content-type": request.contentType },
      }).formData();
      expect(form.get(CONTENT_UPLOAD_FIELDS.contentHash)).toBe(manifest.contentHash);
      expect(form.get(CONTENT_UPLOAD_FIELDS.uploader)).toBe(member.address);
      expect(form.get(CONTENT_UPLOAD_FIELDS.deadline)).toBe(deadline.toString());
      expect(form.get(CONTENT_UPLOAD_FIELDS.signature)).toBe(signature);
      expect(JSON.parse(String(form.get(CONTENT_UPLOAD_FIELDS.paths)))).toEqual([
        "README.md",
        "images/cover.png",
      ]);
      const parts = form.getAll(CONTENT_UPLOAD_FIELDS.file) as Blob[];
      expect(
        await Promise.all(parts.map(async (p) => new Uint8Array(await p.arrayBuffer()))),
      ).toEqual(files.map((f) => f.bytes));
    });

    it("refused with the API's reason, said in words", async () => {
      answer = {
        status: 403,
        body: {
          error: "not_member",
          message: `only admitted members may upload; ${member.address.toLowerCase()} is applicant`,
          field: "body.uploader",
          requestId: "r",
        },
      };
      const refusal = await postBundle(
        files,
        {
          contentHash: sha256(files[0].bytes),
          uploader: member.address,
          deadline: 1n,
          signature: "0x00",
        },
        api,
      ).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(ApiError);
      expect(uploadProblem(refusal as ApiError).key).toBe("upload.notMember");
    });
  });
});

describe("a store's refusals in words", () => {
  const refusal = (status: number, error: string, extra: { limit?: number; used?: number } = {}) =>
    new ApiError(status, { error, message: `${error} happened`, field: null, ...extra });
  it("name each case, with the API's message and limit", () => {
    const cases: [ApiError, string][] = [
      [refusal(401, "unsigned_upload"), "upload.unsigned"],
      [refusal(401, "bad_signature"), "upload.unsigned"],
      [refusal(401, "expired_signature"), "upload.expired"],
      [refusal(403, "not_member"), "upload.notMember"],
      [refusal(413, "too_large", { limit: 33_554_432 }), "upload.tooLarge"],
      [refusal(415, "unsupported_media_type"), "upload.unsupported"],
      [refusal(429, "quota_exceeded", { limit: 20, used: 20 }), "upload.quota"],
      [refusal(409, "conflict"), "upload.conflict"],
      [refusal(400, "invalid_front_matter"), "upload.invalid"],
      [refusal(503, "no_registry"), "upload.unavailable"],
      [refusal(502, "unavailable"), "upload.unavailable"],
    ];
    for (const [error, key] of cases) expect(uploadProblem(error).key, error.code).toBe(key);
    for (const [, key] of cases) expect(en[key as keyof typeof en]).toBeTruthy();
    const tooLarge = uploadProblem(
      refusal(413, "too_large", { limit: 33_554_432 }),
      (n) => `${n / 1_048_576} MiB`,
    );
    expect(tooLarge.values).toMatchObject({ limit: "32 MiB", message: "too_large happened" });
  });
});

describe("joining", () => {
  let server: Server;
  let api: string;
  const seen: Seen[] = [];
  let reply: (body: Buffer) => { status: number; body: unknown };
  beforeAll(async () => {
    server = fakeStores(seen, () => reply(seen[seen.length - 1].body));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => void (seen.length = 0));

  const amara: ProfileDocument = { name: "Amara Okafor", kind: "Person", about: "Weaver" };
  const store = (body: Buffer) => ({
    status: 201,
    body: { profileHash: sha256(new Uint8Array(body)), expiresAt: "2026-12-09T00:00:00.000Z" },
  });

  const admissions = contractsOf(book).admissions.address;
  /** The profile store, then the inbox answering `inbox`. */
  const stores =
    (inbox: { status: number; body: unknown } = { status: 201, body: { applicant: "" } }) =>
    (body: Buffer) =>
      seen[seen.length - 1].url === "/profiles" ? store(body) : inbox;
  const apply = (
    profile: ProfileDocument,
    sign = (d: Parameters<typeof member.signTypedData>[0]) => member.signTypedData(d),
  ) =>
    submitApplication({
      applicant: member.address,
      profile,
      chainId: 31337,
      admissions,
      nonce: 3n,
      now: 1_000_000n,
      sign: (typed) => sign(typed as Parameters<typeof member.signTypedData>[0]),
      api,
    });

  it("stores the profile's exact bytes, then leaves an application signed as Admissions checks it", async () => {
    reply = stores();
    const application = await apply(amara);
    const hash = sha256(profileBytes(amara));
    expect(seen.map((r) => r.url)).toEqual(["/profiles", "/applications"]);
    expect(seen[0].contentType).toBe("application/json");
    expect(new Uint8Array(seen[0].body)).toEqual(profileBytes(amara));
    const sent = JSON.parse(seen[1].body.toString("utf8")) as {
      application: Record<string, unknown>;
      signature: `0x${string}`;
    };
    expect(sent.application).toEqual({
      applicant: member.address,
      kind: 1,
      profileURI: `spin:profile/${hash}`,
      profileHash: hash,
      place: { ...NO_PLACE, machines: [] },
      nonce: "3",
      deadline: String(1_000_000 + APPLICATION_LIFETIME_SECONDS),
    });
    // The signature recovers the applicant in the Admissions domain, and no one in another.
    const typed = {
      types: applicationTypes,
      primaryType: "Application",
      message: application,
    } as const;
    expect(
      await recoverTypedDataAddress({
        ...typed,
        domain: admissionsDomain(31337, admissions),
        signature: sent.signature,
      }),
    ).toBe(member.address);
    expect(
      await recoverTypedDataAddress({
        ...typed,
        domain: admissionsDomain(31337, REGISTRY),
        signature: sent.signature,
      }),
    ).not.toBe(member.address);
  });

  it("signs a place's location and machines into the application", async () => {
    reply = stores();
    const lab: ProfileDocument = {
      name: "Fablab Thiès",
      kind: "Place",
      about: "Open workshop",
      location: { latitude: 14.79, longitude: -16.93, country: "SN" },
      machines: ["laser cutter"],
    };
    const application = await apply(lab);
    expect(application.kind).toBe(3);
    expect(application.place).toEqual({
      name: "Fablab Thiès",
      latitudeE6: 14_790_000,
      longitudeE6: -16_930_000,
      country: "0x534e",
      machines: ["laser cutter"],
    });
  });

  it("sends nothing to the inbox when the newcomer declines to sign", async () => {
    reply = stores();
    const declined = Object.assign(new Error("User rejected the request."), { code: 4001 });
    await expect(apply(amara, () => Promise.reject(declined))).rejects.toBe(declined);
    expect(seen.map((r) => r.url)).toEqual(["/profiles"]);
  });

  it("passes the inbox's refusal on with its code, and each code has words", async () => {
    for (const code of ["already_applied", "cooling_down", "wrong_nonce", "bad_signature"]) {
      seen.length = 0;
      reply = stores({
        status: code === "bad_signature" ? 401 : 409,
        body: { error: code, message: code, field: null },
      });
      await expect(apply(amara)).rejects.toMatchObject({ code });
      expect(en[`join.refused.${code}` as keyof typeof en]).toBeTruthy();
    }
  });

  it("stops before anything is signed when the store keeps other bytes or refuses", async () => {
    reply = () => ({ status: 201, body: { profileHash: `0x${"0".repeat(64)}`, expiresAt: "" } });
    let signed = false;
    await expect(
      apply(amara, () => ((signed = true), Promise.resolve("0x" as `0x${string}`))),
    ).rejects.toBeInstanceOf(ProfileHashMismatch);
    expect(signed).toBe(false);
    reply = () => ({
      status: 429,
      body: { error: "quota_exceeded", message: "busy", field: null, limit: 1000, used: 1000 },
    });
    await expect(postProfile(profileBytes(amara), api)).rejects.toMatchObject({
      status: 429,
      code: "quota_exceeded",
      limit: 1000,
    });
  });
});
