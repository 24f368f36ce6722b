/** Home: what SPIN is, the fund, open proposals, recent works and recent adoptions. */
import Link from "next/link";
import { AccountName } from "@/components/Account";
import { ProposalSummary } from "@/components/ProposalSummary";
import { SubFundCards } from "@/components/SubFundCards";
import { WorkCard } from "@/components/WorkCard";
import type { ServerI18n } from "@/lib/i18n";
import { toProposal, toSubFund, type Action, type Proposal } from "@/lib/model";
import {
  getActivity,
  getNames,
  getProposals,
  getSubFunds,
  getWork,
  getWorks,
} from "@/lib/server/api";
import { chainNow } from "@/lib/server/chain";
import { showWorks } from "@/lib/server/works";
import type { ReadPage, Search } from "./read-page";

const OPEN_STATES: (number | undefined)[] = [0, 1, 4, 5, undefined];

const recipientOf = (a: Action) => (a.kind === "call" ? null : a.recipient);

export const homePage: ReadPage<Search> = {
  meta: async ({ t }) => ({ description: t("meta.home") }),
  View: HomeView,
};

async function HomeView({ i18n }: { i18n: ServerI18n; input: Search }) {
  const { t } = i18n;
  const [funds, proposals, works, adoptions, now] = await Promise.all([
    getSubFunds(),
    getProposals(undefined, 20),
    getWorks({}, 6),
    getActivity("AdoptionDeclared", 8),
    chainNow(),
  ]);
  const open: Proposal[] = proposals.items
    .map(toProposal)
    .filter((p) => OPEN_STATES.includes(p.state))
    .slice(0, 6);
  const fundNames = new Map(funds.map((f) => [f.sub_fund, f.name]));
  const [shown, adoptedWorks, names] = await Promise.all([
    showWorks(works.items),
    Promise.all(adoptions.items.map((a) => getWork(String(a.args.workId)))),
    getNames([
      ...open.flatMap((p) => [p.proposer, ...p.actions.map(recipientOf)]),
      ...works.items.flatMap((w) => w.contributors.map((c) => c.account)),
      ...adoptions.items.map((a) => String(a.args.adopter)),
    ]),
  ]);
  return (
    <div className="page">
      <h1>SPIN</h1>
      <p className="lead">{t("home.lead1")}</p>
      <p className="lead">{t("home.lead2")}</p>
      <h2>{t("home.fund")}</h2>
      {funds.length === 0 ? (
        <p className="muted">{t("common.empty")}</p>
      ) : (
        <SubFundCards funds={funds.map(toSubFund)} now={now} i18n={i18n} />
      )}
      <h2>{t("home.proposals")}</h2>
      {open.length === 0 ? (
        <p className="muted">{t("proposal.noneOpen")}</p>
      ) : (
        <ul className="plain stack">
          {open.map((p) => (
            <li key={p.id.toString()}>
              <ProposalSummary proposal={p} names={names} now={now} i18n={i18n} funds={fundNames} />
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link href="/proposals">{t("fund.proposals")}</Link>
      </p>
      <h2>{t("home.works")}</h2>
      {shown.length === 0 ? (
        <p className="muted">{t("common.empty")}</p>
      ) : (
        <>
          <div className="grid">
            {shown.map((s) => (
              <WorkCard key={s.work.id.toString()} {...s} names={names} i18n={i18n} />
            ))}
          </div>
          <p>
            <Link href="/works">{t("home.allWorks")}</Link>
          </p>
        </>
      )}
      <h2>{t("home.adoptions")}</h2>
      {adoptions.items.length === 0 ? (
        <p className="muted">{t("common.empty")}</p>
      ) : (
        <ul className="plain">
          {adoptions.items.map((a, i) => {
            const work = adoptedWorks[i];
            const id = String(a.args.workId);
            return (
              <li key={`${a.block_number}-${a.log_index}`}>
                <AccountName t={t} address={String(a.args.adopter)} names={names} plain /> →{" "}
                <Link href={`/works/${id}`}>
                  {work?.content?.title ?? t("works.untitled", { id })}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
