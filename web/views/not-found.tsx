/** The page for an address that shows nothing, in the reader's language. */
import Link from "next/link";
import type { ServerI18n } from "@/lib/i18n";

export function NotFoundView({ i18n: { t } }: { i18n: ServerI18n }) {
  return (
    <div className="page narrow">
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.body")}</p>
      <p>
        <Link href="/">{t("notFound.home")}</Link> · <Link href="/works">{t("nav.works")}</Link>
      </p>
    </div>
  );
}
