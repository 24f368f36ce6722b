"use client";
import { useState } from "react";
import { keccak256, toBytes } from "viem";
import { useAccount } from "wagmi";
import { AccountName } from "./common";
import { TxStatus } from "./TxStatus";
import { useChainTime, useProposalLive, useSnapshot, useSubFunds } from "@/hooks/data";
import { useTransaction } from "@/hooks/useTransaction";
import { formatCountdown, formatDate, formatSpin, progress } from "@/lib/format";
import { useT } from "@/lib/i18n/context";
import type { MessageKey } from "@/lib/i18n/en";
import { decodeAction, proposalTitle } from "@/lib/proposal-actions";
import type { Proposal } from "@/lib/snapshot";
import { useSpin } from "@/lib/spin";

const ACTIVE = 1;
const SUCCEEDED = 4;
const QUEUED = 5;
const OPEN_STATES = [0, 1, 4, 5];

export function ProposalCard(props: {
  proposal: Proposal;
  compact?: boolean;
  onlyOpen?: boolean;
  stateFilter?: number | null;
}) {
  const { proposal } = props;
  const { t, locale } = useT();
  const { book } = useSpin();
  const live = useProposalLive(proposal);
  const now = useChainTime().data ?? Math.floor(Date.now() / 1000);
  const funds = useSubFunds().data ?? [];
  const s = live.data;
  if (s && props.onlyOpen && !OPEN_STATES.includes(s.state)) return null;
  if (s && props.stateFilter != null && s.state !== props.stateFilter) return null;
  const total = s ? s.for + s.against + s.abstain : 0n;
  const quorumVotes = s ? s.for + s.abstain : 0n;
  const fundName = (id: bigint) => funds.find((f) => BigInt(f.id) === id)?.name ?? `#${id}`;
  const actions = proposal.targets.map((target, i) =>
    decodeAction(book, target, proposal.calldatas[i]),
  );
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
          {s ? t(`proposal.state.${s.state}` as MessageKey) : t("common.loading")}
        </span>
        {" · "}
        <AccountName address={proposal.proposer} />
      </p>
      {live.isError && (
        <p className="error">{t("common.error", { message: live.error.message })}</p>
      )}
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
      {s && (
        <>
          <p className="small">
            {t("proposal.for")} {s.for.toString()} · {t("proposal.against")} {s.against.toString()}{" "}
            · {t("proposal.abstain")} {s.abstain.toString()}
          </p>
          <div>
            <p className="small muted">
              {t("proposal.quorum", { have: quorumVotes.toString(), need: s.quorum.toString() })}
            </p>
            <div
              className="bar-track"
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={Number(s.quorum)}
              aria-valuenow={Number(quorumVotes)}
              aria-label={t("proposal.quorum", {
                have: quorumVotes.toString(),
                need: s.quorum.toString(),
              })}
            >
              <div
                className="bar-fill"
                style={{ width: `${progress(quorumVotes, s.quorum) * 100}%` }}
              />
            </div>
          </div>
          <Countdown
            state={s.state}
            start={Number(proposal.voteStart)}
            end={Number(proposal.voteEnd)}
            eta={Number(s.eta)}
            now={now}
          />
          {!props.compact && (
            <ProposalActions
              proposal={proposal}
              state={s.state}
              etaPassed={Number(s.eta) > 0 && Number(s.eta) <= now}
            />
          )}
          {!props.compact && total > 0n && (
            <details>
              <summary className="small">{proposal.voters.length} votes</summary>
              <ul className="plain small">
                {proposal.voters.map((v, i) => (
                  <li key={i}>
                    <AccountName address={v.voter} /> —{" "}
                    {t(
                      (["proposal.against", "proposal.for", "proposal.abstain"] as const)[
                        v.support
                      ] ?? "proposal.abstain",
                    )}
                    {v.override ? " (override)" : ""}
                    {v.reason ? `: “${v.reason}”` : ""}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </article>
  );
}

function Countdown(props: { state: number; start: number; end: number; eta: number; now: number }) {
  const { t } = useT();
  if (props.state === 0) {
    const time = formatCountdown(props.start, props.now);
    return time ? <p className="small">{t("proposal.startsIn", { time })}</p> : null;
  }
  if (props.state === ACTIVE) {
    const time = formatCountdown(props.end, props.now);
    return time ? <p className="small">{t("proposal.endsIn", { time })}</p> : null;
  }
  if (props.state === QUEUED) {
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
  const snapshot = useSnapshot();
  const { state: txState, run, busy } = useTransaction();
  const [reason, setReason] = useState("");
  const [override, setOverride] = useState(false);
  const delegate = address ? snapshot.data?.delegates[address.toLowerCase()] : undefined;
  const delegated = Boolean(
    delegate && address && delegate.toLowerCase() !== address.toLowerCase(),
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
  return (
    <div className="stack">
      {state === ACTIVE && (
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
      {state === SUCCEEDED && (
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void lifecycle("queue")}
        >
          {t("proposal.queue")}
        </button>
      )}
      {state === QUEUED && (
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
