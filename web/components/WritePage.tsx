/**
 * A write page's client form with what it reads while rendering (on the server too): the
 * language and its catalogue, the settings and the address book. Read pages have no such
 * context; their wallet islands read the same values when they load (wallet/Boot.tsx).
 */
import type { ReactNode } from "react";
import { getLocale, messagesFor } from "@/lib/i18n/server";
import { demoAvailable } from "@/lib/server/demo";
import { getBook } from "@/lib/server/api";
import { serverConfig } from "@/lib/server-config";
import { ClientRoot } from "./ClientRoot";

export async function WritePage({ children }: { children: ReactNode }) {
  const [locale, book] = await Promise.all([getLocale(), getBook()]);
  // The root layout already says so when the chain has no address book.
  if (!book) return null;
  return (
    <ClientRoot
      config={serverConfig()}
      book={book}
      demo={demoAvailable()}
      locale={locale}
      messages={messagesFor(locale)}
    >
      {children}
    </ClientRoot>
  );
}
