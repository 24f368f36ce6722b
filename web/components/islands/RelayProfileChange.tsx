"use client";
/**
 * "Submit the profile change": a member relays an applicant's signed profile change
 * (`updateApplicationBySig`), since the chain takes no transaction from the applicant. Checked
 * before signing from the chain: the member may send transactions, the signature is still valid
 * and unused, and the application can still change. Submitting restarts the application, so the
 * vouches it had are discarded; the member is told so.
 */
import { useQuery } from "@tanstack/react-query";
import type { Hex } from "viem";
import { getBlock, readContract } from "viem/actions";
import { useAccount, useClient } from "wagmi";
import { TxStatus } from "@/components/TxStatus";
import { withWallet } from "@/components/wallet/Scope";
import { useTransaction } from "@/hooks/useTransaction";
import { useContracts } from "@/lib/contracts";
import { useT } from "@/lib/i18n/context";
import type { MessageKey } from "@/lib/i18n/en";
import { changeRefusal, decodeProfileChange } from "@/lib/profile-change";

function RelayProfileChange({ encoded, vouches }: { encoded: string; vouches: number }) {
  const { t } = useT();
  const contracts = useContracts();
  const client = useClient();
  const { address } = useAccount();
  const tx = useTransaction();
  const signed = decodeProfileChange(encoded);
  const view = useQuery({
    queryKey: ["profileChange", encoded, address],
    enabled: Boolean(client && address && signed),
    queryFn: async () => {
      const c = client!;
      const applicant = signed!.change.applicant;
      const [relayerAllowed, application, nonce, block] = await Promise.all([
        readContract(c, { ...contracts.registry, functionName: "isAllowed", args: [address!] }),
        readContract(c, {
          ...contracts.admissions,
          functionName: "applicationOf",
          args: [applicant],
        }),
        readContract(c, { ...contracts.admissions, functionName: "nonces", args: [applicant] }),
        getBlock(c),
      ]);
      return { relayerAllowed, state: application.state, nonce, now: block.timestamp };
    },
  });
  if (!address || !signed) return null;
  if (view.isError)
    return <p className="error">{t("common.error", { message: view.error.message })}</p>;
  if (!view.data) return <p className="muted">{t("common.loading")}</p>;
  const refusal = tx.state.phase === "confirmed" ? null : changeRefusal(signed.change, view.data);
  if (refusal)
    return (
      <p className="muted" data-testid="profile-change-refused">
        {t(`profileChange.refused.${refusal}` as MessageKey)}
      </p>
    );
  return (
    <div className="stack">
      {tx.state.phase !== "confirmed" && (
        <>
          <p className="small">{t("profileChange.relayNote", { n: vouches })}</p>
          <p>
            <button
              type="button"
              className="primary"
              disabled={tx.busy}
              data-testid="relay-profile-change"
              onClick={() =>
                void tx.run({
                  ...contracts.admissions,
                  functionName: "updateApplicationBySig",
                  args: [signed.change, signed.signature as Hex],
                })
              }
            >
              {t("profileChange.relay")}
            </button>
          </p>
        </>
      )}
      <TxStatus state={tx.state} />
    </div>
  );
}

export default withWallet(RelayProfileChange);
