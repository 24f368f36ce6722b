import type { Metadata } from "next";
import JoinForm from "@/components/write/JoinForm";
import { WritePage } from "@/components/WritePage";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("members.apply"), description: t("meta.join") };
}

export default async function JoinPage() {
  const { t } = await getT();
  return (
    <div className="page narrow">
      <h1>{t("members.apply")}</h1>
      <p className="lead">{t("join.lead")}</p>
      <WritePage>
        <JoinForm />
      </WritePage>
    </div>
  );
}
