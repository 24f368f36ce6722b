/**
 * A read page as a light page (pages/lite/…): rendered on the server like the App Router's,
 * sent without Next.js's runtime, with /lite.js as its only script. The proxy sends a browser
 * here when it does not use a wallet. Each page file exports its config as a literal (Next.js
 * reads a page's config from its source): `unstable_runtimeJS: false` leaves the
 * runtime out, and `runtime` is named only because Next.js's type for a page's config lists
 * no `unstable_runtimeJS`.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { GetServerSidePropsContext, GetServerSidePropsResult } from "next";
import Head from "next/head";
import { Shell } from "@/components/Shell";
import { i18nFor, LOCALE_COOKIE, requestLocale, type Locale } from "@/lib/i18n";
import { cookieValue } from "@/lib/lite";
import { loadAddressBook, serverConfig } from "@/lib/server-config";
import { inRequestScope } from "@/lib/server/request-scope";
import { NotFoundView } from "./not-found";
import type { ReadPage, Search } from "./read-page";
import { ReadView } from "./read-view";

export interface LiteProps<Input> {
  locale: Locale;
  input: Input;
  title: string | null;
  description: string;
  notFound: boolean;
  chainId: number;
  /** Why there is no address book, when there is none. */
  error: string | null;
}

/** The language a light page is rendered in (also read by pages/_document.tsx). */
export function liteLocale(headers: IncomingHttpHeaders): Locale {
  return requestLocale(cookieValue(headers.cookie, LOCALE_COOKIE), headers["accept-language"]);
}

export function liteRoute<Input>(
  page: ReadPage<Input>,
  input: (context: GetServerSidePropsContext) => Input,
) {
  async function getServerSideProps(
    context: GetServerSidePropsContext,
  ): Promise<GetServerSidePropsResult<LiteProps<Input>>> {
    const locale = liteLocale(context.req.headers);
    const i18n = i18nFor(locale);
    const { chainId } = serverConfig();
    const loaded = await loadAddressBook(chainId);
    const given = input(context);
    // The page's body, rendered by the document, reuses what its title read (request-scope.ts).
    const meta =
      "book" in loaded
        ? await inRequestScope(context.req, () => page.meta(i18n, given))
        : { description: i18n.t("meta.home") };
    if ("redirect" in meta) return { redirect: { destination: meta.redirect, permanent: false } };
    const notFound = "notFound" in meta;
    if (notFound) context.res.statusCode = 404;
    return {
      props: {
        locale,
        input: given,
        title: notFound ? i18n.t("notFound.title") : (meta.title ?? null),
        description: notFound ? i18n.t("meta.home") : meta.description,
        notFound,
        chainId,
        error: "book" in loaded ? null : loaded.error,
      },
    };
  }

  function LitePage(props: LiteProps<Input>) {
    const i18n = i18nFor(props.locale);
    return (
      <>
        <Head>
          <title>{props.title ? `${props.title} · SPIN` : "SPIN"}</title>
          <meta name="description" content={props.description} />
        </Head>
        <Shell i18n={i18n} chainId={props.chainId} error={props.error ?? undefined}>
          {props.notFound ? (
            <NotFoundView i18n={i18n} />
          ) : (
            <ReadView page={page} i18n={i18n} input={props.input} />
          )}
        </Shell>
      </>
    );
  }

  return { getServerSideProps, LitePage };
}

/** The input of a list page: its query. */
export const queryOf = (context: GetServerSidePropsContext): Search => context.query;

/** The input of a record's page: its id. */
export const paramIdOf = (context: GetServerSidePropsContext) => String(context.params?.id ?? "");
