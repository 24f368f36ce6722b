/** Proposals, newest first, filtered by state (a form that works without JavaScript). */
import Link from "next/link";
import { ProposalSummary } from "@/components/ProposalSummary";
import { listQuery } from "@/lib/api/client";
import type { ServerI18n } from "@/lib/i18n";
import type { MessageKey } from "@/lib/i18n/en";
import { toProposal } from "@/lib/model";
import { getNames, getProposals, getSubFunds } from "@/lib/server/api";
import { chainNow } from "@/lib/server/chain";
import type { ReadPage, Search } from "./read-page";

const STATES = [0, 1, 4, 5, 7, 3, 2, 6];

export const proposalsPage: ReadPage<Search> = {
  meta: async ({ t }) => ({ title: t("proposals.title"), description: t("meta.proposals") }),
  View: ProposalsView,
};

async function ProposalsView({ i18n, input: search }: { i18n: ServerI18n; input: Search }) {
  const { t } = i18n;
  const cursor = typeof search.cursor === "string" ? search.cursor : undefined;
  const state =
    typeof search.state === "string" && /^\d$/.test(search.state) ? Number(search.state) : null;
  const [page, now, funds] = await Promise.all([
    getProposals(cursor, 50),
    chainNow(),
    getSubFunds(),
  ]);
  const fundNames = new Map(funds.map((f) => [f.sub_fund, f.name]));
  const shown = page.items.map(toProposal).filter((p) => state === null || p.state === state);
  const names = await getNames(
    shown.flatMap((p) => [
      p.proposer,
      ...p.actions.map((a) => (a.kind === "call" ? null : a.recipient)),
    ]),
  );
  return (
    <div className="page">
      <div className="row">
        <h1>{t("proposals.title")}</h1>
        <p className="row-end">
          <Link href="/proposals/new">{t("propose.title")}</Link>
        </p>
      </div>
      <form className="row filters" method="get" action="/proposals">
        <label>
          {t("fund.filter")}
          <select name="state" defaultValue={state === null ? "" : String(state)}>
            <option value="">{t("fund.all")}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`proposal.state.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t("works.filter")}</button>
      </form>
      {shown.length === 0 ? (
        <p className="muted">{t("proposal.none")}</p>
      ) : (
        <ul className="plain stack" data-testid="proposals">
          {shown.map((p) => (
            <li key={p.id.toString()}>
              <ProposalSummary
                proposal={p}
                names={names}
                now={now}
                i18n={i18n}
                funds={fundNames}
                level={2}
              />
            </li>
          ))}
        </ul>
      )}
      {page.nextCursor && (
        <p>
          <Link
            className="button"
            rel="next"
            href={listQuery("/proposals", {
              state: state === null ? undefined : String(state),
              cursor: page.nextCursor,
            })}
          >
            {t("common.nextPage")}
          </Link>
        </p>
      )}
    </div>
  );
}
