"use client";
import { useState } from "react";
import { encodeFunctionData, isAddress, parseUnits, type Address } from "viem";
import { useAccount } from "wagmi";
import { Loaded, MoreButton } from "@/components/common";
import { FlowChart } from "@/components/FlowChart";
import { ProposalCard } from "@/components/ProposalCard";
import { SubFundCards } from "@/components/SubFundCards";
import { TxStatus } from "@/components/TxStatus";
import { useAccountInfo, useMovements, useProposals, useSubFunds } from "@/hooks/data";
import { useTransaction } from "@/hooks/useTransaction";
import { shortAddress } from "@/lib/format";
import { useT } from "@/lib/i18n/context";
import type { MessageKey } from "@/lib/i18n/en";
import { useSpin } from "@/lib/spin";

export default function FundPage() {
  const { t } = useT();
  const funds = useSubFunds();
  const movements = useMovements(funds.data?.map((f) => f.id) ?? []);
  const proposals = useProposals();
  const [filter, setFilter] = useState<number | null>(null);
  return (
    <div className="page">
      <h1>{t("fund.title")}</h1>
      <h2>{t("fund.subFunds")}</h2>
      <Loaded query={funds} empty={(f) => f.length === 0}>
        {(f) => <SubFundCards funds={f} />}
      </Loaded>
      <h2>{t("fund.flows")}</h2>
      {funds.data && (
        <Loaded query={movements}>{(m) => <FlowChart funds={funds.data} movements={m} />}</Loaded>
      )}
      <div className="two">
        <section aria-labelledby="proposals-h">
          <h2 id="proposals-h">{t("fund.proposals")}</h2>
          <label style={{ maxWidth: "16rem" }}>
            {t("fund.filter")}
            <select
              value={filter ?? ""}
              onChange={(e) => setFilter(e.target.value === "" ? null : Number(e.target.value))}
            >
              <option value="">{t("fund.all")}</option>
              {[0, 1, 4, 5, 7, 3, 2, 6].map((s) => (
                <option key={s} value={s}>
                  {t(`proposal.state.${s}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <Loaded
            query={proposals}
            empty={(list) => list.length === 0}
            emptyText={t("proposal.none")}
          >
            {(list) => (
              <div className="stack" data-testid="proposals">
                {list.map((p) => (
                  <ProposalCard key={p.id.toString()} proposal={p} stateFilter={filter} />
                ))}
              </div>
            )}
          </Loaded>
          <MoreButton query={proposals} />
        </section>
        <aside className="stack">
          <Delegation />
          <ProposeForm />
        </aside>
      </div>
    </div>
  );
}

function Delegation() {
  const { t } = useT();
  const { contracts } = useSpin();
  const { address } = useAccount();
  const info = useAccountInfo(address);
  const tx = useTransaction();
  const [to, setTo] = useState("");
  if (!address) return null;
  const d = info.data;
  const isSelf = d && d.delegate.toLowerCase() === address.toLowerCase();
  return (
    <section className="card stack" aria-labelledby="delegate-h">
      <h2 id="delegate-h">{t("delegate.title")}</h2>
      {d && d.kind !== 1 ? (
        <p className="muted">{t("delegate.notVoter")}</p>
      ) : (
        <>
          {d && (
            <p data-testid="delegate-current">
              {/^0x0+$/.test(d.delegate)
                ? t("delegate.none")
                : isSelf
                  ? t("delegate.current", { who: t("delegate.self") })
                  : t("delegate.current", { who: shortAddress(d.delegate) })}
            </p>
          )}
          <form
            className="row"
            onSubmit={(e) => (
              e.preventDefault(),
              isAddress(to) &&
                void tx.run({ ...contracts.registry, functionName: "delegate", args: [to] })
            )}
          >
            <label>
              {t("delegate.to")}
              <input
                value={to}
                onChange={(e) => setTo(e.target.value.trim())}
                className="mono"
                name="delegatee"
              />
            </label>
            <button type="submit" disabled={tx.busy}>
              {t("delegate.submit")}
            </button>
          </form>
          {d && !isSelf && (
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

function toTimestamp(date: string): number {
  return Math.floor(new Date(`${date}T00:00:00Z`).getTime() / 1000);
}

function ProposeForm() {
  const { t } = useT();
  const { contracts } = useSpin();
  const funds = useSubFunds();
  const tx = useTransaction();
  const [kind, setKind] = useState<"grant" | "stream">("grant");
  const [subFund, setSubFund] = useState("0");
  const [recipient, setRecipient] = useState("");
  const [amount, setAmount] = useState("");
  const [memo, setMemo] = useState("");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [why, setWhy] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  function submit() {
    setProblem(null);
    if (!isAddress(recipient)) return setProblem(t("licences.badAccount"));
    let value: bigint;
    try {
      value = parseUnits(amount, 18);
    } catch {
      return setProblem(t("propose.amount"));
    }
    const calldata =
      kind === "grant"
        ? encodeFunctionData({
            abi: contracts.fund.abi,
            functionName: "grant",
            args: [BigInt(subFund), recipient as Address, value, memo],
          })
        : encodeFunctionData({
            abi: contracts.fund.abi,
            functionName: "createStream",
            args: [
              BigInt(subFund),
              recipient as Address,
              value,
              toTimestamp(start),
              toTimestamp(end),
              memo,
            ],
          });
    const title = `${kind === "grant" ? t("propose.grant") : t("propose.stream")}: ${memo}`;
    void tx.run({
      ...contracts.governor,
      functionName: "propose",
      args: [[contracts.fund.address], [0n], [calldata], `# ${title}\n\n${why}`],
    });
  }

  return (
    <section className="card" aria-labelledby="propose-h">
      <h2 id="propose-h">{t("propose.title")}</h2>
      <form
        className="stack"
        onSubmit={(e) => (e.preventDefault(), submit())}
        data-testid="propose-form"
      >
        <fieldset>
          <legend>{t("propose.kind")}</legend>
          <label className="inline">
            <input
              type="radio"
              name="kind"
              checked={kind === "grant"}
              onChange={() => setKind("grant")}
            />{" "}
            {t("propose.grant")}
          </label>
          <label className="inline">
            <input
              type="radio"
              name="kind"
              checked={kind === "stream"}
              onChange={() => setKind("stream")}
            />{" "}
            {t("propose.stream")}
          </label>
        </fieldset>
        <label>
          {t("propose.subFund")}
          <select value={subFund} onChange={(e) => setSubFund(e.target.value)} name="subFund">
            {funds.data?.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("propose.recipient")}
          <input
            required
            value={recipient}
            onChange={(e) => setRecipient(e.target.value.trim())}
            className="mono"
            name="recipient"
          />
        </label>
        <label>
          {t("propose.amount")}
          <input
            required
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            inputMode="decimal"
            name="amount"
          />
        </label>
        <label>
          {t("propose.memo")}
          <input required value={memo} onChange={(e) => setMemo(e.target.value)} name="memo" />
        </label>
        {kind === "stream" && (
          <div className="row">
            <label>
              {t("propose.start")}
              <input
                type="date"
                required
                value={start}
                onChange={(e) => setStart(e.target.value)}
              />
            </label>
            <label>
              {t("propose.end")}
              <input type="date" required value={end} onChange={(e) => setEnd(e.target.value)} />
            </label>
          </div>
        )}
        <label>
          {t("propose.description")}
          <textarea value={why} onChange={(e) => setWhy(e.target.value)} name="why" />
        </label>
        {problem && <p className="error">{problem}</p>}
        <button type="submit" className="primary" disabled={tx.busy}>
          {t("propose.submit")}
        </button>
        <TxStatus state={tx.state} />
      </form>
    </section>
  );
}
