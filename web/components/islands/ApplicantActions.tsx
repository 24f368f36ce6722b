"use client";
/** Vouch for an applicant, or propose their admission: for admitted persons, never for oneself. */
import type { Address } from "viem";
import { useAccount } from "wagmi";
import { TxStatus } from "@/components/TxStatus";
import { withWallet } from "@/components/wallet/Scope";
import { useAccountInfo } from "@/hooks/data";
import { useTransaction } from "@/hooks/useTransaction";
import { useContracts } from "@/lib/contracts";
import { useRegistryProposal } from "@/lib/governance";
import { canVote } from "@/lib/guards";
import { useT } from "@/lib/i18n/context";

function ApplicantActions({ applicant }: { applicant: Address }) {
  const { t } = useT();
  const contracts = useContracts();
  const { address } = useAccount();
  const info = useAccountInfo(address);
  const vouch = useTransaction();
  const governance = useRegistryProposal();
  if (!address || !info.data) return null;
  if (address.toLowerCase() === applicant.toLowerCase())
    return (
      <p className="small" data-testid="my-status">
        {t("members.waiting")}
      </p>
    );
  if (canVote(info.data) !== "ok") return null;
  return (
    <div className="stack">
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={vouch.busy}
          onClick={() =>
            void vouch.run({ ...contracts.registry, functionName: "vouch", args: [applicant] })
          }
        >
          {t("members.vouch")}
        </button>
        <button
          type="button"
          disabled={governance.tx.busy}
          onClick={() =>
            governance.propose(
              { fn: "admitApplicant", account: applicant },
              t("members.admitReason", { who: applicant }),
            )
          }
        >
          {t("members.proposeAdmit")}
        </button>
      </div>
      <TxStatus state={vouch.state} />
      <TxStatus state={governance.tx.state} />
    </div>
  );
}

export default withWallet(ApplicantActions);
