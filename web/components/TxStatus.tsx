"use client";
import type { TxState } from "@/hooks/useTransaction";
import { failureMessage } from "@/lib/failure-message";
import { shortHash } from "@/lib/format";
import { useT } from "@/lib/i18n/context";

/** The lifecycle of one write, announced to screen readers as it changes. */
export function TxStatus({ state }: { state: TxState }) {
  const { t, tx } = useT();
  let text: string | null = null;
  let tone = "info";
  if (state.blocked === "noWallet") [text, tone] = [t("tx.connectFirst"), "warn"];
  else if (state.blocked === "wrongNetwork") [text, tone] = [t("tx.wrongNetwork"), "warn"];
  else {
    const block = state.block?.toString() ?? "";
    switch (state.phase) {
      case "idle":
        break;
      case "simulating":
        text = t("tx.simulating");
        break;
      case "signing":
        text = t("tx.signing");
        break;
      case "pending":
        text = t("tx.pending", { hash: shortHash(state.hash ?? "") });
        break;
      case "indexing":
        text = t("tx.indexing", { block });
        break;
      case "confirmed":
        [text, tone] = [t("tx.confirmed", { block }), "ok"];
        break;
      case "rejected":
        [text, tone] = [t("tx.rejected"), "calm"];
        break;
      case "failed":
        text = state.failure ? failureMessage(state.failure, t, tx) : t("tx.reverted");
        tone = "error";
        break;
    }
  }
  return (
    <p className={`tx tx-${tone}`} role="status" aria-live="polite" data-phase={state.phase}>
      {text}
    </p>
  );
}
