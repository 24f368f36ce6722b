"use client";
/**
 * A Person admitted by vouches votes only once its vote has ripened (docs/governance.md): until
 * then this says on which date; after it, anyone may call `ripen`, and the member is offered
 * "Ripen my vote". Nothing is shown for a ripe vote or an account without one.
 */
import type { Address } from "viem";
import { TxStatus } from "@/components/TxStatus";
import { useStanding } from "@/hooks/admission";
import { useTransaction } from "@/hooks/useTransaction";
import { voteRipeness } from "@/lib/admission";
import { useContracts } from "@/lib/contracts";
import { formatDate } from "@/lib/format";
import { useT } from "@/lib/i18n/context";

export function VoteRipeness({ account }: { account: Address }) {
  const { t, locale } = useT();
  const contracts = useContracts();
  const standing = useStanding(account);
  const tx = useTransaction();
  if (!standing.data) return null;
  const vote = voteRipeness(standing.data, standing.data.now);
  if (vote.state === "none" || (vote.state === "ripe" && tx.state.phase === "idle")) return null;
  return (
    <div className="stack" data-testid="vote-ripeness">
      {vote.state === "ripening" && (
        <p className="tx-warn" role="note">
          {t("vote.ripensOn", { date: formatDate(vote.at, locale, true) })}
        </p>
      )}
      {vote.state === "ripenable" && (
        <p className="row">
          <span>{t("vote.ripenable")}</span>
          <button
            type="button"
            className="primary"
            disabled={tx.busy}
            data-testid="ripen"
            onClick={() =>
              void tx.run({ ...contracts.registry, functionName: "ripen", args: [account] })
            }
          >
            {t("vote.ripen")}
          </button>
        </p>
      )}
      <TxStatus state={tx.state} />
    </div>
  );
}
