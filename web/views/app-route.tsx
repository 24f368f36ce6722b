/**
 * A read page as an App Router page: its metadata and its body, for a browser that uses a
 * wallet (the islands hydrate and the wallet's code loads).
 */
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getT } from "@/lib/i18n/server";
import type { ReadPage, Search } from "./read-page";
import { ReadView } from "./read-view";

export function appRoute<Input, Props>(
  page: ReadPage<Input>,
  input: (props: Props) => Promise<Input>,
) {
  return {
    async generateMetadata(props: Props): Promise<Metadata> {
      const i18n = await getT();
      const meta = await page.meta(i18n, await input(props));
      if ("notFound" in meta) return { title: i18n.t("notFound.title") };
      if ("redirect" in meta) return {};
      return meta;
    },
    async Page(props: Props) {
      const i18n = await getT();
      const given = await input(props);
      const meta = await page.meta(i18n, given);
      if ("notFound" in meta) notFound();
      if ("redirect" in meta) redirect(meta.redirect);
      return <ReadView page={page} i18n={i18n} input={given} />;
    },
  };
}

/** The input of a list page: its query. */
export const searchOf = async (props: { searchParams: Promise<Search> }) => props.searchParams;

/** The input of a record's page: its id. */
export const idOf = async (props: { params: Promise<{ id: string }> }) => (await props.params).id;
