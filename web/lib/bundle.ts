/** Turning chosen files into a flatfile bundle: paths, and a README when none is given. */
import type { BundleFile } from "@spin/shared";

export interface FileLike {
  name: string;
  webkitRelativePath?: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A file's path in the bundle: relative to the chosen folder (its top folder dropped). */
export function bundlePath(file: FileLike): string {
  const relative = file.webkitRelativePath ?? "";
  if (!relative) return file.name;
  const slash = relative.indexOf("/");
  return slash === -1 ? relative : relative.slice(slash + 1);
}

export async function readFiles(files: readonly FileLike[]): Promise<BundleFile[]> {
  return Promise.all(
    files.map(async (f) => ({ path: bundlePath(f), bytes: new Uint8Array(await f.arrayBuffer()) })),
  );
}

export interface ReadmeFields {
  title: string;
  summary: string;
  tags: string[];
  machines: string[];
  body: string;
}

function yamlString(value: string): string {
  return JSON.stringify(value);
}

function yamlList(values: string[]): string {
  return `[${values.map(yamlString).join(", ")}]`;
}

/** README.md with the front matter the content store indexes (title, summary, tags, machines). */
export function composeReadme(fields: ReadmeFields): string {
  return [
    "---",
    `title: ${yamlString(fields.title.trim())}`,
    `summary: ${yamlString(fields.summary.trim())}`,
    `tags: ${yamlList(fields.tags)}`,
    `machines: ${yamlList(fields.machines)}`,
    "---",
    "",
    `# ${fields.title.trim()}`,
    "",
    fields.body.trim(),
    "",
  ].join("\n");
}

export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

export function hasMainFile(files: readonly BundleFile[]): boolean {
  return files.some((f) => f.path === "README.md" || f.path === "index.md");
}

/** Percentages (as typed) to basis points that sum to exactly 10 000 when the input sums to 100. */
export function percentToBps(percent: number): number {
  return Math.round(percent * 100);
}

export function parseParents(text: string): bigint[] | null {
  const parts = splitList(text);
  if (parts.some((p) => !/^\d+$/.test(p))) return null;
  return parts.map((p) => BigInt(p));
}
