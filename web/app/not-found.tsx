import { getT } from "@/lib/i18n/server";
import { NotFoundView } from "@/views/not-found";

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t("notFound.title") };
}

export default async function NotFound() {
  return <NotFoundView i18n={await getT()} />;
}
