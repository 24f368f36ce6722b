/**
 * A small Markdown renderer for a work's flatfile (headings, paragraphs, lists, quotes, code,
 * emphasis, links, images). It builds React elements, never HTML strings, so a bundle cannot
 * inject markup. Relative images load from the content store; remote images are shown as links,
 * so reading a work never contacts another host.
 */
import { Fragment, type ReactNode } from "react";

export interface MarkdownOptions {
  /** Maps a path relative to the bundle root to the URL it is served from. */
  resolveFile: (path: string) => string;
}

/** Drops a leading YAML front matter block. */
export function stripFrontMatter(text: string): string {
  return text.replace(/^---\r?\n[\s\S]*?\r?\n---(\r?\n|$)/, "");
}

/** Resolves `target` against the directory of the Markdown file; null if it leaves the bundle. */
export function resolveRelative(base: string, target: string): string | null {
  const dir = base.includes("/") ? base.slice(0, base.lastIndexOf("/")).split("/") : [];
  const parts = [...dir];
  for (const segment of target.replace(/^\.\//, "").split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(segment);
  }
  return parts.join("/");
}

function isRemote(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//");
}

function safeHref(url: string): string | null {
  if (/^(https?:|mailto:)/i.test(url)) return url;
  if (url.startsWith("#")) return url;
  return null;
}

const INLINE =
  /(`[^`]+`)|(!\[[^\]]*\]\([^)\s]+\))|(\[[^\]]+\]\([^)\s]+\))|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*|_[^_\s][^_]*_)/;

export function renderInline(
  text: string,
  options: MarkdownOptions,
  base = "README.md",
): ReactNode[] {
  const out: ReactNode[] = [];
  let rest = text;
  let key = 0;
  while (rest.length > 0) {
    const match = INLINE.exec(rest);
    if (!match) {
      out.push(rest);
      break;
    }
    if (match.index > 0) out.push(rest.slice(0, match.index));
    const token = match[0];
    if (match[1]) out.push(<code key={key++}>{token.slice(1, -1)}</code>);
    else if (match[2]) {
      const [, alt, src] = /^!\[([^\]]*)\]\(([^)\s]+)\)$/.exec(token) ?? [];
      out.push(imageElement(alt ?? "", src ?? "", options, base, key++));
    } else if (match[3]) {
      const [, label, url] = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(token) ?? [];
      const href = safeHref(url ?? "");
      out.push(
        href ? (
          <a key={key++} href={href} rel="noopener noreferrer nofollow">
            {label}
          </a>
        ) : (
          <Fragment key={key++}>{label}</Fragment>
        ),
      );
    } else if (match[4]) out.push(<strong key={key++}>{token.slice(2, -2)}</strong>);
    else out.push(<em key={key++}>{token.slice(1, -1)}</em>);
    rest = rest.slice(match.index + token.length);
  }
  return out;
}

function imageElement(
  alt: string,
  src: string,
  options: MarkdownOptions,
  base: string,
  key: number,
): ReactNode {
  if (isRemote(src)) {
    const href = safeHref(src);
    return href ? (
      <a key={key} href={href} rel="noopener noreferrer nofollow">
        {alt || src}
      </a>
    ) : (
      <Fragment key={key}>{alt}</Fragment>
    );
  }
  const path = resolveRelative(base, src);
  if (path === null) return <Fragment key={key}>{alt}</Fragment>;
  return <img key={key} src={options.resolveFile(path)} alt={alt} loading="lazy" />;
}

type Block =
  | { type: "heading"; level: number; text: string }
  | { type: "code"; text: string }
  | { type: "quote"; text: string }
  | { type: "list"; ordered: boolean; items: string[] }
  | {
      type: "table";
      head: string[];
      align: ("left" | "center" | "right" | null)[];
      rows: string[][];
    }
  | { type: "paragraph"; text: string };

/** The cells of a `| a | b |` row (a backslash-escaped pipe stays in its cell). */
function cells(line: string): string[] {
  const inner = line
    .trim()
    .replace(/^\|/, "")
    .replace(/(?<!\\)\|$/, "");
  return inner.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, "|"));
}

const TABLE_RULE = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

export function parseBlocks(markdown: string): Block[] {
  const lines = stripFrontMatter(markdown).replace(/\r\n/g, "\n").split("\n");
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "") {
      i++;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      blocks.push({ type: "heading", level: heading[1].length, text: heading[2].trim() });
      i++;
      continue;
    }
    if (line.startsWith("```")) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i].startsWith("```")) body.push(lines[i++]);
      i++;
      blocks.push({ type: "code", text: body.join("\n") });
      continue;
    }
    if (line.startsWith(">")) {
      const body: string[] = [];
      while (i < lines.length && lines[i].startsWith(">"))
        body.push(lines[i++].replace(/^>\s?/, ""));
      blocks.push({ type: "quote", text: body.join(" ") });
      continue;
    }
    if (line.includes("|") && i + 1 < lines.length && TABLE_RULE.test(lines[i + 1])) {
      const head = cells(line);
      const align = cells(lines[i + 1]).map((c) =>
        c.startsWith(":") && c.endsWith(":")
          ? "center"
          : c.endsWith(":")
            ? "right"
            : c.startsWith(":")
              ? "left"
              : null,
      );
      i += 2;
      const rows: string[][] = [];
      while (i < lines.length && lines[i].includes("|") && lines[i].trim() !== "") {
        const row = cells(lines[i++]);
        rows.push(head.map((_, j) => row[j] ?? ""));
      }
      blocks.push({ type: "table", head, align, rows });
      continue;
    }
    const bullet = /^\s*([-*+]|\d+[.)])\s+/;
    if (bullet.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: string[] = [];
      while (i < lines.length && bullet.test(lines[i])) items.push(lines[i++].replace(bullet, ""));
      blocks.push({ type: "list", ordered, items });
      continue;
    }
    const body: string[] = [];
    while (
      i < lines.length &&
      lines[i].trim() !== "" &&
      !/^(#{1,6}\s|```|>)/.test(lines[i]) &&
      !(lines[i].includes("|") && i + 1 < lines.length && TABLE_RULE.test(lines[i + 1])) &&
      !bullet.test(lines[i])
    ) {
      body.push(lines[i++].trim());
    }
    blocks.push({ type: "paragraph", text: body.join(" ") });
  }
  return blocks;
}

