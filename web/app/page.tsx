"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { AccountName, Loaded } from "@/components/common";
import { ProposalCard } from "@/components/ProposalCard";
import { SubFundCards } from "@/components/SubFundCards";
import { WorkCard, WorkLink } from "@/components/WorkCard";
import { usePlaces, useProposals, useSubFunds, useTemplates, useWorks } from "@/hooks/data";
import { apiGet } from "@/lib/api";
import { useT } from "@/lib/i18n/context";
import type { Page } from "@/lib/model";

const OPEN_STATES: (number | undefined)[] = [0, 1, 4, 5, undefined];

interface AdoptionEvent {
  block_number: number;
  log_index: number;
  args: { workId: string | number; adopter: string };
}

/** The latest adoptions, from the indexer's activity feed. */
function useRecentAdoptions() {
  return useQuery({
    queryKey: ["activity", "AdoptionDeclared"],
    queryFn: async () =>
      (await apiGet<Page<AdoptionEvent>>("/activity?event=AdoptionDeclared&limit=8")).items,
  });
}

export default function Home() {
  const { t } = useT();
  const proposals = useProposals();
  const works = useWorks({}, 6);
  const templates = useTemplates();
  const funds = useSubFunds();
  const adoptions = useRecentAdoptions();
  const places = usePlaces();
  return (
    <div className="page">
      <h1>SPIN</h1>
      <p className="lead">{t("home.lead1")}</p>
      <p className="lead">{t("home.lead2")}</p>
      <h2>{t("home.fund")}</h2>
      <Loaded query={funds} empty={(f) => f.length === 0}>
        {(f) => <SubFundCards funds={f} />}
      </Loaded>
      <h2>{t("home.proposals")}</h2>
      <Loaded
        query={proposals}
        empty={(list) => !list.some((p) => OPEN_STATES.includes(p.state))}
        emptyText={t("proposal.none")}
      >
        {(list) => (
          <div className="grid">
            {list
              .filter((p) => OPEN_STATES.includes(p.state))
              .slice(0, 6)
              .map((p) => (
                <ProposalCard key={p.id.toString()} proposal={p} compact />
              ))}
          </div>
        )}
      </Loaded>
      <p>
        <Link href="/fund">{t("fund.proposals")}</Link>
      </p>
      <h2>{t("home.works")}</h2>
      <Loaded query={works} empty={(w) => w.length === 0}>
        {(list) => (
          <>
            <div className="grid">
              {list.slice(0, 6).map((w) => (
                <WorkCard key={w.id.toString()} work={w} templates={templates.data ?? []} />
              ))}
            </div>
            <p>
              <Link href="/works">{t("home.allWorks")}</Link>
            </p>
          </>
        )}
      </Loaded>
      <h2>{t("home.adoptions")}</h2>
      <Loaded query={adoptions} empty={(a) => a.length === 0}>
        {(list) => (
          <ul className="plain">
            {list.map((a) => {
              const place = places.data?.find(
                (p) => p.account.toLowerCase() === a.args.adopter.toLowerCase(),
              );
              return (
                <li key={`${a.block_number}-${a.log_index}`}>
                  <AccountName address={a.args.adopter} name={place?.name} /> →{" "}
                  <WorkLink id={BigInt(a.args.workId)} />
                </li>
              );
            })}
          </ul>
        )}
      </Loaded>
    </div>
  );
}
