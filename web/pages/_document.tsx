/**
 * The light read pages' document: the reader's language, the request's CSP nonce (set by
 * proxy.ts) on the only script, /lite.js, and the status the page's view asked for (a refused
 * address). The page renders in its request's scope of reads, shared with getServerSideProps.
 * Next.js's own scripts are left out by each page's `unstable_runtimeJS: false`.
 */
import Document, { Head, Html, Main, NextScript, type DocumentContext } from "next/document";
import type { Locale } from "@/lib/i18n";
import { renderWithStatus } from "@/lib/server/page-status";
import { inRequestScope } from "@/lib/server/request-scope";
import { liteLocale } from "@/views/lite-route";

interface Props {
  locale: Locale;
  nonce: string | undefined;
}

export default class LiteDocument extends Document<Props> {
  static async getInitialProps(context: DocumentContext) {
    // The page renders here: a refusal its view met while rendering sets the answer's status.
    // It shares the request's reads with the page's getServerSideProps (request-scope.ts).
    const { result: initial, status } = await renderWithStatus(() =>
      inRequestScope(context.req, () => Document.getInitialProps(context)),
    );
    if (status !== null && context.res) context.res.statusCode = status;
    const nonce = context.req?.headers["x-nonce"];
    return {
      ...initial,
      locale: context.req ? liteLocale(context.req.headers) : "en",
      nonce: typeof nonce === "string" ? nonce : undefined,
    };
  }

  render() {
    const { locale, nonce } = this.props;
    return (
      <Html lang={locale}>
        <Head nonce={nonce} />
        <body>
          <Main />
          <NextScript nonce={nonce} />
          <script src="/lite.js" nonce={nonce} defer />
        </body>
      </Html>
    );
  }
}
