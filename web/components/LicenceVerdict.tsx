"use client";
/** The answer to "may this account use this work commercially, and why?" */
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { formatDate, formatSpin } from "@/lib/format";
import { useT } from "@/lib/i18n/context";
import type { MessageKey } from "@/lib/i18n/en";
import { must } from "@/lib/api/client";
import { browserApi } from "@/lib/api/browser";
import type { Template } from "@/lib/model";

export interface LicenceVerdict {
  allowed: boolean;
  /** Licensing.Reason, as the API's reasonCode. */
  reason: number;
  workId: bigint | null;
  licenceId: number;
  recordId: bigint;
  validUntil: number;
}

/** Asks the API, as Licensing.licenceStatus would: may `account` use the work commercially? */
export async function checkLicence(
  ref: { workId: bigint } | { contentHash: string },
  account: Address,
): Promise<LicenceVerdict> {
  const work =
    "workId" in ref ? { workId: ref.workId.toString() } : { contentHash: ref.contentHash };
  const r = await must(
    browserApi.GET("/licences/check", {
      params: { query: { account: account.toLowerCase(), ...work } },
    }),
  );
  return {
    allowed: r.allowed,
    reason: r.reasonCode,
    workId: r.workId === null ? null : BigInt(r.workId),
    licenceId: r.licenceId,
    recordId: BigInt(r.recordId),
    validUntil: r.validUntil,
  };
}

export function useLicenceStatus(workId: bigint | undefined, account: Address | undefined) {
  return useQuery<LicenceVerdict>({
    queryKey: ["licenceStatus", workId?.toString(), account],
    enabled: workId !== undefined && Boolean(account),
    queryFn: () => checkLicence({ workId: workId! }, account!),
  });
}

export function Verdict({ verdict }: { verdict: LicenceVerdict }) {
  const { t, locale } = useT();
  return (
    <div data-testid="licence-verdict" data-allowed={verdict.allowed}>
      <p className={`verdict ${verdict.allowed ? "allowed" : "denied"}`}>
        {verdict.allowed ? `✓ ${t("licences.allowed")}` : `✗ ${t("licences.notAllowed")}`}
      </p>
      <p>
        {t(`reason.${verdict.reason}` as MessageKey, {
          date: formatDate(verdict.validUntil, locale),
        })}
      </p>
      {verdict.recordId > 0n && (
        <p>
          <a href={`/licences/${verdict.recordId}`}>
            {t("licences.recordLink", { id: verdict.recordId.toString() })}
          </a>
        </p>
      )}
    </div>
  );
}
