/** The light read pages' frame (pages/lite): the app's styles and what every page's head says. */
import type { AppProps } from "next/app";
import Head from "next/head";
import "../app/globals.css";

export default function LiteApp({ Component, pageProps }: AppProps) {
  return (
    <>
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#14532d" />
        <link rel="icon" href="/icon.svg" type="image/svg+xml" sizes="any" />
      </Head>
      <Component {...pageProps} />
    </>
  );
}
