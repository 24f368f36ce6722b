"use client";
/**
 * The reader's own part in a proposal: their voting power at the snapshot, whether they voted,
 * how their delegate voted, and the vote itself (only for those who may vote), then queue and
 * execute once it passed.
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { keccak256, toBytes, type Address, type Hex } from "viem";
import { useAccount } from "wagmi";
import { TxStatus } from "@/components/TxStatus";
import { withWallet } from "@/components/wallet/Scope";
import { VoteRipeness } from "@/components/VoteRipeness";
import { useAccountInfo, useChainTime, useParticipant } from "@/hooks/data";
import { useTransaction } from "@/hooks/useTransaction";
import { must, type Schema } from "@/lib/api/client";
import { browserApi } from "@/lib/api/browser";
import { useContracts } from "@/lib/contracts";
import { canVote } from "@/lib/guards";
import { useT } from "@/lib/i18n/context";
import { ProposalState } from "@/lib/model";

const SUPPORT = {
  Against: "proposal.against",
  For: "proposal.for",
  Abstain: "proposal.abstain",
} as const;

type View = NonNullable<Schema<"ProposalAccountView">>;

/** The API's view of a proposal from one account: its power, vote, delegate and theirs. */
function useAccountView(proposalId: bigint, account: Address | undefined) {
  return useQuery<View | null>({
    queryKey: ["proposalView", proposalId.toString(), account],
    enabled: Boolean(account),
    queryFn: async () =>
      (
        await must(
          browserApi.GET("/proposals/{proposalId}", {
            params: {
              path: { proposalId: proposalId.toString() },
              query: { account: account!.toLowerCase() },
            },
          }),
        )
      ).account,
  });
}

function ProposalActions(props: {
  proposalId: bigint;
  state: number;
  eta: number;
  targets: readonly Address[];
  values: readonly bigint[];
  calldatas: readonly Hex[];
  description: string;
}) {
  const { t, tx: tDynamic } = useT();
  const contracts = useContracts();
  const { address } = useAccount();
  const info = useAccountInfo(address);
  const me = useParticipant(address);
  const view = useAccountView(props.proposalId, address);
  const now = useChainTime().data ?? Math.floor(Date.now() / 1000);
  const tx = useTransaction();
  const [reason, setReason] = useState("");
  // Whom the account delegates to, when someone else: told if that delegate is out.
  const delegateOf = info.data?.delegate;
  const delegateRow = useParticipant(
    address &&
      delegateOf &&
      !/^0x0+$/.test(delegateOf) &&
      delegateOf.toLowerCase() !== address.toLowerCase()
      ? delegateOf
      : undefined,
  );
  if (!address) return <p className="muted">{t("proposal.connectToVote")}</p>;
  const mine = view.data?.vote ?? null;
  // Delegated to someone else now (an override vote is then the way to vote oneself).
  const delegate = info.data?.delegate;
  const delegated = Boolean(
    delegate && !/^0x0+$/.test(delegate) && delegate.toLowerCase() !== address.toLowerCase(),
  );
  const theirs =
    view.data?.delegate && view.data.delegate !== address.toLowerCase() ? view.data : null;
  // A vote delegated to a suspended or expelled member counts for nobody until the delegator
  // votes directly (an override) or delegates again.
  const delegateOut =
    delegated && delegateRow.data && [3, 4].includes(delegateRow.data.status)
      ? (delegateRow.data.name ?? delegate!)
      : null;
  const ripeness = me.data?.vote?.state;
  const role = info.data ? canVote(info.data) : null;
  const eligibility =
    role === "ok" && (ripeness === "ripening" || ripeness === "ripenable") ? "unripe" : role;
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
      {view.isError && (
        <p className="error">{t("common.error", { message: view.error.message })}</p>
      )}
      {view.data && (
        <p data-testid="voting-power">
          {t("proposal.power", { n: Number(view.data.votingPower) })}
        </p>
      )}
      {mine && (
        <p data-testid="you-voted" className="verdict allowed">
          {t("proposal.youVoted", { choice: t(SUPPORT[mine.support]) })}
        </p>
      )}
      {theirs && (
        <p data-testid="delegate-vote">
          {theirs.delegateVote
            ? t("proposal.delegateVoted", {
                name: theirs.delegateName ?? theirs.delegate!,
                choice: t(SUPPORT[theirs.delegateVote.support]),
              })
            : t("proposal.delegateNotVoted", { name: theirs.delegateName ?? theirs.delegate! })}
        </p>
      )}
      {props.state === ProposalState.Active &&
        !mine &&
        eligibility !== null &&
        (eligibility === "ok" ? (
          <fieldset className="stack">
            <legend>{t("proposal.vote")}</legend>
            {delegated && <p className="small">{t("proposal.overrideNote")}</p>}
            {delegateOut && (
              <p className="tx-warn" role="note" data-testid="delegate-out">
                {t("proposal.delegateOut", { name: delegateOut })}
              </p>
            )}
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
          <div className="stack">
            <p className="tx-warn" role="note" data-testid="cannot-vote">
              {tDynamic(`guard.vote.${eligibility}`, "guard.vote.notMember")}
            </p>
            {eligibility === "unripe" && <VoteRipeness account={address} />}
          </div>
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
