/**
 * The common fund's public accounts: sub-funds, each one's balance over time, and the ledger of
 * every movement with filters, pages and a CSV download. Rendered on the server.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { AccountName } from "@/components/Account";
import { BalanceChart } from "@/components/BalanceChart";
import { SubFundCards } from "@/components/SubFundCards";
import { Island } from "@/components/wallet/Island";
import { formatDate, formatSpin, shortHash } from "@/lib/format";
import { getT } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/en";
import { balanceSeries, filterLedger } from "@/lib/ledger";
import { LEDGER_KINDS, ledgerQuery, parseLedgerFilters } from "@/lib/ledger-filters";
import { toSubFund } from "@/lib/model";
import { getNames, getSubFunds } from "@/lib/server/api";
import { chainNow } from "@/lib/server/chain";
import { getLedger } from "@/lib/server/ledger";

const PAGE_SIZE = 50;

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("fund.title"), description: t("meta.fund") };
}

type Search = Record<string, string | string[] | undefined>;

export default async function FundPage({ searchParams }: { searchParams: Promise<Search> }) {
  const i18n = await getT();
  const { t, locale } = i18n;
  const search = await searchParams;
  const filters = parseLedgerFilters(search);
  const pageText = typeof search.page === "string" ? search.page : "1";
  const page = /^\d{1,6}$/.test(pageText) ? Math.max(1, Number(pageText)) : 1;
  const [fundRows, entries, names, now] = await Promise.all([
    getSubFunds(),
    getLedger(),
    getNames(),
    chainNow(),
  ]);
  const funds = fundRows.map(toSubFund);
  const fundName = (id: number) => funds.find((f) => f.id === id)?.name ?? `#${id}`;
  const filtered = filterLedger(entries, filters);
  const pages = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
  const shown = filtered.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return (
    <div className="page">
      <h1>{t("fund.title")}</h1>
      <p className="row">
        <Link href="/proposals">{t("proposals.title")}</Link>
        <Link href="/proposals/new">{t("propose.title")}</Link>
      </p>
      <h2>{t("fund.subFunds")}</h2>
      <SubFundCards funds={funds} now={now} i18n={i18n} />
      <Island name="delegation" props={{}} />
      <h2>{t("fund.history")}</h2>
      <div className="grid">
        {funds.map((f) => {
          const points = balanceSeries(
            f.balance,
            entries.filter((e) => e.subFund === f.id),
          );
          return (
            <BalanceChart
              key={f.id}
              name={f.name}
              points={points}
              locale={locale}
              label={t("fund.historyAlt", { fund: f.name, n: points.length })}
            />
          );
        })}
      </div>
      <section aria-labelledby="ledger-h">
        <h2 id="ledger-h">{t("fund.ledger")}</h2>
        <form className="row filters" method="get" action="/fund">
          <label>
            {t("propose.subFund")}
            <select
              name="subFund"
              defaultValue={filters.subFund === undefined ? "" : String(filters.subFund)}
            >
              <option value="">{t("fund.all")}</option>
              {funds.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("fund.direction")}
            <select name="direction" defaultValue={filters.direction ?? ""}>
              <option value="">{t("fund.all")}</option>
              <option value="in">{t("fund.in")}</option>
              <option value="out">{t("fund.out")}</option>
            </select>
          </label>
          <label>
            {t("fund.kind")}
            <select name="kind" defaultValue={filters.kind ?? ""}>
              <option value="">{t("fund.all")}</option>
              {LEDGER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`movement.${k}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t("works.filter")}</button>
          <a
            className="button"
            href={`/fund/ledger.csv${ledgerQuery(filters)}`}
            download
            data-testid="ledger-csv"
          >
            {t("fund.csv")}
          </a>
        </form>
        <p className="muted small" role="status">
          {t("fund.movements", { n: filtered.length })}
        </p>
        <div className="scroll">
          <table data-testid="ledger">
            <thead>
              <tr>
                <th scope="col">{t("fund.date")}</th>
                <th scope="col">{t("propose.subFund")}</th>
                <th scope="col">{t("fund.direction")}</th>
                <th scope="col">{t("fund.amount")}</th>
                <th scope="col">{t("fund.counterparty")}</th>
                <th scope="col">{t("fund.memo")}</th>
                <th scope="col">{t("fund.proposal")}</th>
                <th scope="col">{t("fund.transaction")}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr key={`${e.block}-${e.logIndex}`} data-testid="ledger-row">
                  <td>
                    {e.time ? formatDate(e.time, locale, true) : t("fund.block", { n: e.block })}
                  </td>
                  <td>{fundName(e.subFund)}</td>
                  <td>
                    {t(e.direction === "in" ? "fund.in" : "fund.out")} ·{" "}
                    {t(`movement.${e.kind}` as MessageKey)}
                  </td>
                  <td className={`amount ${e.direction}`}>
                    {e.direction === "in" ? "+" : "−"}
                    {formatSpin(e.amount, locale)}
                  </td>
                  <td>
                    {e.counterparty ? (
                      <AccountName address={e.counterparty} names={names} plain />
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>{e.memo}</td>
                  <td>
                    {e.proposalId ? (
                      <Link href={`/proposals/${e.proposalId}`}>{t("fund.proposalLink")}</Link>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className="mono small" title={e.transaction}>
                    {shortHash(e.transaction)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {pages > 1 && (
          <nav className="row" aria-label={t("common.pages")}>
            {page > 1 && (
              <Link href={`/fund${ledgerQuery(filters, page - 1)}#ledger-h`} rel="prev">
                {t("common.previousPage")}
              </Link>
            )}
            <span className="small muted">{t("common.pageOf", { page, pages })}</span>
            {page < pages && (
              <Link href={`/fund${ledgerQuery(filters, page + 1)}#ledger-h`} rel="next">
                {t("common.nextPage")}
              </Link>
            )}
          </nav>
        )}
      </section>
    </div>
  );
}
