"use client";
/** "Propose to suspend": offered only to members who may propose, never for themselves. */
import type { Address } from "viem";
import { useAccount } from "wagmi";
import { TxStatus } from "@/components/TxStatus";
import { withWallet } from "@/components/wallet/Scope";
import { useAccountInfo } from "@/hooks/data";
import { useRegistryProposal } from "@/lib/governance";
import { canPropose } from "@/lib/guards";
import { useT } from "@/lib/i18n/context";

function SuspendButton({ account, name }: { account: Address; name: string }) {
  const { t } = useT();
  const { address } = useAccount();
  const info = useAccountInfo(address);
  const governance = useRegistryProposal();
  if (!address || !info.data || canPropose(info.data) !== "ok") return null;
  if (address.toLowerCase() === account.toLowerCase()) return null;
  const reason = t("members.suspendReason", { who: name });
  return (
    <>
      <button
        type="button"
        disabled={governance.tx.busy}
        onClick={() => governance.propose({ fn: "suspend", account, reason }, reason)}
      >
        {t("members.proposeSuspend")}
      </button>
      <TxStatus state={governance.tx.state} />
    </>
  );
}

export default withWallet(SuspendButton);
