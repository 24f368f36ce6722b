/** The catalogues, and a message in a language with its values and plural rules applied. */
import { en, type MessageKey, type Messages } from "./en";
import { es } from "./es";
import { fr } from "./fr";
import { formatMessage, type Values } from "./message";
import { isLocale, negotiateLocale, type Locale } from "./locales";

export {
  isLocale,
  LOCALE_COOKIE,
  localeNames,
  locales,
  negotiateLocale,
  type Locale,
} from "./locales";

export const catalogues: Record<Locale, Messages> = { en, fr, es };

export type { Values };

/** The message `key` in `locale`, with its values and plural rules applied. */
export function translate(locale: Locale, key: MessageKey, values?: Values): string {
  return formatMessage(catalogues[locale][key] ?? en[key], values, locale);
}

/** For keys built from data (an enum value, an error name): `fallback` when `key` is unknown. */
export function translateDynamic(
  locale: Locale,
  key: string,
  fallback: MessageKey,
  values?: Values,
): string {
  return translate(locale, (key in en ? key : fallback) as MessageKey, values);
}

export type { MessageKey, Messages };

/** A language bound to its catalogue: what server-rendered components translate with. */
export interface ServerI18n {
  locale: Locale;
  t: (key: MessageKey, values?: Values) => string;
  tx: (key: string, fallback: MessageKey, values?: Values) => string;
}

export function i18nFor(locale: Locale): ServerI18n {
  return {
    locale,
    t: (key, values) => translate(locale, key, values),
    tx: (key, fallback, values) => translateDynamic(locale, key, fallback, values),
  };
}

/** The reader's language from a request: the `spin-lang` cookie, else Accept-Language. */
export function requestLocale(
  chosen: string | null | undefined,
  acceptLanguage: string | null | undefined,
): Locale {
  return isLocale(chosen) ? chosen : negotiateLocale(acceptLanguage);
}
