import type { Metadata } from "next";
import DecisionForm from "@/components/write/DecisionForm";
import ProposeForm from "@/components/write/ProposeForm";
import { WritePage } from "@/components/WritePage";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("propose.title"), description: t("meta.propose") };
}

export default async function NewProposalPage() {
  const { t } = await getT();
  return (
    <div className="page narrow">
      <h1>{t("propose.title")}</h1>
      <WritePage>
        <ProposeForm />
        <DecisionForm />
      </WritePage>
    </div>
  );
}
