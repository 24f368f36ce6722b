/**
 * A proposal at its own URL, as the API's proposal page gives it: title, the why, every call
 * decoded with names and amounts, the timeline, the tally with quorum, and every vote with its
 * reason. What concerns the reader's own account (voting power, "you voted", the delegate's
 * vote, voting itself) is the wallet's island.
 */
import { notFound } from "next/navigation";
import type { Address, Hex } from "viem";
import { AccountName } from "@/components/Account";
import { CallList, VoteBar } from "@/components/ProposalParts";
import { Island } from "@/components/wallet/Island";
import { formatDate } from "@/lib/format";
import type { ServerI18n } from "@/lib/i18n";
import type { MessageKey } from "@/lib/i18n/en";
import { Markdown } from "@/lib/markdown";
import { ProposalState, stateOf, toSubFund } from "@/lib/model";
import { getProposal, getSubFunds } from "@/lib/server/api";
import { chainNow } from "@/lib/server/chain";
import type { ReadPage } from "./read-page";

const valid = (id: string) => /^(0|[1-9]\d{0,77})$/.test(id);

/** The timeline's events in words (the governor's states where they match). */
const eventLabels: Record<string, MessageKey> = {
  created: "timeline.proposed",
  votingStarts: "timeline.opens",
  votingEnds: "timeline.closes",
  extended: "timeline.extended",
  succeeded: "proposal.state.4",
  defeated: "proposal.state.3",
  queued: "proposal.state.5",
  executed: "proposal.state.7",
  canceled: "proposal.state.2",
};

const support = ["proposal.against", "proposal.for", "proposal.abstain"] as const;

export const proposalPage: ReadPage<string> = {
  meta: async ({ t }, id) => {
    const p = valid(id) ? await getProposal(id) : null;
    return p ? { title: p.title, description: t("meta.proposal") } : { notFound: true };
  },
  View: ProposalView,
};

async function ProposalView({ i18n, input: id }: { i18n: ServerI18n; input: string }) {
  const { t, locale } = i18n;
  const [p, funds, now] = await Promise.all([getProposal(id), getSubFunds(), chainNow()]);
  if (!p) notFound();
  const state = stateOf(p.phase);
  const votes = p.votes.filter((v) => v.kind !== "reduced");
  const quorum = p.tally.quorum === null ? undefined : BigInt(p.tally.quorum);
  const steps = p.timeline.map((e) => ({
    label: t(eventLabels[e.event] ?? "timeline.proposed"),
    at: e.time,
    done: e.time === null || e.time <= now,
  }));
  if (state === ProposalState.Queued && p.eta)
    steps.push({ label: t("timeline.executable"), at: p.eta, done: now >= p.eta });
  return (
    <article className="page narrow">
      <p className="muted small">
        <a href="/proposals">{t("proposals.title")}</a>
      </p>
      <h1 data-testid="proposal-title">
        {p.title || t("proposal.untitled", { id: id.slice(0, 8) })}
      </h1>
      <p className="small">
        <span className="state" data-testid="proposal-state">
          {state !== undefined
            ? t(`proposal.state.${state}` as MessageKey)
            : t("proposal.state.ended")}
        </span>{" "}
        · {t("proposal.by")}{" "}
        <AccountName t={t} address={p.proposer} name={p.proposerName ?? undefined} />
      </p>
      <section aria-labelledby="why-h">
        <h2 id="why-h">{t("proposal.why")}</h2>
        {p.body ? (
          <div data-testid="proposal-why">
            <Markdown source={p.body} headingOffset={2} options={{ resolveFile: () => "" }} />
          </div>
        ) : (
          <p className="muted">{t("proposal.noWhy")}</p>
        )}
      </section>
      <section aria-labelledby="calls-h">
        <h2 id="calls-h">{t("proposal.calls", { n: p.calls.length })}</h2>
        <CallList calls={p.calls} funds={funds.map(toSubFund)} i18n={i18n} />
      </section>
      <section aria-labelledby="tally-h">
        <h2 id="tally-h">{t("proposal.tallyTitle")}</h2>
        <VoteBar
          votes={{
            for: BigInt(p.tally.for),
            against: BigInt(p.tally.against),
            abstain: BigInt(p.tally.abstain),
          }}
          quorum={quorum}
          i18n={i18n}
        />
        <Island
          name="proposalActions"
          props={{
            proposalId: BigInt(p.proposal_id),
            state: state ?? -1,
            eta: p.eta ?? 0,
            targets: p.calls.map((c) => c.target as Address),
            values: p.calls.map((c) => BigInt(c.value)),
            calldatas: p.calls.map((c) => c.calldata as Hex),
            description: p.description,
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
          {steps.map((s, i) => (
            <li key={i} className={s.done ? "done" : undefined}>
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
            {votes.map((v) => (
              <li key={`${v.block_number}-${v.log_index}`}>
                <AccountName t={t} address={v.voter} name={v.name ?? undefined} plain /> —{" "}
                {t(support[v.support] ?? "proposal.abstain")}
                {v.kind === "override" ? ` (${t("proposal.overrideVote")})` : ""}
                {v.reason ? `: “${v.reason}”` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
