/**
 * Every page's body: the header, the page in <main>, and what the wallet's code reads when it
 * loads. Without an address book for the chain, a page that says so instead. Used by the App
 * Router's layout and by the light read pages (pages/lite), so both look the same.
 */
import type { ReactNode } from "react";
import type { ServerI18n } from "@/lib/i18n";
import { Header } from "./Header";

export function Shell(props: {
  i18n: ServerI18n;
  chainId: number;
  /** The address book's problem when there is none. */
  error?: string;
  /** After <main>: the wallet's settings on pages that may load it. */
  after?: ReactNode;
  children: ReactNode;
}) {
  const { i18n } = props;
  if (props.error !== undefined)
    return (
      <main id="main" className="page">
        <h1>SPIN</h1>
        <p className="error" role="alert">
          {i18n.t("common.notDeployed", { chainId: props.chainId, detail: props.error })}
        </p>
      </main>
    );
  return (
    <>
      <Header i18n={i18n} />
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
      {props.after}
    </>
  );
}
