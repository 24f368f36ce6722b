"use client";
/**
 * One application on the Members page, as the connected wallet can act on it: vouch (naming the
 * profile it read) when the rules allow, or the plain reason why not, before anything is signed;
 * the scheduled date and "Complete admission" once it is due; a proposal to reject it while
 * governance still may.
 */
import type { Address } from "viem";
import { useAccount } from "wagmi";
import { TxStatus } from "@/components/TxStatus";
import { withWallet } from "@/components/wallet/Scope";
import { useAdmission } from "@/hooks/admission";
import { useAccountInfo } from "@/hooks/data";
import { useTransaction } from "@/hooks/useTransaction";
import { ApplicationState, mayComplete, mayReject, vouchRefusal } from "@/lib/admission";
import { useContracts } from "@/lib/contracts";
import { formatDate } from "@/lib/format";
import { useRegistryProposal } from "@/lib/governance";
import { canPropose } from "@/lib/guards";
import { useT } from "@/lib/i18n/context";
import type { MessageKey } from "@/lib/i18n/en";

function ApplicantActions({
  applicant,
  profileURI,
  name,
}: {
  applicant: Address;
  profileURI: string | null;
  name?: string;
}) {
  const { t, locale } = useT();
  const contracts = useContracts();
  const { address } = useAccount();
  const info = useAccountInfo(address);
  const view = useAdmission(applicant, address);
  const vouch = useTransaction();
  const complete = useTransaction();
  const governance = useRegistryProposal();
  if (!view.data) return null;
  const { application, voucher, now } = view.data;
  const self = address?.toLowerCase() === applicant.toLowerCase();
  const due = mayComplete(application, now);
  const refusal = voucher ? vouchRefusal(applicant, application, voucher, now) : null;
  const who = name ?? applicant;
  return (
    <div className="stack" data-testid="applicant-actions">
      {application.state === ApplicationState.Scheduled && !due && (
        <p className="small" data-testid="admission-scheduled">
          {t("admission.scheduled", { date: formatDate(application.admissibleAt, locale, true) })}
        </p>
      )}
      {self && application.state === ApplicationState.Open && (
        <p className="small" data-testid="my-status">
          {t("members.waiting")}
        </p>
      )}
      {voucher && application.state === ApplicationState.Open && !self && (
        <p className="small muted" data-testid="vouch-budget">
          {t("admission.budget", {
            n: voucher.budgetLeft,
            date: formatDate(voucher.nextPeriod, locale),
          })}
        </p>
      )}
      {voucher && application.state === ApplicationState.Open && refusal && !self && (
        <p className="small" role="note" data-testid="vouch-refusal">
          {t(`admission.refusal.${refusal.reason}` as MessageKey, {
            date:
              "from" in refusal
                ? formatDate(refusal.from, locale, true)
                : "at" in refusal
                  ? formatDate(refusal.at, locale, true)
                  : "",
          })}
        </p>
      )}
      <div className="row">
        {voucher && !refusal && (
          <button
            type="button"
            className="primary"
            disabled={vouch.busy}
            onClick={() =>
              void vouch.run({
                ...contracts.admissions,
                functionName: "vouch",
                args: [applicant, application.profileHash],
              })
            }
          >
            {t("members.vouch")}
          </button>
        )}
        {due && address && profileURI && (
          <button
            type="button"
            className="primary"
            disabled={complete.busy}
            data-testid="complete-admission"
            onClick={() =>
              void complete.run({
                ...contracts.admissions,
                functionName: "completeAdmission",
                args: [applicant, profileURI],
              })
            }
          >
            {t("admission.complete")}
          </button>
        )}
        {address &&
          !self &&
          info.data &&
          canPropose(info.data) === "ok" &&
          mayReject(application) && (
            <button
              type="button"
              disabled={governance.tx.busy}
              onClick={() => {
                const reason = t("admission.rejectReason", { who });
                governance.propose({ fn: "rejectApplication", account: applicant, reason }, reason);
              }}
            >
              {t("admission.proposeReject")}
            </button>
          )}
      </div>
      <TxStatus state={vouch.state} />
      <TxStatus state={complete.state} />
      <TxStatus state={governance.tx.state} />
    </div>
  );
}

export default withWallet(ApplicantActions);
