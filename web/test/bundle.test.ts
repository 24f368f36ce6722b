import { buildManifest } from "@spin/shared";
import { describe, expect, it } from "vitest";
import {
  bundlePath,
  composeReadme,
  hasMainFile,
  parseParents,
  percentToBps,
  readFiles,
  splitList,
  type FileLike,
} from "@/lib/bundle";

function file(name: string, text: string, webkitRelativePath = ""): FileLike {
  const bytes = new TextEncoder().encode(text);
  return {
    name,
    webkitRelativePath,
    arrayBuffer: async () => bytes.buffer.slice(0) as ArrayBuffer,
  };
}

describe("files chosen in the browser become a bundle", () => {
  it("drops the chosen folder's own name from each path", () => {
    expect(bundlePath(file("frame.svg", "", "grinder/parts/frame.svg"))).toBe("parts/frame.svg");
    expect(bundlePath(file("README.md", ""))).toBe("README.md");
  });

  it("hashes to the worked example of docs/content-manifest.md, as the indexer will", async () => {
    const files = await readFiles([
      file("frame.svg", "<svg/>\n", "grinder/parts/frame.svg"),
      file(
        "README.md",
        "---\ntitle: Pedal grinder\nsummary: A grain mill driven by a bicycle\ntags: [food, bicycle]\nmachines: [laser-cutter]\n---\n# Pedal grinder\n",
        "grinder/README.md",
      ),
      file("notes.md", "Notes\n", "grinder/Café/notes.md"),
    ]);
    const manifest = await buildManifest(files);
    expect(manifest.contentHash).toBe(
      "0x7628ec54a92e83a164ff873bf293616443e46a9bd02781690c7a0ffc7b49f3a5",
    );
    expect(manifest.cid).toBe("bafkreidwfdwfjkjoqoqwj74hhpzjgyleipsgvg6qe6awsdd2b76hwsptuu");
  });

  it("writes a README whose front matter the content store can read", () => {
    const text = composeReadme({
      title: "Loom",
      summary: 'A "frame" loom',
      tags: ["textile"],
      machines: [],
      body: "Hello",
    });
    expect(text).toBe(
      '---\ntitle: "Loom"\nsummary: "A \\"frame\\" loom"\ntags: ["textile"]\nmachines: []\n---\n\n# Loom\n\nHello\n',
    );
  });

  it("knows whether a bundle already has its main file", () => {
    expect(hasMainFile([{ path: "index.md", bytes: new Uint8Array() }])).toBe(true);
    expect(hasMainFile([{ path: "docs/README.md", bytes: new Uint8Array() }])).toBe(false);
  });
});

describe("form helpers", () => {
  it("splits, trims and dedupes comma lists", () => {
    expect(splitList(" a, b,,a ,c ")).toEqual(["a", "b", "c"]);
  });
  it("turns percentages into basis points", () => {
    expect(percentToBps(33.33)).toBe(3_333);
    expect(percentToBps(100)).toBe(10_000);
  });
  it("parses parents and refuses anything but work ids", () => {
    expect(parseParents("1, 2")).toEqual([1n, 2n]);
    expect(parseParents("")).toEqual([]);
    expect(parseParents("1, x")).toBeNull();
  });
});

import { splitSignature } from "@/lib/signature";

describe("splitSignature", () => {
  const r = "11".repeat(32);
  const s = "22".repeat(32);
  it("splits r, s and v", () => {
    expect(splitSignature(`0x${r}${s}1b`)).toEqual({ v: 27, r: `0x${r}`, s: `0x${s}` });
  });
  it("normalises a 0/1 recovery id to 27/28", () => {
    expect(splitSignature(`0x${r}${s}01`).v).toBe(28);
  });
  it("refuses anything but 65 bytes", () => {
    expect(() => splitSignature("0x1234")).toThrow(RangeError);
  });
});
