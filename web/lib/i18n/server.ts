/** The reader's language on the server: the `spin-lang` cookie, else Accept-Language. */
import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import {
  catalogues,
  isLocale,
  LOCALE_COOKIE,
  negotiateLocale,
  translate,
  translateDynamic,
  type Locale,
  type MessageKey,
} from "./index";
import type { Values } from "./message";

/** Once per request. */
export const getLocale = cache(async (): Promise<Locale> => {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(chosen) ? chosen : negotiateLocale((await headers()).get("accept-language"));
});

export interface ServerI18n {
  locale: Locale;
  t: (key: MessageKey, values?: Values) => string;
  tx: (key: string, fallback: MessageKey, values?: Values) => string;
}

/** Once per request (every AccountName on a page asks). */
export const getT = cache(async (): Promise<ServerI18n> => {
  const locale = await getLocale();
  return {
    locale,
    t: (key, values) => translate(locale, key, values),
    tx: (key, fallback, values) => translateDynamic(locale, key, fallback, values),
  };
});

export function messagesFor(locale: Locale) {
  return catalogues[locale];
}
