"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useT } from "@/lib/i18n/context";
import { localeNames, locales, isLocale } from "@/lib/i18n";
import { WalletButton } from "./WalletButton";
import { NetworkBanner } from "./NetworkBanner";

const links = [
  ["/works", "nav.works"],
  ["/works/new", "nav.publish"],
  ["/licences", "nav.licences"],
  ["/fund", "nav.fund"],
  ["/members", "nav.members"],
  ["/places", "nav.places"],
  ["/wallet", "nav.wallet"],
] as const;

export function Header() {
  const { t, locale, setLocale } = useT();
  const path = usePathname();
  const current = (href: string) =>
    href === "/works" ? path === "/works" || /^\/works\/\d+/.test(path) : path.startsWith(href);
  return (
    <header className="site-header">
      <a className="skip" href="#main">
        {t("app.skip")}
      </a>
      <div className="bar">
        <Link href="/" className="brand" aria-label="SPIN">
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
            <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" strokeWidth="2.5" />
            <path d="M12 2a10 10 0 0 1 0 20" fill="currentColor" />
          </svg>
          SPIN
        </Link>
        <nav aria-label={t("nav.label")}>
          <ul>
            {links.map(([href, key]) => (
              <li key={href}>
                <Link href={href} aria-current={current(href) ? "page" : undefined}>
                  {t(key)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="tools">
          <label className="lang">
            <span className="sr-only">{t("lang.label")}</span>
            <select
              value={locale}
              onChange={(e) => isLocale(e.target.value) && setLocale(e.target.value)}
              aria-label={t("lang.label")}
            >
              {locales.map((l) => (
                <option key={l} value={l}>
                  {localeNames[l]}
                </option>
              ))}
            </select>
          </label>
          <WalletButton />
        </div>
      </div>
      <NetworkBanner />
    </header>
  );
}
