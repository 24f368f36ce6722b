/**
 * A read page, written once and served two ways: by the App Router (app/…/page.tsx) to a
 * browser that uses a wallet, and as a light page without Next.js's runtime (pages/lite/…) to
 * everyone else. `meta` decides first (title and description, or not found, or elsewhere);
 * `View` renders the page's data on the server.
 */
import type { ReactNode } from "react";
import type { ServerI18n } from "@/lib/i18n";

export type PageMeta =
  | { title?: string; description: string }
  | { notFound: true }
  | { redirect: string };

/** A URL's query as both routers hand it over. */
export type Search = Record<string, string | string[] | undefined>;

export interface ReadPage<Input> {
  meta(i18n: ServerI18n, input: Input): Promise<PageMeta>;
  View(props: { i18n: ServerI18n; input: Input }): Promise<ReactNode> | ReactNode;
}

/** The first value of a query parameter, trimmed; undefined when empty. */
export function one(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}
