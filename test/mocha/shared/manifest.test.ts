import { expect } from "chai";
import {
  InvalidBundleError,
  base32Lower,
  buildManifest,
  canonicalPath,
  contentHashOf,
  sha256,
  toCidV1Raw,
  type BundleFile,
} from "@spin/shared";

const text = (s: string) => new TextEncoder().encode(s);

/** The worked example of docs/content-manifest.md. */
const example: BundleFile[] = [
  { path: "parts/frame.svg", bytes: text("<svg/>\n") },
  {
    path: "README.md",
    bytes: text(
      "---\ntitle: Pedal grinder\nsummary: A grain mill driven by a bicycle\ntags: [food, bicycle]\nmachines: [laser-cutter]\n---\n# Pedal grinder\n",
    ),
  },
  { path: "Café/notes.md", bytes: text("Notes\n") },
];

async function refusal(files: BundleFile[]): Promise<InvalidBundleError> {
  try {
    await buildManifest(files);
  } catch (error) {
    if (error instanceof InvalidBundleError) return error;
    throw error;
  }
  throw new Error("the bundle was accepted");
}

describe("content manifest", () => {
  it("reproduces the worked example of docs/content-manifest.md", async () => {
    const manifest = await buildManifest(example);
    expect(new TextDecoder().decode(manifest.bytes)).to.equal(
      "spin-manifest/1\n" +
        "38732073f309589131fec63f417896537e63d27fc29fcf7c60d5f47379f0887a 6 Café/notes.md\n" +
        "7a34cefdf387f8f22a519a33c5e36ab77dec2236d360ddbba415733dcf907704 134 README.md\n" +
        "cd1fafe3cc7f06f55ead3f0dce39300aca7a8911793e76fcdd327799c0709ac2 7 parts/frame.svg\n",
    );
    expect(manifest.contentHash).to.equal(
      "0x7628ec54a92e83a164ff873bf293616443e46a9bd02781690c7a0ffc7b49f3a5",
    );
    expect(manifest.cid).to.equal("bafkreidwfdwfjkjoqoqwj74hhpzjgyleipsgvg6qe6awsdd2b76hwsptuu");
  });

  it("checks the documented example against the doc itself", async () => {
    const { readFile } = await import("node:fs/promises");
    const doc = await readFile(
      new URL("../../../docs/content-manifest.md", import.meta.url),
      "utf8",
    );
    const manifest = await buildManifest(example);
    expect(doc).to.include(manifest.contentHash);
    expect(doc).to.include(manifest.cid);
  });

  it("does not depend on the order files are given in", async () => {
    const reversed = [...example].reverse();
    expect(await contentHashOf(reversed)).to.equal(await contentHashOf(example));
  });

  it("treats composed and decomposed Unicode paths as the same path", async () => {
    const decomposed = [
      { path: "Cafe\u0301/notes.md", bytes: text("Notes\n") },
      ...example.slice(0, 2),
    ];
    expect(await contentHashOf(decomposed)).to.equal(await contentHashOf(example));
    expect(canonicalPath("Cafe\u0301")).to.equal("Caf\u00e9");
  });

  it("sorts paths by their UTF-8 bytes, not by locale", async () => {
    const manifest = await buildManifest([
      { path: "a.md", bytes: text("") },
      { path: "Z.md", bytes: text("") },
      { path: "é.md", bytes: text("") },
      { path: "a", bytes: text("") },
    ]);
    expect(manifest.entries.map((e) => e.path)).to.deep.equal(["Z.md", "a", "a.md", "é.md"]);
    expect(manifest.entries[0].size).to.equal(0);
  });

  it("changes the hash when one byte of one file changes", async () => {
    const changed = example.map((f) =>
      f.path === "parts/frame.svg" ? { ...f, bytes: text("<svg />\n") } : f,
    );
    expect(await contentHashOf(changed)).to.not.equal(await contentHashOf(example));
  });

  const invalid: Array<[string, string]> = [
    ["empty path", ""],
    ["absolute path", "/etc/passwd"],
    ["backslash in path", "parts\\frame.svg"],
    ["dot segment", "../outside.md"],
    ["dot segment", "parts/./frame.svg"],
    ["empty path segment", "parts//frame.svg"],
    ["empty path segment", "parts/"],
    ["control character in path", "bad\nname.md"],
  ];
  for (const [reason, path] of invalid) {
    it(`refuses ${JSON.stringify(path)} (${reason})`, async () => {
      const error = await refusal([{ path, bytes: text("x") }]);
      expect(error.message).to.include(reason);
      expect(error.path).to.equal(path);
    });
  }

  it("refuses duplicate paths, also after NFC normalisation", async () => {
    const error = await refusal([
      { path: "Café.md", bytes: text("1") },
      { path: "Cafe\u0301.md", bytes: text("2") },
    ]);
    expect(error.message).to.include("duplicate path");
  });

  it("refuses an empty bundle", async () => {
    expect((await refusal([])).message).to.include("empty bundle");
  });
});

describe("CIDv1 raw sha2-256", () => {
  it("matches the well-known CID of empty bytes", async () => {
    expect(toCidV1Raw(await sha256(new Uint8Array()))).to.equal(
      "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku",
    );
  });

  it("encodes base32 as RFC 4648 test vectors say (lower case, no padding)", () => {
    const vectors: Array<[string, string]> = [
      ["", ""],
      ["f", "my"],
      ["fo", "mzxq"],
      ["foo", "mzxw6"],
      ["foob", "mzxw6yq"],
      ["fooba", "mzxw6ytb"],
      ["foobar", "mzxw6ytboi"],
    ];
    for (const [input, output] of vectors) expect(base32Lower(text(input))).to.equal(output);
  });

  it("refuses a digest that is not 32 bytes", () => {
    expect(() => toCidV1Raw(new Uint8Array(31))).to.throw(RangeError, "32 bytes");
  });
});
