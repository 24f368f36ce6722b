"use client";
/**
 * "Mark unclaimable" for a contributor's share or a stream whose owner cannot claim it now
 * (suspended, expelled or not a member, or the work suspended). Marking starts the contract's
 * `UNCLAIMED_PERIOD`, after which governance may sweep the balance to the common fund; the page
 * says from when. Says nothing while the owner can claim or nothing is owed; says why before
 * signing when the connected account may not mark, or when a mark already runs.
 */
import { useAccount } from "wagmi";
import { TxStatus } from "@/components/TxStatus";
import { withWallet } from "@/components/wallet/Scope";
import { useUnclaimable, type UnclaimableTarget } from "@/hooks/unclaimable";
import { useTransaction } from "@/hooks/useTransaction";
import { useContracts } from "@/lib/contracts";
import { formatDate } from "@/lib/format";
import { Status } from "@/lib/guards";
import { useT } from "@/lib/i18n/context";
import type { MessageKey } from "@/lib/i18n/en";
import {
  blockedBecause,
  isStuck,
  shareMarkRefusal,
  streamMarkRefusal,
  sweepableFrom,
} from "@/lib/unclaimable";

function MarkUnclaimable({ target, name }: { target: UnclaimableTarget; name: string }) {
  const { t, locale } = useT();
  const contracts = useContracts();
  const { address } = useAccount();
  const view = useUnclaimable(target, address);
  const tx = useTransaction();
  if (!address) return null;
  if (view.isError)
    return <p className="error small">{t("common.error", { message: view.error.message })}</p>;
  const v = view.data;
  if (!v || !isStuck(v, target.kind)) return null;
  const refusal = target.kind === "share" ? shareMarkRefusal(v) : streamMarkRefusal(v);
  const date = (s: number) => formatDate(s, locale, true);
  const why = t(`unclaimable.why.${blockedBecause(v)}` as MessageKey, { who: name });
  const testId =
    target.kind === "share"
      ? `unclaimable-${target.workId}-${target.contributor.toLowerCase()}`
      : `unclaimable-stream-${target.streamId}`;
  return (
    <div className="stack small" data-testid={testId}>
      <p>{why}</p>
      {refusal?.reason === "running" ? (
        <p data-testid="unclaimable-marked">
          {t("unclaimable.marked", { date: date(sweepableFrom(v, v.now)) })}
        </p>
      ) : refusal?.reason === "caller" ? (
        <p className="muted" data-testid="unclaimable-refused">
          {t("unclaimable.refused.caller")}
        </p>
      ) : (
        <>
          <p className="muted">
            {v.ownerStatus === Status.Expelled
              ? t("unclaimable.expelledNote")
              : t("unclaimable.note", { days: Math.round(v.period / 86_400) })}
          </p>
          <p>
            <button
              type="button"
              disabled={tx.busy}
              data-testid="mark-unclaimable"
              onClick={() =>
                void (target.kind === "share"
                  ? tx.run({
                      ...contracts.licensing,
                      functionName: "markUnclaimable",
                      args: [target.workId, target.contributor],
                    })
                  : tx.run({
                      ...contracts.fund,
                      functionName: "markStreamUnclaimable",
                      args: [target.streamId],
                    }))
              }
            >
              {t("unclaimable.mark")}
            </button>
          </p>
        </>
      )}
      <TxStatus state={tx.state} />
    </div>
  );
}

export default withWallet(MarkUnclaimable);
