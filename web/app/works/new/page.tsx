import type { Metadata } from "next";
import PublishForm from "@/components/write/PublishForm";
import { WritePage } from "@/components/WritePage";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("publish.title"), description: t("meta.publish") };
}

export default function PublishPage() {
  return (
    <WritePage>
      <PublishForm />
    </WritePage>
  );
}
