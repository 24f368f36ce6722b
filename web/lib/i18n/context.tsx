"use client";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import type { MessageKey } from "./en";
import { LOCALE_COOKIE, translate, type Locale, type Values } from "./index";

interface I18n {
  locale: Locale;
  t: (key: MessageKey, values?: Values) => string;
  /** For keys built from data (an enum value, an error name): falls back when unknown. */
  tx: (key: string, fallback: MessageKey, values?: Values) => string;
  setLocale: (locale: Locale) => void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider(props: { initial: Locale; children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(props.initial);
  const setLocale = useCallback((next: Locale) => {
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      locale,
      t: (key, values) => translate(locale, key, values),
      tx: (key, fallback, values) =>
        translate(locale, (isKnown(key) ? key : fallback) as MessageKey, values),
      setLocale,
    }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

import { en } from "./en";
function isKnown(key: string): key is MessageKey {
  return key in en;
}

export function useT(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useT needs an I18nProvider above it");
  return value;
}
