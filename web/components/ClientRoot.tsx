"use client";
/** What every client component may read: the language and the chain's configuration. */
import type { AddressBook } from "@spin/shared";
import type { ReactNode } from "react";
import type { SpinConfig } from "@/lib/config";
import { I18nProvider } from "@/lib/i18n/context";
import type { Messages } from "@/lib/i18n/en";
import type { Locale } from "@/lib/i18n/locales";
import { SpinProvider } from "@/lib/spin";

export function ClientRoot(props: {
  config: SpinConfig;
  book: AddressBook;
  demo: boolean;
  locale: Locale;
  messages: Messages;
  children: ReactNode;
}) {
  return (
    <I18nProvider locale={props.locale} messages={props.messages}>
      <SpinProvider config={props.config} book={props.book} demo={props.demo}>
        {props.children}
      </SpinProvider>
    </I18nProvider>
  );
}
