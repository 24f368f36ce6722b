"use client";
/**
 * What the wallet's code needs from the page, read only when that code loads: the settings and
 * address book the server wrote into the page as JSON (`#spin-boot`, data, never run) and the
 * reader's catalogue, loaded as its own chunk. Read pages thus ship no client context at all;
 * write pages, rendered on the server too, get the same values from ClientRoot instead.
 */
import { use, type ReactNode } from "react";
import { BOOT_ELEMENT_ID, type Boot } from "@/lib/boot";
import { I18nProvider } from "@/lib/i18n/context";
import type { Messages } from "@/lib/i18n/en";
import type { Locale } from "@/lib/i18n/locales";
import { SpinProvider, useSpinContext } from "@/lib/spin";

const catalogues: Record<Locale, () => Promise<Messages>> = {
  en: () => import("@/lib/i18n/en").then((m) => m.en),
  fr: () => import("@/lib/i18n/fr").then((m) => m.fr),
  es: () => import("@/lib/i18n/es").then((m) => m.es),
};

let booting: Promise<Boot & { messages: Messages }> | undefined;

function boot() {
  booting ??= (async () => {
    const text = document.getElementById(BOOT_ELEMENT_ID)?.textContent;
    if (!text) throw new Error(`the page carries no SPIN settings (#${BOOT_ELEMENT_ID})`);
    const data = JSON.parse(text) as Boot;
    return { ...data, messages: await catalogues[data.locale]() };
  })();
  return booting;
}

export function BootProviders({ children }: { children: ReactNode }) {
  const provided = useSpinContext();
  if (provided) return <>{children}</>;
  const b = use(boot());
  return (
    <I18nProvider locale={b.locale} messages={b.messages}>
      <SpinProvider config={b.config} book={b.book} demo={b.demo}>
        {children}
      </SpinProvider>
    </I18nProvider>
  );
}
