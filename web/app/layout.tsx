import type { Metadata, Viewport } from "next";
import { cookies, headers } from "next/headers";
import type { ReactNode } from "react";
import { Header } from "@/components/Header";
import { Providers } from "@/components/Providers";
import { isLocale, LOCALE_COOKIE, negotiateLocale, translate } from "@/lib/i18n";
import { loadAddressBook, serverConfig } from "@/lib/server-config";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "SPIN", template: "%s · SPIN" },
  description: "A commons platform for makers: works, licences, a common fund, places.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#14532d" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen)
    ? chosen
    : negotiateLocale((await headers()).get("accept-language"));
  const config = serverConfig();
  const loaded = await loadAddressBook(config.chainId);
  return (
    <html lang={locale}>
      <body>
        {"book" in loaded ? (
          <Providers config={config} book={loaded.book} locale={locale}>
            <Header />
            <main id="main" tabIndex={-1}>
              {children}
            </main>
          </Providers>
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
