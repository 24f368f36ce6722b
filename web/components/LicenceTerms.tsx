"use client";
import { readContract } from "viem/actions";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useClient } from "wagmi";
import { formatDate, formatSpin } from "@/lib/format";
import { useT } from "@/lib/i18n/context";
import type { MessageKey } from "@/lib/i18n/en";
import type { Template } from "@/lib/snapshot";
import { useSpin } from "@/lib/spin";

/** A licence template in plain words. */
export function LicenceTerms({ template }: { template: Template }) {
  const { t, locale } = useT();
  const { terms } = template;
  return (
    <div>
      <p>
        <strong>{template.name}</strong>
      </p>
      <ul>
        <li>
          {t(`licence.commercial.${terms.commercialUse}` as MessageKey, {
            fee: formatSpin(terms.fee, locale),
            days: Math.round(terms.term / 86_400),
          })}
        </li>
        <li>
          {t(terms.derivativesAllowed ? "licence.derivatives.true" : "licence.derivatives.false")}
        </li>
        {terms.shareAlike && <li>{t("licence.shareAlike")}</li>}
        {terms.attribution && <li>{t("licence.attribution")}</li>}
      </ul>
    </div>
  );
}

export interface LicenceVerdict {
  allowed: boolean;
  reason: number;
  licenceId: number;
  recordId: bigint;
  validUntil: number;
}

/** Asks the chain: may `account` use work `workId` commercially, and why? */
export function useLicenceStatus(workId: bigint | undefined, account: Address | undefined) {
  const client = useClient();
  const { contracts } = useSpin();
  return useQuery<LicenceVerdict>({
    queryKey: ["licenceStatus", workId?.toString(), account],
    enabled: workId !== undefined && Boolean(account) && Boolean(client),
    queryFn: async () => {
      const s = await readContract(client!, {
        ...contracts.licensing,
        functionName: "licenceStatus",
        args: [workId!, account!],
      });
      return {
        allowed: s.allowed,
        reason: Number(s.reason),
        licenceId: Number(s.licenceId),
        recordId: BigInt(s.recordId),
        validUntil: Number(s.validUntil),
      };
    },
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
