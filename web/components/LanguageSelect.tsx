"use client";
/**
 * The language: a form that works without JavaScript (the server sets the cookie and sends the
 * reader back), sent at once on a change when JavaScript runs.
 */
import { usePathname } from "next/navigation";
import { shownPath } from "@/lib/lite";
import type { Locale } from "@/lib/i18n/locales";

export function LanguageSelect(props: {
  locale: Locale;
  options: { value: Locale; label: string }[];
  label: string;
  apply: string;
}) {
  const path = shownPath(usePathname());
  return (
    <form className="lang" method="post" action="/api/lang">
      <input type="hidden" name="back" value={path} />
      <select
        name="lang"
        defaultValue={props.locale}
        aria-label={props.label}
        onChange={(e) => e.currentTarget.form?.requestSubmit()}
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
