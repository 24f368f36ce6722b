"use client";
/** The language: a form that works without JavaScript, switching at once with it. */
import { usePathname } from "next/navigation";
import { useT } from "@/lib/i18n/context";
import { isLocale, type Locale } from "@/lib/i18n/locales";

export function LanguageSelect(props: {
  locale: Locale;
  options: { value: Locale; label: string }[];
  label: string;
  apply: string;
}) {
  const { setLocale } = useT();
  const path = usePathname() ?? "/";
  return (
    <form className="lang" method="post" action="/api/lang">
      <input type="hidden" name="back" value={path} />
      <select
        name="lang"
        defaultValue={props.locale}
        aria-label={props.label}
        onChange={(e) => isLocale(e.target.value) && setLocale(e.target.value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value} lang={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit">{props.apply}</button>
      </noscript>
    </form>
  );
}
