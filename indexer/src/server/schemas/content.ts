/** Content bundles and uploads. */
import { z } from "@hono/zod-openapi";
import { account, hash32, int, pageSchema } from "./common.ts";

export const manifestEntry = z
  .object({ path: z.string(), size: int, sha256: z.string().regex(/^[0-9a-f]{64}$/) })
  .openapi("ManifestEntry");

export const bundleSummary = z
  .object({
    content_hash: hash32,
    cid: z.string(),
    title: z.string().nullable(),
    summary: z.string().nullable(),
    tags: z.array(z.string()),
    machines: z.array(z.string()),
    total_size: int,
    file_count: int,
  })
  .openapi("BundleSummary");
export const bundles = pageSchema(bundleSummary, "BundlePage");

export const bundle = bundleSummary
  .extend({
    uploader: account.nullable(),
    stored_at: z.string().openapi({ description: "ISO time the bundle was stored" }),
    registered: z.boolean().openapi({
      description:
        "A registered work (or version) names it; unregistered bundles are removed after the grace period",
    }),
    entries: z.array(manifestEntry),
  })
  .openapi("Bundle");

export const stored = z
  .object({
    contentHash: hash32,
    cid: z.string(),
    entries: z.array(manifestEntry),
    frontMatter: z.object({
      title: z.string(),
      summary: z.string(),
      tags: z.array(z.string()),
      machines: z.array(z.string()),
    }),
    uploader: account,
    expiresAt: z.string().nullable().openapi({
      description: "When the bundle is removed unless a registered work names it",
    }),
  })
  .openapi("StoredBundle");
