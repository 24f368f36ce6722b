import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { BootData } from "@/components/BootData";
import { Header } from "@/components/Header";
import { translate } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";
import { demoAvailable } from "@/lib/server/demo";
import { loadAddressBook, serverConfig } from "@/lib/server-config";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const locale = await getLocale();
  return {
    title: { default: "SPIN", template: "%s · SPIN" },
    description: translate(locale, "meta.home"),
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#14532d" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const config = serverConfig();
  const loaded = await loadAddressBook(config.chainId);
  return (
    <html lang={locale}>
      <body>
        {"book" in loaded ? (
          <>
            <Header />
            <main id="main" tabIndex={-1}>
              {children}
            </main>
            <BootData boot={{ config, book: loaded.book, demo: demoAvailable(), locale }} />
          </>
        ) : (
          <main id="main" className="page">
            <h1>SPIN</h1>
            <p className="error" role="alert">
              {translate(locale, "common.notDeployed", {
                chainId: config.chainId,
                detail: loaded.error,
              })}
            </p>
          </main>
        )}
      </body>
    </html>
  );
}
