/**
 * Licences: the templates in plain words with their fee split, and the licence check (may this
 * account use this work commercially, and why?), answered on the server so it works without
 * JavaScript. An enterprise that must pay is offered the purchase (the wallet's island).
 */
import Link from "next/link";
import { isAddress } from "viem";
import { LicenceTerms } from "@/components/LicenceTerms";
import { FeeSplit } from "@/components/work/Parts";
import { Island } from "@/components/wallet/Island";
import { formatDate } from "@/lib/format";
import type { ServerI18n } from "@/lib/i18n";
import type { MessageKey } from "@/lib/i18n/en";
import { toSubFund } from "@/lib/model";
import { findByName } from "@/lib/names";
import { ApiError, type Schema } from "@/lib/api/client";
import { checkLicence, getParticipantNames, getSubFunds } from "@/lib/server/api";
import { templatesById } from "@/lib/server/works";
import { parseWorkRef } from "@/lib/work-ref";
import { one, type ReadPage, type Search } from "./read-page";

export const licencesPage: ReadPage<Search> = {
  meta: async ({ t }, search) => {
    const record = one(search.record) ?? "";
    if (/^\d{1,15}$/.test(record)) return { redirect: `/licences/${record}` };
    return { title: t("licences.title"), description: t("meta.licences") };
  },
  View: LicencesView,
};

async function LicencesView({ i18n, input: search }: { i18n: ServerI18n; input: Search }) {
  const { t, locale } = i18n;
  const work = one(search.work) ?? "";
  const accountText = one(search.account) ?? "";
  const [templates, funds] = await Promise.all([templatesById(), getSubFunds()]);
  let problem: string | null = null;
  let verdict: Schema<"LicenceStatus"> | null = null;
  let account: string | null = null;
  if (work && accountText) {
    const ref = parseWorkRef(work);
    const byName = isAddress(accountText)
      ? []
      : findByName(await getParticipantNames(), accountText);
    account = isAddress(accountText) ? accountText : byName.length === 1 ? byName[0].address : null;
    if (!ref) problem = t("licences.badWork");
    else if (!account) problem = t("licences.badAccount");
    else {
      try {
        verdict = await checkLicence(
          account,
          ref.kind === "id" ? { workId: ref.id.toString() } : { contentHash: ref.hash },
        );
      } catch (error) {
        // The API refuses a work id or account out of range with a 400 naming the field.
        if (!(error instanceof ApiError) || error.status !== 400) throw error;
        problem = error.field?.includes("account")
          ? t("licences.badAccount")
          : t("licences.badWork");
      }
    }
  }
  const template = verdict ? templates.get(verdict.licenceId) : undefined;
  return (
    <div className="page narrow">
      <h1>{t("licences.title")}</h1>
      <section aria-labelledby="check-h" className="card stack">
        <h2 id="check-h">{t("licences.check")}</h2>
        <form className="stack" method="get" action="/licences">
          <label>
            {t("licences.work")}
            <input defaultValue={work} name="work" required />
          </label>
          <label>
            {t("licences.account")}
            <input defaultValue={accountText} name="account" required autoComplete="off" />
          </label>
          <button type="submit" className="primary" data-testid="check">
            {t("licences.checkButton")}
          </button>
        </form>
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        {verdict && (
          <div data-testid="licence-verdict" data-allowed={verdict.allowed}>
            <p className={`verdict ${verdict.allowed ? "allowed" : "denied"}`}>
              {verdict.allowed ? `✓ ${t("licences.allowed")}` : `✗ ${t("licences.notAllowed")}`}
            </p>
            <p>
              {t(`reason.${verdict.reasonCode}` as MessageKey, {
                date: formatDate(verdict.validUntil, locale),
              })}
            </p>
            {verdict.recordId > 0 && (
              <p>
                <Link href={`/licences/${verdict.recordId}`}>
                  {t("licences.recordLink", { id: verdict.recordId })}
                </Link>
              </p>
            )}
            {template && <LicenceTerms template={template} t={t} locale={locale} />}
            {verdict.workId !== null && (
              <p>
                <Link href={`/works/${verdict.workId}`}>
                  {t("works.ref", { id: verdict.workId })}
                </Link>
              </p>
            )}
          </div>
        )}
      </section>
      {verdict &&
        verdict.workId !== null &&
        account &&
        !verdict.allowed &&
        [7, 8].includes(verdict.reasonCode) && (
          <Island name="buyLicence" props={{ workId: BigInt(verdict.workId), account }} />
        )}
      <section aria-labelledby="record-h" className="card stack">
        <h2 id="record-h">{t("licences.findRecord")}</h2>
        <form className="row" method="get" action="/licences">
          <label>
            {t("licences.recordId")}
            <input name="record" inputMode="numeric" pattern="[0-9]+" />
          </label>
          <button type="submit">{t("licences.open")}</button>
        </form>
      </section>
      <section aria-labelledby="templates-h">
        <h2 id="templates-h">{t("licences.templates")}</h2>
        <div className="grid">
          {[...templates.values()].map((tpl) => (
            <section key={tpl.id} className="card">
              <LicenceTerms template={tpl} t={t} locale={locale} />
              <FeeSplit template={tpl} funds={funds.map(toSubFund)} i18n={i18n} />
            </section>
          ))}
        </div>
      </section>
    </div>
  );
}
