/**
 * The YAML front matter of a bundle's main file (README.md, else index.md): title, summary,
 * tags, machines. See docs/content-manifest.md.
 */
import { parse as parseYaml } from "yaml";
import { z } from "zod";

export const frontMatterSchema = z.object({
  title: z.string().min(1),
  summary: z.string().min(1),
  tags: z.array(z.string()).default([]),
  machines: z.array(z.string()).default([]),
});

export type FrontMatter = z.output<typeof frontMatterSchema>;

export class FrontMatterError extends Error {
  override name = "FrontMatterError";
}

const BLOCK = /^---\r?\n([\s\S]*?)\r?\n---(\r?\n|$)/;

export function mainFilePath(paths: readonly string[]): string | null {
  if (paths.includes("README.md")) return "README.md";
  if (paths.includes("index.md")) return "index.md";
  return null;
}

/** Parses and validates the front matter of `text`; throws FrontMatterError. */
export function parseFrontMatter(text: string): FrontMatter {
  const match = BLOCK.exec(text);
  if (!match) throw new FrontMatterError("the main file has no front matter between --- lines");
  let data: unknown;
  try {
    data = parseYaml(match[1]);
  } catch (error) {
    throw new FrontMatterError(`the front matter is not YAML: ${String(error)}`);
  }
  const result = frontMatterSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new FrontMatterError(`front matter ${issue.path.join(".")}: ${issue.message}`);
  }
  return result.data;
}
