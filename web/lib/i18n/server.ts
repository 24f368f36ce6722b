/** The reader's language on the server: the `spin-lang` cookie, else Accept-Language. */
import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { catalogues, i18nFor, LOCALE_COOKIE, requestLocale, type Locale } from "./index";

/** Once per request. */
export const getLocale = cache(
  async (): Promise<Locale> =>
    requestLocale(
      (await cookies()).get(LOCALE_COOKIE)?.value,
      (await headers()).get("accept-language"),
    ),
);

/** Once per request. */
export const getT = cache(async () => i18nFor(await getLocale()));

export function messagesFor(locale: Locale) {
  return catalogues[locale];
}
