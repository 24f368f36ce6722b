/**
 * The site header, rendered on the server: brand, the sections (a menu on phones that works
 * without JavaScript), the language form and the wallet's place.
 */
import Link from "next/link";
import { localeNames, locales, type ServerI18n } from "@/lib/i18n";
import { LanguageSelect } from "./LanguageSelect";
import { NavLinks, type NavItem } from "./NavLinks";
import { WalletSlot } from "./wallet/WalletSlot";

const sections = [
  ["/works", "nav.works"],
  ["/works/new", "nav.publish"],
  ["/licences", "nav.licences"],
  ["/fund", "nav.fund"],
  ["/proposals", "nav.proposals"],
  ["/members", "nav.members"],
  ["/places", "nav.places"],
  ["/wallet", "nav.wallet"],
] as const;

export function Header({ i18n }: { i18n: ServerI18n }) {
  const { t, locale } = i18n;
  const items: NavItem[] = sections.map(([href, key]) => ({ href, label: t(key) }));
  return (
    <header className="site-header">
      <a className="skip" href="#main">
        {t("app.skip")}
      </a>
      <div className="bar">
        <Link href="/" className="brand" aria-label={t("nav.home")}>
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
            <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" strokeWidth="2.5" />
            <path d="M12 2a10 10 0 0 1 0 20" fill="currentColor" />
          </svg>
          SPIN
        </Link>
        <NavLinks items={items} label={t("nav.label")} menuLabel={t("nav.menu")} />
        <div className="tools">
          <LanguageSelect
            locale={locale}
            options={locales.map((l) => ({ value: l, label: localeNames[l] }))}
            label={t("lang.label")}
            apply={t("lang.apply")}
          />
          <WalletSlot label={t("wallet.connect")} />
        </div>
      </div>
    </header>
  );
}
