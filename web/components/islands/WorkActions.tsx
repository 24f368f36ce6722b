"use client";
/**
 * What the connected account may do with a work: its licence verdict, and "Adopt" for places
 * and cooperatives that have not adopted it yet (nobody else is offered the button).
 */
import Link from "next/link";
import { useAccount } from "wagmi";
import { Verdict, useLicenceStatus } from "@/components/LicenceVerdict";
import { TxStatus } from "@/components/TxStatus";
import { withWallet } from "@/components/wallet/Scope";
import { useAccountInfo } from "@/hooks/data";
import { useTransaction } from "@/hooks/useTransaction";
import { useContracts } from "@/lib/contracts";
import { canAdopt } from "@/lib/guards";
import { useT } from "@/lib/i18n/context";

function WorkActions({
  workId,
  adopters,
  stewards = [],
  part,
}: {
  workId: bigint;
  adopters: string[];
  /** The work's stewards (lower case): they are offered a new version. */
  stewards?: string[];
  part: "verdict" | "adopt";
}) {
  const { t } = useT();
  const contracts = useContracts();
  const { address } = useAccount();
  const info = useAccountInfo(address);
  const status = useLicenceStatus(part === "verdict" ? workId : undefined, address);
  const adopt = useTransaction();
  if (!address) return <p className="muted">{t("wallet.connectFirst")}</p>;
  if (part === "verdict") {
    if (status.isError)
      return <p className="error">{t("common.error", { message: status.error.message })}</p>;
    return status.data ? (
      <Verdict verdict={status.data} />
    ) : (
      <p className="muted">{t("common.loading")}</p>
    );
  }
  if (!info.data) return null;
  const newVersion = stewards.includes(address.toLowerCase()) && (
    <p>
      <Link href={`/works/new?version=${workId}`} data-testid="new-version">
        {t("work.newVersion")}
      </Link>
    </p>
  );
  const adopted = adopters.includes(address.toLowerCase()) || adopt.state.phase === "confirmed";
  const rule = canAdopt(info.data, adopted);
  if (rule === "already")
    return (
      <>
        {newVersion}
        <p data-testid="adopted">{t("work.youAdopted")}</p>
        <TxStatus state={adopt.state} />
      </>
    );
  if (rule !== "ok") return newVersion || null;
  return (
    <div className="stack">
      {newVersion}
      <p>
        <button
          type="button"
          className="primary"
          disabled={adopt.busy}
          onClick={() =>
            void adopt.run({ ...contracts.works, functionName: "adopt", args: [workId] })
          }
        >
          {t("work.adopt")}
        </button>
      </p>
      <TxStatus state={adopt.state} />
    </div>
  );
}

export default withWallet(WorkActions);
