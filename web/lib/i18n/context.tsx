"use client";
/**
 * The reader's language in client components. The server hands down the one catalogue the page
 * needs (not all three), so the browser downloads no other language's text.
 */
import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useMemo, type ReactNode } from "react";
import type { MessageKey, Messages } from "./en";
import { LOCALE_COOKIE, type Locale } from "./locales";
import { formatMessage, type Values } from "./message";

interface I18n {
  locale: Locale;
  t: (key: MessageKey, values?: Values) => string;
  /** For keys built from data (an enum value, an error name): falls back when unknown. */
  tx: (key: string, fallback: MessageKey, values?: Values) => string;
  setLocale: (locale: Locale) => void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider(props: { locale: Locale; messages: Messages; children: ReactNode }) {
  const { locale, messages } = props;
  const router = useRouter();
  const setLocale = useCallback(
    (next: Locale) => {
      document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
      document.documentElement.lang = next;
      router.refresh();
    },
    [router],
  );
  const value = useMemo<I18n>(() => {
    const t = (key: MessageKey, values?: Values) =>
      formatMessage(messages[key] ?? key, values, locale);
    return {
      locale,
      t,
      tx: (key, fallback, values) => t((key in messages ? key : fallback) as MessageKey, values),
      setLocale,
    };
  }, [locale, messages, setLocale]);
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useT(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useT needs an I18nProvider above it");
  return value;
}
