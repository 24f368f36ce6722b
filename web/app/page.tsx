"use client";
import Link from "next/link";
import { AccountName, Loaded } from "@/components/common";
import { ProposalCard } from "@/components/ProposalCard";
import { SubFundCards } from "@/components/SubFundCards";
import { WorkCard } from "@/components/WorkCard";
import { useBundles, useSnapshot, useSubFunds } from "@/hooks/data";
import { useT } from "@/lib/i18n/context";

export default function Home() {
  const { t } = useT();
  const snapshot = useSnapshot();
  const bundles = useBundles();
  const funds = useSubFunds();
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
      <Loaded query={snapshot}>
        {(s) => {
          const open = s.proposals.slice(0, 6);
          return open.length === 0 ? (
            <p className="muted">{t("proposal.none")}</p>
          ) : (
            <div className="grid">
              {open.map((p) => (
                <ProposalCard key={p.id.toString()} proposal={p} compact onlyOpen />
              ))}
            </div>
          );
        }}
      </Loaded>
      <p>
        <Link href="/fund">{t("fund.proposals")}</Link>
      </p>
      <h2>{t("home.works")}</h2>
      <Loaded query={snapshot} empty={(s) => s.works.length === 0}>
        {(s) => (
          <>
            <div className="grid">
              {s.works.slice(0, 6).map((w) => (
                <WorkCard
                  key={w.id.toString()}
                  work={w}
                  bundle={bundles.data?.get(w.contentHash.toLowerCase())}
                  templates={s.templates}
                />
              ))}
            </div>
            <p>
              <Link href="/works">{t("home.allWorks")}</Link>
            </p>
          </>
        )}
      </Loaded>
      <h2>{t("home.adoptions")}</h2>
      <Loaded query={snapshot} empty={(s) => s.adoptions.length === 0}>
        {(s) => (
          <ul className="plain">
            {s.adoptions.slice(0, 8).map((a) => {
              const place = s.places.find(
                (p) => p.account.toLowerCase() === a.adopter.toLowerCase(),
              );
              const work = s.works.find((w) => w.id === a.workId);
              const title = work
                ? bundles.data?.get(work.contentHash.toLowerCase())?.title
                : undefined;
              return (
                <li key={`${a.workId}-${a.adopter}`}>
                  <AccountName address={a.adopter} name={place?.name} /> →{" "}
                  <Link href={`/works/${a.workId}`}>
                    {title ?? t("works.untitled", { id: a.workId.toString() })}
                  </Link>
                </li>
              );
            })}
          </ul>
        )}
      </Loaded>
    </div>
  );
}
