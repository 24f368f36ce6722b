import Link from "next/link";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t("notFound.title") };
}

export default async function NotFound() {
  const { t } = await getT();
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
