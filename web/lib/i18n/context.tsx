"use client";
/**
 * The reader's language in client components. Only the one catalogue the page needs reaches the
 * browser (not all three), and only with the wallet's code or a write page.
 */
import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { MessageKey, Messages } from "./en";
import type { Locale } from "./locales";
import { formatMessage, type Values } from "./message";

export interface I18n {
  locale: Locale;
  t: (key: MessageKey, values?: Values) => string;
  /** For keys built from data (an enum value, an error name): falls back when unknown. */
  tx: (key: string, fallback: MessageKey, values?: Values) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider(props: { locale: Locale; messages: Messages; children: ReactNode }) {
  const { locale, messages } = props;
  const value = useMemo<I18n>(() => {
    const t = (key: MessageKey, values?: Values) =>
      formatMessage(messages[key] ?? key, values, locale);
    return {
      locale,
      t,
      tx: (key, fallback, values) => t((key in messages ? key : fallback) as MessageKey, values),
    };
  }, [locale, messages]);
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useT(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useT needs an I18nProvider above it");
  return value;
}
