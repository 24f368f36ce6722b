"use client";
import { readContract } from "viem/actions";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useClient } from "wagmi";
import { AccountName, Loaded } from "@/components/common";
import { decodeFailure } from "@/lib/errors";
import { formatDate, formatSpin } from "@/lib/format";
import { useT } from "@/lib/i18n/context";
import { useSpin } from "@/lib/spin";

/** A licence record at a shareable URL, read from the chain so anyone can verify it. */
export default function LicenceRecordPage() {
  const { t, locale } = useT();
  const { id } = useParams<{ id: string }>();
  const client = useClient();
  const { contracts } = useSpin();
  const valid = /^\d+$/.test(id);
  const record = useQuery({
    queryKey: ["record", id],
    enabled: valid && Boolean(client),
    queryFn: async () => {
      try {
        return await readContract(client!, {
          ...contracts.licensing,
          functionName: "recordOf",
          args: [BigInt(id)],
        });
      } catch (error) {
        const failure = decodeFailure(error);
        if (failure.kind === "contract" && failure.name === "LicensingUnknownRecord") return null;
        throw error;
      }
    },
  });
  return (
    <div className="page narrow">
      <h1>{t("licences.record", { id })}</h1>
      {!valid ? (
        <p className="error">{t("licences.unknownRecord", { id })}</p>
      ) : (
        <Loaded query={record}>
          {(r) =>
            r === null ? (
              <p className="error">{t("licences.unknownRecord", { id })}</p>
            ) : (
              <div className="card" data-testid="licence-record">
                <p className="muted small">✓ {t("licences.verified")}</p>
                <dl className="facts">
                  <dt>{t("licences.licensee")}</dt>
                  <dd>
                    <AccountName address={r.licensee} />
                  </dd>
                  <dt>{t("licences.workField")}</dt>
                  <dd>
                    <Link href={`/works/${r.workId}`}>#{r.workId.toString()}</Link>
                  </dd>
                  <dt>{t("licences.version")}</dt>
                  <dd>{r.version}</dd>
                  <dt>{t("licences.kindField")}</dt>
                  <dd>{r.commonsUse ? t("licences.commonsUse") : t("licences.paidLicence")}</dd>
                  <dt>{t("licences.start")}</dt>
                  <dd>{formatDate(r.start, locale, true)}</dd>
                  <dt>{t("licences.expiry")}</dt>
                  <dd>{r.expiry > 0 ? formatDate(r.expiry, locale, true) : "—"}</dd>
                  <dt>{t("licences.paid")}</dt>
                  <dd>{formatSpin(r.pricePaid, locale)} SPIN</dd>
                  {r.revoked && (
                    <>
                      <dt>{t("licences.revoked")}</dt>
                      <dd className="error">{t("common.yes")}</dd>
                    </>
                  )}
                </dl>
              </div>
            )
          }
        </Loaded>
      )}
    </div>
  );
}
