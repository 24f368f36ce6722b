import type { Metadata } from "next";
import WalletView from "@/components/write/WalletView";
import { WritePage } from "@/components/WritePage";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("wallet.title"), description: t("meta.wallet") };
}

export default function WalletPage() {
  return (
    <WritePage>
      <WalletView />
    </WritePage>
  );
}
