"use client";
/**
 * "Vouch and submit" for a newcomer's signed application waiting in the API: the member relays
 * it on chain with its first vouch (`applyBySigAndVouch`), paying the gas the newcomer cannot.
 * Offered only to members who may vouch now; otherwise the reason, before anything is signed.
 */
import type { Address, Hex } from "viem";
import { useAccount } from "wagmi";
import { TxStatus } from "@/components/TxStatus";
import { withWallet } from "@/components/wallet/Scope";
import { useAdmission } from "@/hooks/admission";
import { useTransaction } from "@/hooks/useTransaction";
import { ApplicationState, vouchRefusal } from "@/lib/admission";
import type { Schema } from "@/lib/api/client";
import { useContracts } from "@/lib/contracts";
import { formatDate } from "@/lib/format";
import { useT } from "@/lib/i18n/context";
import type { MessageKey } from "@/lib/i18n/en";

function RelayApplication({
  application,
  signature,
}: {
  application: Schema<"RelayableApplication">;
  signature: Hex;
}) {
  const { t, locale } = useT();
  const contracts = useContracts();
  const { address } = useAccount();
  const applicant = application.applicant as Address;
  const view = useAdmission(applicant, address);
  const tx = useTransaction();
  if (!address || !view.data?.voucher) return null;
  const { voucher, now } = view.data;
  // Not on chain yet: judge the vouch against the open application the relay creates.
  const refusal = vouchRefusal(
    applicant,
    { ...view.data.application, state: ApplicationState.Open, windowEnd: Number.MAX_SAFE_INTEGER },
    voucher,
    now,
  );
  if (refusal)
    return (
      <p className="small" role="note" data-testid="relay-refusal">
        {t(`admission.refusal.${refusal.reason}` as MessageKey, {
          date: "from" in refusal ? formatDate(refusal.from, locale, true) : "",
        })}
      </p>
    );
  return (
    <div className="stack">
      <p className="small muted">
        {t("admission.budget", {
          n: voucher.budgetLeft,
          date: formatDate(voucher.nextPeriod, locale),
        })}
      </p>
      <p>
        <button
          type="button"
          className="primary"
          disabled={tx.busy}
          data-testid="relay-vouch"
          onClick={() =>
            void tx.run({
              ...contracts.admissions,
              functionName: "applyBySigAndVouch",
              args: [
                {
                  applicant,
                  kind: application.kind,
                  profileURI: application.profileURI,
                  profileHash: application.profileHash as Hex,
                  place: {
                    name: application.place.name,
                    latitudeE6: application.place.latitudeE6,
                    longitudeE6: application.place.longitudeE6,
                    country: application.place.country as Hex,
                    machines: application.place.machines,
                  },
                  nonce: BigInt(application.nonce),
                  deadline: BigInt(application.deadline),
                },
                signature,
              ],
            })
          }
        >
          {t("admission.relay")}
        </button>
      </p>
      <TxStatus state={tx.state} />
    </div>
  );
}

export default withWallet(RelayApplication);
