import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { BootData } from "@/components/BootData";
import { Shell } from "@/components/Shell";
import { getT } from "@/lib/i18n/server";
import { demoAvailable } from "@/lib/server/demo";
import { loadAddressBook, serverConfig } from "@/lib/server-config";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return {
    title: { default: "SPIN", template: "%s · SPIN" },
    description: t("meta.home"),
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#14532d" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const i18n = await getT();
  const config = serverConfig();
  const loaded = await loadAddressBook(config.chainId);
  return (
    <html lang={i18n.locale}>
      <body>
        <Shell
          i18n={i18n}
          chainId={config.chainId}
          error={"book" in loaded ? undefined : loaded.error}
          after={
            "book" in loaded && (
              <BootData
                boot={{ config, book: loaded.book, demo: demoAvailable(), locale: i18n.locale }}
              />
            )
          }
        >
          {children}
        </Shell>
      </body>
    </html>
  );
}
