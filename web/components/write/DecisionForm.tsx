"use client";
/**
 * Proposing one of governance's decisions about stuck coin or a disputed work (lib/decisions.ts):
 * the form checks its fields in words before anything is signed, then proposes the one call.
 */
import { useState } from "react";
import { useAccount } from "wagmi";
import { TextField } from "@/components/form";
import { TxStatus } from "@/components/TxStatus";
import { withWallet } from "@/components/wallet/Scope";
import { useAccountInfo } from "@/hooks/data";
import { useTransaction } from "@/hooks/useTransaction";
import { useContracts } from "@/lib/contracts";
import { decisionCall, DECISIONS, readDecision, type DecisionName } from "@/lib/decisions";
import { canPropose } from "@/lib/guards";
import { useT } from "@/lib/i18n/context";
import type { MessageKey } from "@/lib/i18n/en";

function DecisionForm() {
  const { t } = useT();
  const contracts = useContracts();
  const { address } = useAccount();
  const info = useAccountInfo(address);
  const tx = useTransaction();
  const [fn, setFn] = useState<DecisionName>("sweepStream");
  const [id, setId] = useState("");
  const [account, setAccount] = useState("");
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  if (!address || !info.data || canPropose(info.data) !== "ok") return null;

  function submit() {
    setProblem(null);
    const decision = readDecision({ fn, id, account, reason });
    if ("problem" in decision)
      return setProblem(t(`decision.problem.${decision.problem}` as MessageKey));
    const [target, data] = decisionCall(contracts, decision);
    void tx.run({
      ...contracts.governor,
      functionName: "propose",
      args: [
        [target],
        [0n],
        [data],
        `# ${t(`decision.${fn}` as MessageKey)}\n\n${decision.reason}`,
      ],
    });
  }

  return (
    <form
      className="stack card"
      data-testid="decision-form"
      onSubmit={(e) => (e.preventDefault(), submit())}
    >
      <h2>{t("decision.title")}</h2>
      <label>
        {t("decision.action")}
        <select name="decision" value={fn} onChange={(e) => setFn(e.target.value as DecisionName)}>
          {DECISIONS.map((d) => (
            <option key={d} value={d}>
              {t(`decision.${d}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <p className="small muted">{t(`decision.${fn}.hint` as MessageKey)}</p>
      <TextField
        label={t(`decision.${fn}.id` as MessageKey)}
        value={id}
        onChange={setId}
        name="id"
        required
      />
      {fn !== "sweepStream" && (
        <TextField
          label={t(`decision.${fn}.account` as MessageKey)}
          value={account}
          onChange={setAccount}
          name="account"
          required={fn !== "reassignHash"}
        />
      )}
      <TextField
        label={t("decision.reason")}
        value={reason}
        onChange={setReason}
        name="reason"
        required
      />
      {problem && (
        <p className="error" role="alert" data-testid="decision-problem">
          {problem}
        </p>
      )}
      <button type="submit" className="primary" disabled={tx.busy}>
        {t("propose.submit")}
      </button>
      <TxStatus state={tx.state} />
    </form>
  );
}

export default withWallet(DecisionForm);
