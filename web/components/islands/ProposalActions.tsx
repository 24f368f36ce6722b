"use client";
/**
 * The reader's own part in a proposal: their voting power at the snapshot, whether they voted,
 * how their delegate voted, and the vote itself (only for those who may vote), then queue and
 * execute once it passed.
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { keccak256, toBytes, type Address, type Hex } from "viem";
import { readContract } from "viem/actions";
import { useAccount, useClient } from "wagmi";
import { TxStatus } from "@/components/TxStatus";
import { withWallet } from "@/components/wallet/Scope";
import { useAccountInfo, useChainTime } from "@/hooks/data";
import { useTransaction } from "@/hooks/useTransaction";
import { useContracts } from "@/lib/contracts";
import { canVote } from "@/lib/guards";
import { useT } from "@/lib/i18n/context";
import { ProposalState } from "@/lib/model";

interface CastVote {
  voter: string;
  support: number;
  override: boolean;
}

const SUPPORT = ["proposal.against", "proposal.for", "proposal.abstain"] as const;

function ProposalActions(props: {
  proposalId: bigint;
  state: number;
  voteStart: number;
  eta: number;
  targets: readonly Address[];
  values: readonly bigint[];
  calldatas: readonly Hex[];
  description: string;
  votes: CastVote[];
}) {
  const { t, tx: tDynamic } = useT();
  const contracts = useContracts();
  const client = useClient();
  const { address } = useAccount();
  const info = useAccountInfo(address);
  const now = useChainTime().data ?? Math.floor(Date.now() / 1000);
  const tx = useTransaction();
  const [reason, setReason] = useState("");
  const power = useQuery({
    queryKey: ["votingPower", props.proposalId.toString(), address],
    enabled: Boolean(address && client) && props.voteStart < now,
    queryFn: () =>
      readContract(client!, {
        ...contracts.governor,
        functionName: "getVotes",
        args: [address!, BigInt(props.voteStart)],
      }),
  });
  if (!address) return <p className="muted">{t("proposal.connectToVote")}</p>;
  const me = address.toLowerCase();
  const mine = props.votes.find((v) => v.voter.toLowerCase() === me);
  const delegate = info.data?.delegate;
  const delegated = Boolean(delegate && !/^0x0+$/.test(delegate) && delegate.toLowerCase() !== me);
  const delegateVote = delegated
    ? props.votes.find((v) => v.voter.toLowerCase() === delegate!.toLowerCase())
    : undefined;
  const eligibility = info.data ? canVote(info.data) : null;
  const vote = (support: number) =>
    void tx.run({
      ...contracts.governor,
      functionName: delegated ? "castOverrideVote" : "castVoteWithReason",
      args: [props.proposalId, support, reason],
    });
  const lifecycle = (functionName: "queue" | "execute") =>
    void tx.run({
      ...contracts.governor,
      functionName,
      args: [
        [...props.targets],
        [...props.values],
        [...props.calldatas],
        keccak256(toBytes(props.description)),
      ],
    });
  return (
    <div className="stack card" data-testid="my-vote">
      {power.data !== undefined && (
        <p data-testid="voting-power">{t("proposal.power", { n: Number(power.data) })}</p>
      )}
      {mine && (
        <p data-testid="you-voted" className="verdict allowed">
          {t("proposal.youVoted", { choice: t(SUPPORT[mine.support] ?? "proposal.abstain") })}
        </p>
      )}
      {delegated && (
        <p data-testid="delegate-vote">
          {delegateVote
            ? t("proposal.delegateVoted", {
                choice: t(SUPPORT[delegateVote.support] ?? "proposal.abstain"),
              })
            : t("proposal.delegateNotVoted")}
        </p>
      )}
      {props.state === ProposalState.Active &&
        !mine &&
        eligibility !== null &&
        (eligibility === "ok" ? (
          <fieldset className="stack">
            <legend>{t("proposal.vote")}</legend>
            {delegated && <p className="small">{t("proposal.overrideNote")}</p>}
            <label>
              {t("proposal.reason")}
              <input
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                maxLength={280}
                name="reason"
              />
            </label>
            <div className="row">
              <button type="button" className="primary" disabled={tx.busy} onClick={() => vote(1)}>
                {t("proposal.for")}
              </button>
              <button type="button" disabled={tx.busy} onClick={() => vote(0)}>
                {t("proposal.against")}
              </button>
              <button type="button" disabled={tx.busy} onClick={() => vote(2)}>
                {t("proposal.abstain")}
              </button>
            </div>
          </fieldset>
        ) : (
          <p className="tx-warn" role="note" data-testid="cannot-vote">
            {tDynamic(`guard.vote.${eligibility}`, "guard.vote.notMember")}
          </p>
        ))}
      {props.state === ProposalState.Succeeded && (
        <button
          type="button"
          className="primary"
          disabled={tx.busy}
          onClick={() => lifecycle("queue")}
        >
          {t("proposal.queue")}
        </button>
      )}
      {props.state === ProposalState.Queued && (
        <button
          type="button"
          className="primary"
          disabled={tx.busy || props.eta > now}
          onClick={() => lifecycle("execute")}
        >
          {t("proposal.execute")}
        </button>
      )}
      <TxStatus state={tx.state} />
    </div>
  );
}

export default withWallet(ProposalActions);
