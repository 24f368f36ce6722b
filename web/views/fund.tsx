/**
 * The common fund's public accounts: sub-funds, each one's balance over time, and the ledger of
 * every movement with filters, pages and a CSV download. Rendered on the server.
 */
import Link from "next/link";
import { AccountName } from "@/components/Account";
import { BalanceChart } from "@/components/BalanceChart";
import { StreamList } from "@/components/StreamList";
import { SubFundCards } from "@/components/SubFundCards";
import { Island } from "@/components/wallet/Island";
import { formatDate, formatSpin, shortHash } from "@/lib/format";
import type { ServerI18n } from "@/lib/i18n";
import type { MessageKey } from "@/lib/i18n/en";
import { ledgerApiQuery, ledgerQuery, parseLedgerFilters } from "@/lib/ledger-filters";
import { toSubFund } from "@/lib/model";
import { getBalances, getLedger, getNames, getStreams, getSubFunds } from "@/lib/server/api";
import { chainNow } from "@/lib/server/chain";
import type { ReadPage, Search } from "./read-page";

const PAGE_SIZE = 50;

export const fundPage: ReadPage<Search> = {
  meta: async ({ t }) => ({ title: t("fund.title"), description: t("meta.fund") }),
  View: FundView,
};

async function FundView({ i18n, input: search }: { i18n: ServerI18n; input: Search }) {
  const { t, locale } = i18n;
  const filters = parseLedgerFilters(search);
  const cursor = typeof search.cursor === "string" ? search.cursor : undefined;
  const streamCursor = typeof search.streams === "string" ? search.streams : undefined;
  const [fundRows, ledger, now, streams] = await Promise.all([
    getSubFunds(),
    getLedger({ ...ledgerApiQuery(filters), cursor, limit: String(PAGE_SIZE) }),
    chainNow(),
    getStreams(streamCursor),
  ]);
  const funds = fundRows.map(toSubFund);
  const [series, streamNames] = await Promise.all([
    Promise.all(funds.map((f) => getBalances(f.id))),
    getNames(streams.items.map((s) => s.recipient)),
  ]);
  // The streams' pages keep the ledger's filters and page, and the other way round.
  const streamsLink = (at: string | undefined) =>
    `/fund${withParam(ledgerQuery(filters, cursor), "streams", at)}#streams-h`;
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
        {funds.map((f, i) => (
          <BalanceChart
            key={f.id}
            name={f.name}
            points={series[i]}
            locale={locale}
            label={t("fund.historyAlt", { fund: f.name, n: series[i].length })}
          />
        ))}
      </div>
      <StreamList
        page={streams}
        names={streamNames}
        funds={funds}
        next={streams.nextCursor ? streamsLink(streams.nextCursor) : null}
        first={streamCursor ? streamsLink(undefined) : null}
        i18n={i18n}
      />
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
            {t("fund.from")}
            <input type="date" name="from" defaultValue={filters.from ?? ""} />
          </label>
          <label>
            {t("fund.to")}
            <input type="date" name="to" defaultValue={filters.to ?? ""} />
          </label>
          <label>
            {t("fund.counterpartyFilter")}
            <input
              name="counterparty"
              defaultValue={filters.counterparty ?? ""}
              placeholder="0x…"
              className="mono"
              autoComplete="off"
            />
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
          {filters.counterparty && (
            <>
              {t("fund.onlyWith")}{" "}
              <AccountName
                t={t}
                address={filters.counterparty}
                name={ledger.items[0]?.counterpartyName ?? undefined}
                plain
              />{" "}
              ·{" "}
              <Link href={`/fund${ledgerQuery({ ...filters, counterparty: undefined })}#ledger-h`}>
                {t("fund.everyone")}
              </Link>{" "}
              ·{" "}
            </>
          )}
          {t("fund.movements", { n: ledger.items.length })}
          {cursor && (
            <>
              {" "}
              · <Link href={`/fund${ledgerQuery(filters)}#ledger-h`}>{t("common.firstPage")}</Link>
            </>
          )}
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
              {ledger.items.map((e) => (
                <tr key={`${e.blockNumber}-${e.logIndex}`} data-testid="ledger-row">
                  <td>
                    {e.time !== null
                      ? formatDate(e.time, locale, true)
                      : t("fund.block", { n: e.blockNumber })}
                  </td>
                  <td>{e.subFundName}</td>
                  <td>
                    {t(e.direction === "in" ? "fund.in" : "fund.out")} ·{" "}
                    {t(`movement.${e.kind}` as MessageKey)}
                  </td>
                  <td className={`amount ${e.direction}`}>
                    {e.direction === "in" ? "+" : "−"}
                    {formatSpin(BigInt(e.amount), locale)}
                  </td>
                  <td>
                    {e.counterparty ? (
                      <AccountName
                        t={t}
                        address={e.counterparty}
                        name={e.counterpartyName ?? undefined}
                        plain
                      />
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
                  <td className="mono small" title={e.transactionHash}>
                    {shortHash(e.transactionHash)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {ledger.nextCursor && (
          <nav className="row" aria-label={t("common.pages")}>
            <Link href={`/fund${ledgerQuery(filters, ledger.nextCursor)}#ledger-h`} rel="next">
              {t("common.nextPage")}
            </Link>
          </nav>
        )}
      </section>
    </div>
  );
}

/** `query` (a "?a=b" string or "") with `key` set to `value`, or without it. */
function withParam(query: string, key: string, value: string | undefined): string {
  const q = new URLSearchParams(query);
  if (value) q.set(key, value);
  else q.delete(key);
  const text = q.toString();
  return text ? `?${text}` : "";
}
