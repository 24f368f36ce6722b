"use client";
/**
 * Your vote: to whom it is delegated, delegate it by typing a person's name (or address), or
 * take it back. Only admitted persons vote, so only they see the form.
 */
import { useState } from "react";
import { useAccount } from "wagmi";
import { TxStatus } from "@/components/TxStatus";
import { withWallet } from "@/components/wallet/Scope";
import { useAccountInfo } from "@/hooks/data";
import { useNames } from "@/hooks/names";
import { useTransaction } from "@/hooks/useTransaction";
import { useContracts } from "@/lib/contracts";
import { canVote, Kind } from "@/lib/guards";
import { useT } from "@/lib/i18n/context";
import { resolveDelegate } from "@/lib/delegate";
import { nameOf } from "@/lib/names";

function Delegation() {
  const { t, tx: tDynamic } = useT();
  const contracts = useContracts();
  const { address } = useAccount();
  const info = useAccountInfo(address);
  const names = useNames();
  const tx = useTransaction();
  const [to, setTo] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  if (!address || !info.data) return null;
  const d = info.data;
  const rule = canVote(d);
  const isSelf = d.delegate.toLowerCase() === address.toLowerCase();
  const delegateName = nameOf(names.data ?? {}, d.delegate) ?? d.delegate;
  return (
    <section className="card stack" aria-labelledby="delegate-h">
      <h2 id="delegate-h">{t("delegate.title")}</h2>
      {rule !== "ok" ? (
        <p className="muted" data-testid="cannot-delegate">
          {tDynamic(`guard.vote.${rule}`, "guard.vote.notMember")}
        </p>
      ) : (
        <>
          <p data-testid="delegate-current">
            {/^0x0+$/.test(d.delegate)
              ? t("delegate.none")
              : isSelf
                ? t("delegate.current", { who: t("delegate.self") })
                : t("delegate.current", { who: delegateName })}
          </p>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              const found = resolveDelegate(to, names.data ?? {}, address);
              if ("problem" in found)
                return setProblem(
                  tDynamic(`delegate.problem.${found.problem}`, "delegate.problem.unknown", {
                    typed: to.trim(),
                    options: found.options?.join(", ") ?? "",
                  }),
                );
              setProblem(null);
              void tx.run({
                ...contracts.registry,
                functionName: "delegate",
                args: [found.address],
              });
            }}
          >
            <label>
              {t("delegate.to")}
              <input
                value={to}
                onChange={(e) => setTo(e.target.value)}
                name="delegatee"
                list="delegate-names"
                autoComplete="off"
              />
              <datalist id="delegate-names">
                {Object.values(names.data ?? {})
                  .filter((n) => n.kind === Kind.Person)
                  .map((n) => (
                    <option key={n.name} value={n.name} />
                  ))}
              </datalist>
            </label>
            <button type="submit" disabled={tx.busy}>
              {t("delegate.submit")}
            </button>
          </form>
          {problem && (
            <p className="error" role="alert" data-testid="delegate-problem">
              {problem}
            </p>
          )}
          {!isSelf && !/^0x0+$/.test(d.delegate) && (
            <button
              type="button"
              disabled={tx.busy}
              onClick={() =>
                void tx.run({ ...contracts.registry, functionName: "delegate", args: [address] })
              }
            >
              {t("delegate.revoke")}
            </button>
          )}
          <TxStatus state={tx.state} />
        </>
      )}
    </section>
  );
}

export default withWallet(Delegation);
