/** A licence record at a shareable URL, read from the chain on the server so anyone can verify it. */
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccountName } from "@/components/Account";
import { formatDate, formatSpin } from "@/lib/format";
import { getT } from "@/lib/i18n/server";
import { getNames, getWork } from "@/lib/server/api";
import { readLicenceRecord } from "@/lib/server/chain-records";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  const { t } = await getT();
  return { title: t("licences.record", { id }), description: t("meta.record") };
}

export default async function LicenceRecordPage({ params }: { params: Params }) {
  const { id } = await params;
  if (!/^\d{1,15}$/.test(id)) notFound();
  const { t, locale } = await getT();
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
            <AccountName address={r.licensee} names={names} />
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
