import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown, parseBlocks, resolveRelative, stripFrontMatter } from "@/lib/markdown";

const options = { resolveFile: (path: string) => `/api/spin/content/0xabc/files/${path}` };
const html = (source: string, path?: string) =>
  renderToStaticMarkup(<Markdown source={source} options={options} path={path} />);

describe("Markdown", () => {
  it("skips the front matter and renders headings one level down", () => {
    expect(html("---\ntitle: X\n---\n# Title\n\nSome *nice* **bold** `code`.")).toBe(
      '<div class="markdown"><h2>Title</h2><p>Some <em>nice</em> <strong>bold</strong> <code>code</code>.</p></div>',
    );
  });
  it("loads relative images from the content store", () => {
    expect(html("![frame](parts/frame.png)", "docs/README.md")).toContain(
      'src="/api/spin/content/0xabc/files/docs/parts/frame.png"',
    );
  });
  it("never loads a remote image: it becomes a link", () => {
    const out = html("![tracker](https://elsewhere.example/pixel.png)");
    expect(out).not.toContain("<img");
    expect(out).toContain('<a href="https://elsewhere.example/pixel.png"');
  });
  it("escapes HTML and drops unsafe links", () => {
    const out = html("<script>alert(1)</script> [x](javascript:alert(1))");
    expect(out).toContain("&lt;script&gt;");
    expect(out).not.toContain("javascript:");
  });
  it("renders lists, quotes and code blocks", () => {
    const out = html("- one\n- two\n\n1. first\n\n> quoted\n\n```\nlet a = 1;\n```");
    expect(out).toContain("<ul><li>one</li><li>two</li></ul>");
    expect(out).toContain("<ol><li>first</li></ol>");
    expect(out).toContain("<blockquote>quoted</blockquote>");
    expect(out).toContain("<pre><code>let a = 1;</code></pre>");
  });
});

describe("markdown helpers", () => {
  it("resolves relative paths inside the bundle only", () => {
    expect(resolveRelative("docs/README.md", "../img/a.png")).toBe("img/a.png");
    expect(resolveRelative("README.md", "./a.png")).toBe("a.png");
    expect(resolveRelative("README.md", "../../etc/passwd")).toBeNull();
  });
  it("strips only a leading front matter block", () => {
    expect(stripFrontMatter("text\n---\na: 1\n---\n")).toBe("text\n---\na: 1\n---\n");
  });
  it("joins paragraph lines", () => {
    expect(parseBlocks("a\nb\n\nc")).toEqual([
      { type: "paragraph", text: "a b" },
      { type: "paragraph", text: "c" },
    ]);
  });
});

describe("Markdown tables", () => {
  it("render a header, alignment and rows, and leave pipes in code-free text alone", async () => {
    const { parseBlocks } = await import("@/lib/markdown");
    const blocks = parseBlocks(
      "| Part | Qty |\n|:--|--:|\n| bearing | 2 |\n| chain \\| link | 1 |\n\nA | B without a rule",
    );
    expect(blocks[0]).toEqual({
      type: "table",
      head: ["Part", "Qty"],
      align: ["left", "right"],
      rows: [
        ["bearing", "2"],
        ["chain | link", "1"],
      ],
    });
    expect(blocks[1]).toEqual({ type: "paragraph", text: "A | B without a rule" });
  });
});
