/**
 * The YAML front matter of a bundle's main file (README.md, else index.md): title, summary,
 * tags, machines. Every field is bounded and free of control characters, so nothing the search
 * index would refuse reaches it. See docs/content-manifest.md.
 */
import { parse as parseYaml } from "yaml";
import { z } from "zod";

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

function field(max: number) {
  return z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(max, `must have at most ${max} characters`)
    .refine((v) => !CONTROL.test(v), "must not contain control characters");
}

export const FRONT_MATTER_LIMITS = {
  bytes: 16 * 1024,
  title: 200,
  summary: 2_000,
  list: 32,
  item: 64,
};

export const frontMatterSchema = z.object({
  title: field(FRONT_MATTER_LIMITS.title),
  summary: field(FRONT_MATTER_LIMITS.summary),
  tags: z.array(field(FRONT_MATTER_LIMITS.item)).max(FRONT_MATTER_LIMITS.list).default([]),
  machines: z.array(field(FRONT_MATTER_LIMITS.item)).max(FRONT_MATTER_LIMITS.list).default([]),
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

/** Parses and validates the front matter at the start of `text`; throws FrontMatterError. */
export function parseFrontMatter(text: string): FrontMatter {
  const match = BLOCK.exec(text);
  if (!match) throw new FrontMatterError("the main file has no front matter between --- lines");
  if (match[1].length > FRONT_MATTER_LIMITS.bytes) {
    throw new FrontMatterError(
      `the front matter has more than ${FRONT_MATTER_LIMITS.bytes} characters`,
    );
  }
  let data: unknown;
  try {
    data = parseYaml(match[1], { maxAliasCount: 16 });
  } catch (error) {
    throw new FrontMatterError(`the front matter is not YAML: ${(error as Error).message}`);
  }
  const result = frontMatterSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new FrontMatterError(`front matter ${issue.path.join(".") || "block"} ${issue.message}`);
  }
  return result.data;
}
