"use client";
/**
 * Propose a grant or a stream from a sub-fund, never raw calldata. Before anyone signs, the form
 * says plainly when it would fail: the account may not propose, the sub-fund is still locked when
 * the proposal could run, or the amount is over its cap or its balance.
 */
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { encodeFunctionData, isAddress, parseEventLogs } from "viem";
import { readContract } from "viem/actions";
import { useAccount, useClient } from "wagmi";
import { TextField, TxForm } from "@/components/form";
import { withWallet } from "@/components/wallet/Scope";
import { useAccountInfo, useChainTime, useSubFunds } from "@/hooks/data";
import { useNames } from "@/hooks/names";
import { useTransaction } from "@/hooks/useTransaction";
import { useContracts } from "@/lib/contracts";
import { formatDate, formatSpin, parseSpin } from "@/lib/format";
import { canPropose, checkGrant, Kind } from "@/lib/guards";
import { useT } from "@/lib/i18n/context";
import { findByName } from "@/lib/names";
import { wantWallet } from "@/lib/wallet/state";

function toTimestamp(date: string): number {
  return Math.floor(new Date(`${date}T00:00:00Z`).getTime() / 1000);
}

/** Seconds from proposing to the earliest execution: voting delay, voting period, timelock. */
function useTimeToExecution() {
  const contracts = useContracts();
  const client = useClient();
  return useQuery({
    queryKey: ["timeToExecution"],
    enabled: Boolean(client),
    staleTime: 300_000,
    queryFn: async () => {
      const [delay, period, minDelay] = await Promise.all([
        readContract(client!, { ...contracts.governor, functionName: "votingDelay" }),
        readContract(client!, { ...contracts.governor, functionName: "votingPeriod" }),
        readContract(client!, { ...contracts.timelock, functionName: "getMinDelay" }),
      ]);
      return Number(delay) + Number(period) + Number(minDelay);
    },
  });
}

function ProposeForm() {
  const { t, tx: tDynamic, locale } = useT();
  const contracts = useContracts();
  const { address } = useAccount();
  const info = useAccountInfo(address);
  const client = useClient();
  const funds = useSubFunds();
  const names = useNames();
  const now = useChainTime().data;
  const toExecution = useTimeToExecution();
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
  const [proposalId, setProposalId] = useState<bigint | null>(null);
  useEffect(() => wantWallet(false), []);

  if (!address) return <p className="muted">{t("wallet.connectFirst")}</p>;
  const rule = info.data ? canPropose(info.data) : null;
  if (rule && rule !== "ok")
    return (
      <p className="tx-warn" role="note" data-testid="cannot-propose">
        {tDynamic(`guard.propose.${rule}`, "guard.propose.notMember")}
      </p>
    );

  async function submit() {
    setProblem(null);
    const typed = recipient.trim();
    const byName = findByName(names.data ?? {}, typed).filter(
      (m) => m.entry.kind !== "contract" && m.entry.kind !== Kind.None,
    );
    const to = isAddress(typed)
      ? typed
      : byName.length === 1
        ? (byName[0].address as `0x${string}`)
        : null;
    if (!to)
      return setProblem(
        t(byName.length > 1 ? "propose.ambiguousRecipient" : "propose.badRecipient", { typed }),
      );
    const value = parseSpin(amount);
    if (value === null) return setProblem(t("form.badAmount"));
    if (!memo.trim()) return setProblem(t("propose.memoMissing"));
    if (kind === "stream" && !(toTimestamp(end) > toTimestamp(start)))
      return setProblem(t("propose.badSchedule"));
    const fund = funds.data?.find((f) => String(f.id) === subFund);
    if (!fund || now === undefined || toExecution.data === undefined)
      return setProblem(t("common.loading"));
    const [raiseBps, raiseAt] = await readContract(client!, {
      ...contracts.fund,
      functionName: "pendingCapRaise",
      args: [BigInt(fund.id)],
    });
    const pendingCap =
      raiseAt > 0n ? { capBps: raiseBps, effectiveAt: Number(raiseAt) } : undefined;
    const refusal = checkGrant({ ...fund, pendingCap }, value, now + toExecution.data);
    if (refusal) {
      return setProblem(
        refusal.problem === "locked"
          ? t("guard.grant.locked", { fund: fund.name, date: formatDate(refusal.until, locale) })
          : refusal.problem === "overCap"
            ? t("guard.grant.overCap", { fund: fund.name, cap: formatSpin(refusal.cap, locale) })
            : t("guard.grant.overBalance", {
                fund: fund.name,
                balance: formatSpin(refusal.balance, locale),
              }),
      );
    }
    const calldata =
      kind === "grant"
        ? encodeFunctionData({
            abi: contracts.fund.abi,
            functionName: "grant",
            args: [BigInt(subFund), to, value, memo],
          })
        : encodeFunctionData({
            abi: contracts.fund.abi,
            functionName: "createStream",
            args: [BigInt(subFund), to, value, toTimestamp(start), toTimestamp(end), memo],
          });
    const title = `${kind === "grant" ? t("propose.grant") : t("propose.stream")}: ${memo}`;
    const receipt = await tx.run({
      ...contracts.governor,
      functionName: "propose",
      args: [[contracts.fund.address], [0n], [calldata], `# ${title}\n\n${why}`],
    });
    if (!receipt) return;
    const [event] = parseEventLogs({
      abi: contracts.governor.abi,
      logs: receipt.logs,
      eventName: "ProposalCreated",
    });
    if (event) setProposalId(event.args.proposalId);
  }

  return (
    <section className="card" aria-labelledby="propose-h">
      <h2 id="propose-h">{t("propose.title")}</h2>
      <TxForm
        onSubmit={() => void submit()}
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
                {now !== undefined && f.lockedUntil > now
                  ? ` (${t("fund.locked", { date: formatDate(f.lockedUntil, locale) })})`
                  : ""}
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
      {proposalId !== null && (
        <p data-testid="proposed">
          <Link href={`/proposals/${proposalId}`}>{t("propose.open")}</Link>
        </p>
      )}
    </section>
  );
}

export default withWallet(ProposeForm);
