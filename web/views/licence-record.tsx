/** A licence record at a shareable URL, read from the chain on the server so anyone can verify it. */
import Link from "next/link";
import { AccountName } from "@/components/Account";
import { formatDate, formatSpin } from "@/lib/format";
import type { ServerI18n } from "@/lib/i18n";
import { getNames, getWork } from "@/lib/server/api";
import { readLicenceRecord } from "@/lib/server/chain-records";
import type { ReadPage } from "./read-page";

export const licenceRecordPage: ReadPage<string> = {
  meta: async ({ t }, id) =>
    /^\d{1,15}$/.test(id)
      ? { title: t("licences.record", { id }), description: t("meta.record") }
      : { notFound: true },
  View: LicenceRecordView,
};

async function LicenceRecordView({ i18n, input: id }: { i18n: ServerI18n; input: string }) {
  const { t, locale } = i18n;
  const r = await readLicenceRecord(BigInt(id));
  if (!r) {
    return (
      <div className="page narrow">
        <h1>{t("licences.record", { id })}</h1>
        <p className="error">{t("licences.unknownRecord", { id })}</p>
      </div>
    );
  }
  const [work, names] = await Promise.all([getWork(r.workId.toString()), getNames([r.licensee])]);
  return (
    <div className="page narrow">
      <h1>{t("licences.record", { id })}</h1>
      <div className="card" data-testid="licence-record">
        <p className="muted small">✓ {t("licences.verified")}</p>
        <dl className="facts">
          <dt>{t("licences.licensee")}</dt>
          <dd>
            <AccountName t={t} address={r.licensee} names={names} />
          </dd>
          <dt>{t("licences.workField")}</dt>
          <dd>
            <Link href={`/works/${r.workId}`}>
              {work?.content?.title ?? t("works.untitled", { id: r.workId.toString() })}
            </Link>
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
    </div>
  );
}