/**
 * Renders a Markdown file of a bundle. Its headings are pushed down `headingOffset` levels
 * (1 by default: the page owns the h1) so they continue the page's outline.
 */
export function Markdown(props: {
  source: string;
  options: MarkdownOptions;
  path?: string;
  headingOffset?: number;
}) {
  const base = props.path ?? "README.md";
  const inline = (text: string) => renderInline(text, props.options, base);
  return (
    <div className="markdown">
      {parseBlocks(props.source).map((block, index) => {
        switch (block.type) {
          case "heading": {
            const level = Math.min(6, block.level + (props.headingOffset ?? 1));
            const Tag = `h${level}` as "h2";
            return <Tag key={index}>{inline(block.text)}</Tag>;
          }
          case "code":
            return (
              <pre key={index}>
                <code>{block.text}</code>
              </pre>
            );
          case "quote":
            return <blockquote key={index}>{inline(block.text)}</blockquote>;
          case "list": {
            const Tag = block.ordered ? "ol" : "ul";
            return (
              <Tag key={index}>
                {block.items.map((item, j) => (
                  <li key={j}>{inline(item)}</li>
                ))}
              </Tag>
            );
          }
          case "table":
            return (
              <div className="scroll" key={index}>
                <table>
                  <thead>
                    <tr>
                      {block.head.map((h, j) => (
                        <th
                          key={j}
                          scope="col"
                          className={block.align[j] ? `align-${block.align[j]}` : undefined}
                        >
                          {inline(h)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {block.rows.map((row, r) => (
                      <tr key={r}>
                        {row.map((cell, j) => (
                          <td
                            key={j}
                            className={block.align[j] ? `align-${block.align[j]}` : undefined}
                          >
                            {inline(cell)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          case "paragraph":
            return <p key={index}>{inline(block.text)}</p>;
        }
      })}
    </div>
  );
}
