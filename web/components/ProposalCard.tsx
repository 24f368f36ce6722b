"use client";
import { useState } from "react";
import { keccak256, toBytes } from "viem";
import { useAccount } from "wagmi";
import { AccountName } from "./common";
import { TxStatus } from "./TxStatus";
import { useAccountInfo, useChainTime, useSubFunds, useVotes } from "@/hooks/data";
import { useTransaction } from "@/hooks/useTransaction";
import { formatCountdown, formatDate, formatSpin, progress } from "@/lib/format";
import { useT } from "@/lib/i18n/context";
import type { MessageKey } from "@/lib/i18n/en";
import { proposalTitle, ProposalState, type Proposal } from "@/lib/model";
import { useSpin } from "@/lib/spin";

const { Pending, Active, Succeeded, Queued } = ProposalState;

export function ProposalCard(props: {
  proposal: Proposal;
  compact?: boolean;
  stateFilter?: number | null;
}) {
  const { proposal } = props;
  const { t, locale } = useT();
  const now = useChainTime().data ?? Math.floor(Date.now() / 1000);
  const funds = useSubFunds().data ?? [];
  const votes = useVotes(proposal.id, !props.compact);
  const { state, quorum } = proposal;
  if (props.stateFilter != null && state !== props.stateFilter) return null;
  const v = proposal.votes;
  const total = v.for + v.against + v.abstain;
  const quorumVotes = v.for + v.abstain;
  const fundName = (id: bigint) => funds.find((f) => BigInt(f.id) === id)?.name ?? `#${id}`;
  const { actions } = proposal;
  return (
    <article
      className="card stack"
      data-testid={`proposal-${proposal.id}`}
      aria-labelledby={`p-${proposal.id}`}
    >
      <h3 id={`p-${proposal.id}`}>
        {proposalTitle(proposal.description) || `#${proposal.id.toString().slice(0, 8)}`}
      </h3>
      <p className="small">
        <span className="state" data-testid="proposal-state">
          {state !== undefined ? t(`proposal.state.${state}` as MessageKey) : t("common.loading")}
        </span>
        {" · "}
        <AccountName address={proposal.proposer} />
      </p>
      <ul className="plain small">
        {actions.map((a, i) => (
          <li key={i}>
            {a.kind === "grant"
              ? t("proposal.grant", {
                  amount: formatSpin(a.amount, locale),
                  fund: fundName(a.subFund),
                  to: a.recipient,
                  memo: a.memo,
                })
              : a.kind === "stream"
                ? t("proposal.stream", {
                    amount: formatSpin(a.amount, locale),
                    fund: fundName(a.subFund),
                    to: a.recipient,
                    start: formatDate(a.start, locale),
                    end: formatDate(a.end, locale),
                    memo: a.memo,
                  })
                : t("proposal.call", { fn: a.fn, contract: a.contract })}
          </li>
        ))}
      </ul>
      <p className="small">
        {t("proposal.for")} {v.for.toString()} · {t("proposal.against")} {v.against.toString()} ·{" "}
        {t("proposal.abstain")} {v.abstain.toString()}
      </p>
      {quorum !== undefined && (
        <div>
          <p className="small muted">
            {t("proposal.quorum", { have: quorumVotes.toString(), need: quorum.toString() })}
          </p>
          <div
            className="bar-track"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={Number(quorum)}
            aria-valuenow={Number(quorumVotes)}
            aria-label={t("proposal.quorum", {
              have: quorumVotes.toString(),
              need: quorum.toString(),
            })}
          >
            <div
              className="bar-fill"
              style={{ width: `${progress(quorumVotes, quorum) * 100}%` }}
            />
          </div>
        </div>
      )}
      {state !== undefined && (
        <>
          <Countdown
            state={state}
            start={proposal.voteStart}
            end={proposal.voteEnd}
            eta={proposal.eta}
            now={now}
          />
          {!props.compact && (
            <ProposalActions
              proposal={proposal}
              state={state}
              etaPassed={proposal.eta > 0 && proposal.eta <= now}
            />
          )}
        </>
      )}
      {!props.compact && total > 0n && votes.data && (
        <details>
          <summary className="small">{t("proposal.votes", { n: votes.data.length })}</summary>
          <ul className="plain small">
            {votes.data.map((vote, i) => (
              <li key={i}>
                <AccountName address={vote.voter} /> —{" "}
                {t(
                  (["proposal.against", "proposal.for", "proposal.abstain"] as const)[
                    vote.support
                  ] ?? "proposal.abstain",
                )}
                {vote.override ? ` (${t("proposal.overrideVote")})` : ""}
                {vote.reason ? `: “${vote.reason}”` : ""}
              </li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}

function Countdown(props: { state: number; start: number; end: number; eta: number; now: number }) {
  const { t } = useT();
  if (props.state === Pending) {
    const time = formatCountdown(props.start, props.now);
    return time ? <p className="small">{t("proposal.startsIn", { time })}</p> : null;
  }
  if (props.state === Active) {
    const time = formatCountdown(props.end, props.now);
    return time ? <p className="small">{t("proposal.endsIn", { time })}</p> : null;
  }
  if (props.state === Queued) {
    const time = formatCountdown(props.eta, props.now);
    return <p className="small">{time ? t("proposal.readyIn", { time }) : t("proposal.ready")}</p>;
  }
  return null;
}

function ProposalActions({
  proposal,
  state,
  etaPassed,
}: {
  proposal: Proposal;
  state: number;
  etaPassed: boolean;
}) {
  const { t } = useT();
  const { contracts } = useSpin();
  const { address } = useAccount();
  const info = useAccountInfo(address);
  const { state: txState, run, busy } = useTransaction();
  const [reason, setReason] = useState("");
  const [override, setOverride] = useState(false);
  const delegate = info.data?.delegate;
  const delegated = Boolean(
    delegate &&
      address &&
      !/^0x0+$/.test(delegate) &&
      delegate.toLowerCase() !== address.toLowerCase(),
  );
  const descriptionHash = keccak256(toBytes(proposal.description));
  const g = contracts.governor;
  const vote = (support: number) =>
    run({
      ...g,
      functionName: override || delegated ? "castOverrideVote" : "castVoteWithReason",
      args: [proposal.id, support, reason],
    });
  const lifecycle = (functionName: "queue" | "execute") =>
    run({
      ...g,
      functionName,
      args: [proposal.targets, proposal.values, proposal.calldatas, descriptionHash],
    });
  // Whether the vote overrides a delegate depends on the account: wait until it is known.
  if (address && state === Active && !info.data)
    return <p className="small muted">{t("common.loading")}</p>;
  return (
    <div className="stack">
      {state === Active && (
        <fieldset className="stack">
          <legend>{t("proposal.vote")}</legend>
          <label>
            {t("proposal.reason")}
            <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={280} />
          </label>
          <label className="inline">
            <input
              type="checkbox"
              checked={override || delegated}
              disabled={delegated}
              onChange={(e) => setOverride(e.target.checked)}
            />
            {t("proposal.override")}
          </label>
          <div className="row">
            <button type="button" className="primary" disabled={busy} onClick={() => void vote(1)}>
              {t("proposal.for")}
            </button>
            <button type="button" disabled={busy} onClick={() => void vote(0)}>
              {t("proposal.against")}
            </button>
            <button type="button" disabled={busy} onClick={() => void vote(2)}>
              {t("proposal.abstain")}
            </button>
          </div>
        </fieldset>
      )}
      {state === Succeeded && (
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void lifecycle("queue")}
        >
          {t("proposal.queue")}
        </button>
      )}
      {state === Queued && (
        <button
          type="button"
          className="primary"
          disabled={busy || !etaPassed}
          onClick={() => void lifecycle("execute")}
        >
          {t("proposal.execute")}
        </button>
      )}
      <TxStatus state={txState} />
    </div>
  );
}
