"use client";
import Link from "next/link";
import { useState } from "react";
import { isAddress } from "viem";
import { useAccount } from "wagmi";
import { Loaded } from "@/components/common";
import { TextField, TxForm } from "@/components/form";
import { TxStatus } from "@/components/TxStatus";
import { VoteRipeness } from "@/components/VoteRipeness";
import { WorkLink } from "@/components/WorkLink";
import { useAccountInfo, useClaimable, useStreams } from "@/hooks/data";
import { useTransaction } from "@/hooks/useTransaction";
import { formatSpin, parseSpin } from "@/lib/format";
import { useT } from "@/lib/i18n/context";
import type { MessageKey } from "@/lib/i18n/en";
import { useContracts } from "@/lib/contracts";
import { withWallet } from "@/components/wallet/Scope";
import { wantWallet } from "@/lib/wallet/state";
import { useEffect } from "react";

function WalletView() {
  const { t, locale } = useT();
  useEffect(() => wantWallet(false), []);
  const { address } = useAccount();
  const info = useAccountInfo(address);
  if (!address) {
    return (
      <div className="page narrow">
        <h1>{t("wallet.title")}</h1>
        <p className="muted">{t("wallet.connectFirst")}</p>
      </div>
    );
  }
  return (
    <div className="page narrow">
      <h1>{t("wallet.title")}</h1>
      <Loaded query={info}>
        {(d) => (
          <dl className="facts card">
            <dt>{t("wallet.account")}</dt>
            <dd className="mono break" data-testid="wallet-address">
              {address}
            </dd>
            <dt>{t("wallet.kind")}</dt>
            <dd>{t(`kind.${d.kind}` as MessageKey)}</dd>
            <dt>{t("wallet.status")}</dt>
            <dd data-testid="wallet-status">{t(`status.${d.status}` as MessageKey)}</dd>
            <dt>{t("wallet.balance")}</dt>
            <dd data-testid="wallet-balance">{formatSpin(d.balance, locale)} SPIN</dd>
            {d.status === 0 && (
              <dd className="full">
                {t("wallet.notMember")} <Link href="/join">{t("members.apply")}</Link>
              </dd>
            )}
          </dl>
        )}
      </Loaded>
      <VoteRipeness account={address} />
      <SendForm />
      <Claims />
      <Streams />
    </div>
  );
}

function SendForm() {
  const { t } = useT();
  const contracts = useContracts();
  const tx = useTransaction();
  const [to, setTo] = useState("");
  const [amount, setAmount] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  function submit() {
    setProblem(null);
    if (!isAddress(to)) return setProblem(t("licences.badAccount"));
    const value = parseSpin(amount);
    if (value === null) return setProblem(t("form.badAmount"));
    void tx.run({ ...contracts.coin, functionName: "transfer", args: [to, value] });
  }
  return (
    <section className="card stack" aria-labelledby="send-h">
      <h2 id="send-h">{t("wallet.send")}</h2>
      <TxForm
        onSubmit={submit}
        submitLabel={t("wallet.sendButton")}
        submitTestId="send"
        busy={tx.busy}
        tx={tx.state}
        problem={problem}
      >
        <TextField label={t("wallet.to")} value={to} onChange={setTo} name="to" required address />
        <TextField
          label={t("wallet.amount")}
          value={amount}
          onChange={setAmount}
          name="amount"
          required
          decimal
        />
      </TxForm>
    </section>
  );
}

function Claims() {
  const { t, locale } = useT();
  const contracts = useContracts();
  const { address } = useAccount();
  const claimable = useClaimable(address);
  const tx = useTransaction();
  return (
    <section className="card stack" aria-labelledby="claims-h">
      <h2 id="claims-h">{t("wallet.claims")}</h2>
      <Loaded
        query={claimable}
        empty={(c) => c.works.length === 0}
        emptyText={t("wallet.noClaims")}
      >
        {(c) => (
          <ul className="plain" data-testid="earnings">
            {c.works.map((e) => (
              <li key={e.workId.toString()} className="row" data-testid={`earning-${e.workId}`}>
                <span>
                  <WorkLink id={e.workId} /> — {formatSpin(e.amount, locale)} SPIN
                </span>
                <button
                  type="button"
                  disabled={tx.busy}
                  onClick={() =>
                    void tx.run({ ...contracts.licensing, functionName: "claim", args: [e.workId] })
                  }
                >
                  {t("wallet.claim")}
                </button>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
      <TxStatus state={tx.state} />
    </section>
  );
}

function Streams() {
  const { t, locale } = useT();
  const contracts = useContracts();
  const { address } = useAccount();
  const tx = useTransaction();
  const streams = useStreams(address);
  const claimable = useClaimable(address);
  const now = (id: bigint) => claimable.data?.streams.find((s) => s.streamId === id)?.amount ?? 0n;
  return (
    <section className="card stack" aria-labelledby="streams-h">
      <h2 id="streams-h">{t("wallet.streams")}</h2>
      <Loaded query={streams} empty={(s) => s.length === 0} emptyText={t("wallet.noStreams")}>
        {(list) => (
          <ul className="plain" data-testid="streams">
            {list.map((stream) => (
              <li key={stream.id.toString()} className="row">
                <span>
                  {t("wallet.streamLine", {
                    id: stream.id.toString(),
                    claimed: formatSpin(stream.claimed, locale),
                    amount: formatSpin(stream.amount, locale),
                    claimable: formatSpin(now(stream.id), locale),
                  })}
                  {stream.memo && <span className="muted small"> — {stream.memo}</span>}
                </span>
                <button
                  type="button"
                  disabled={tx.busy || now(stream.id) === 0n}
                  onClick={() =>
                    void tx.run({ ...contracts.fund, functionName: "claim", args: [stream.id] })
                  }
                >
                  {t("wallet.claim")}
                </button>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
      <TxStatus state={tx.state} />
    </section>
  );
}

export default withWallet(WalletView);
