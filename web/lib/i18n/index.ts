/** The catalogues, and a message in a language with its values and plural rules applied. */
import { en, type MessageKey, type Messages } from "./en";
import { es } from "./es";
import { fr } from "./fr";
import { formatMessage, type Values } from "./message";
import type { Locale } from "./locales";

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
