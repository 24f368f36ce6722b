/**
 * A proposal at its own URL: title, the why, every call decoded with names and amounts, the
 * timeline, the tally with quorum, and every vote with its reason. What concerns the reader's own
 * account (voting power, "you voted", the delegate's vote, voting itself) is the wallet's island.
 */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AccountName } from "@/components/Account";
import { CallList, VoteBar } from "@/components/ProposalParts";
import { Island } from "@/components/wallet/Island";
import { decodeCall } from "@/lib/calls";
import { formatDate } from "@/lib/format";
import { getT } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/en";
import { Markdown } from "@/lib/markdown";
import { proposalTitle, ProposalState, toProposal, toSubFund, toVotes } from "@/lib/model";
import { getAllActivity, getBook, getNames, getProposal, getSubFunds } from "@/lib/server/api";
import { blockTimes, chainNow } from "@/lib/server/chain";

type Params = Promise<{ id: string }>;
const valid = (id: string) => /^(0|[1-9]\d{0,77})$/.test(id);

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  const { t } = await getT();
  const row = valid(id) ? await getProposal(id) : null;
  if (!row) return { title: t("notFound.title") };
  return { title: proposalTitle(row.description), description: t("meta.proposal") };
}

/** The description after its title line: the why, shown to voters. */
function whyOf(description: string): string {
  const lines = description.split("\n");
  const first = lines.findIndex((l) => l.trim() !== "");
  return lines
    .slice(first + 1)
    .join("\n")
    .trim();
}

export default async function ProposalPage({ params }: { params: Params }) {
  const { id } = await params;
  if (!valid(id)) notFound();
  const i18n = await getT();
  const { t, locale } = i18n;
  const [row, names, book, funds, now] = await Promise.all([
    getProposal(id),
    getNames(),
    getBook(),
    getSubFunds(),
    chainNow(),
  ]);
  if (!row || !book) notFound();
  const p = toProposal(row);
  const votes = toVotes(row.votes);
  const why = whyOf(p.description);
  const calls = p.targets.map((target, i) => decodeCall(book, target, p.values[i], p.calldatas[i]));
  const creation = (await getAllActivity("ProposalCreated")).find(
    (e) => String(e.args.proposalId) === id,
  );
  const created = creation
    ? (await blockTimes([creation.block_number])).get(creation.block_number)
    : undefined;
  const state = p.state;
  const steps: { label: string; at?: number; done: boolean }[] = [
    { label: t("timeline.proposed"), at: created, done: true },
    { label: t("timeline.opens"), at: p.voteStart, done: now > p.voteStart },
    { label: t("timeline.closes"), at: p.voteEnd, done: now > p.voteEnd },
  ];
  if (state === ProposalState.Defeated) steps.push({ label: t("proposal.state.3"), done: true });
  if (state === ProposalState.Canceled) steps.push({ label: t("proposal.state.2"), done: true });
  if (state === ProposalState.Succeeded) steps.push({ label: t("proposal.state.4"), done: true });
  if (state === ProposalState.Queued || state === ProposalState.Executed)
    steps.push({ label: t("timeline.executable"), at: p.eta, done: now >= p.eta });
  if (state === ProposalState.Executed) steps.push({ label: t("proposal.state.7"), done: true });
  const support = ["proposal.against", "proposal.for", "proposal.abstain"] as const;
  return (
    <article className="page narrow">
      <p className="muted small">
        <a href="/proposals">{t("proposals.title")}</a>
      </p>
      <h1 data-testid="proposal-title">{proposalTitle(p.description)}</h1>
      <p className="small">
        <span className="state" data-testid="proposal-state">
          {state !== undefined
            ? t(`proposal.state.${state}` as MessageKey)
            : t("proposal.state.ended")}
        </span>{" "}
        · {t("proposal.by")} <AccountName address={p.proposer} names={names} />
      </p>
      <section aria-labelledby="why-h">
        <h2 id="why-h">{t("proposal.why")}</h2>
        {why ? (
          <div data-testid="proposal-why">
            <Markdown source={why} headingOffset={2} options={{ resolveFile: () => "" }} />
          </div>
        ) : (
          <p className="muted">{t("proposal.noWhy")}</p>
        )}
      </section>
      <section aria-labelledby="calls-h">
        <h2 id="calls-h">{t("proposal.calls", { n: calls.length })}</h2>
        <CallList calls={calls} names={names} funds={funds.map(toSubFund)} i18n={i18n} />
      </section>
      <section aria-labelledby="tally-h">
        <h2 id="tally-h">{t("proposal.tallyTitle")}</h2>
        <VoteBar votes={p.votes} quorum={p.quorum} i18n={i18n} />
        <Island
          name="proposalActions"
          props={{
            proposalId: p.id,
            state: state ?? -1,
            voteStart: p.voteStart,
            eta: p.eta,
            targets: p.targets,
            values: p.values,
            calldatas: p.calldatas,
            description: p.description,
            votes: votes.map((v) => ({ voter: v.voter, support: v.support, override: v.override })),
          }}
          fallback={
            state === ProposalState.Active ? (
              <p className="muted">{t("proposal.connectToVote")}</p>
            ) : null
          }
        />
      </section>
      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">{t("proposal.timeline")}</h2>
        <ol className="timeline">
          {steps.map((s) => (
            <li key={s.label} className={s.done ? "done" : undefined}>
              {s.label}
              {s.at ? (
                <>
                  {" "}
                  —{" "}
                  <time dateTime={new Date(s.at * 1000).toISOString()}>
                    {formatDate(s.at, locale, true)}
                  </time>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="votes-h">
        <h2 id="votes-h">{t("proposal.votes", { n: votes.length })}</h2>
        {votes.length === 0 ? (
          <p className="muted">{t("proposal.noVotes")}</p>
        ) : (
          <ul className="plain" data-testid="votes">
            {votes.map((v, i) => (
              <li key={i}>
                <AccountName address={v.voter} names={names} plain /> —{" "}
                {t(support[v.support] ?? "proposal.abstain")}
                {v.override ? ` (${t("proposal.overrideVote")})` : ""}
                {v.reason ? `: “${v.reason}”` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
