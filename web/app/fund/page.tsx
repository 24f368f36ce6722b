"use client";
import { useState } from "react";
import { encodeFunctionData, isAddress } from "viem";
import { useAccount } from "wagmi";
import { Loaded, MoreButton } from "@/components/common";
import { FlowChart } from "@/components/FlowChart";
import { ProposalCard } from "@/components/ProposalCard";
import { SubFundCards } from "@/components/SubFundCards";
import { TextField, TxForm } from "@/components/form";
import { TxStatus } from "@/components/TxStatus";
import { useAccountInfo, useMovements, useProposals, useSubFunds } from "@/hooks/data";
import { useTransaction } from "@/hooks/useTransaction";
import { parseSpin, shortAddress } from "@/lib/format";
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
    const value = parseSpin(amount);
    if (value === null) return setProblem(t("form.badAmount"));
    // The governor would accept a backwards schedule and fail only when executing it.
    if (kind === "stream" && !(toTimestamp(end) > toTimestamp(start)))
      return setProblem(t("propose.badSchedule"));
    const calldata =
      kind === "grant"
        ? encodeFunctionData({
            abi: contracts.fund.abi,
            functionName: "grant",
            args: [BigInt(subFund), recipient, value, memo],
          })
        : encodeFunctionData({
            abi: contracts.fund.abi,
            functionName: "createStream",
            args: [BigInt(subFund), recipient, value, toTimestamp(start), toTimestamp(end), memo],
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
      <TxForm
        onSubmit={submit}
        submitLabel={t("propose.submit")}
        formTestId="propose-form"
        busy={tx.busy}
        tx={tx.state}
        problem={problem}
      >
        <fieldset>
          <legend>{t("propose.kind")}</legend>
          {(["grant", "stream"] as const).map((k) => (
            <label className="inline" key={k}>
              <input type="radio" name="kind" checked={kind === k} onChange={() => setKind(k)} />{" "}
              {t(`propose.${k}`)}
            </label>
          ))}
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
        <TextField
          label={t("propose.recipient")}
          value={recipient}
          onChange={setRecipient}
          name="recipient"
          required
          address
        />
        <TextField
          label={t("propose.amount")}
          value={amount}
          onChange={setAmount}
          name="amount"
          required
          decimal
        />
        <TextField label={t("propose.memo")} value={memo} onChange={setMemo} name="memo" required />
        {kind === "stream" && (
          <div className="row">
            <TextField
              label={t("propose.start")}
              value={start}
              onChange={setStart}
              type="date"
              required
            />
            <TextField
              label={t("propose.end")}
              value={end}
              onChange={setEnd}
              type="date"
              required
            />
          </div>
        )}
        <label>
          {t("propose.description")}
          <textarea value={why} onChange={(e) => setWhy(e.target.value)} name="why" />
        </label>
      </TxForm>
    </section>
  );
}
