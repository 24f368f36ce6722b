"use client";
import Link from "next/link";
import { useState } from "react";
import { useAccount, useConnect, useConnectors, useDisconnect } from "wagmi";
import { useAccountInfo, useClaimable } from "@/hooks/data";
import { formatSpin, shortAddress } from "@/lib/format";
import { useT } from "@/lib/i18n/context";
import type { MessageKey } from "@/lib/i18n/en";
import { BURNER_ID } from "@/lib/wallet/wagmi";

export function WalletButton() {
  const { t } = useT();
  const { address, isConnected } = useAccount();
  if (!isConnected || !address) return <ConnectMenu />;
  return <AccountMenu address={address} />;
}

function ConnectMenu() {
  const { t } = useT();
  const connectors = useConnectors();
  const { connect, isPending, error } = useConnect();
  const [open, setOpen] = useState(false);
  const injected = connectors.filter((c) => c.id !== BURNER_ID && c.id !== "injected");
  const burner = connectors.find((c) => c.id === BURNER_ID);
  return (
    <div className="menu">
      <button
        type="button"
        className="primary"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="connect"
      >
        {t("wallet.connect")}
      </button>
      {open && (
        <div className="menu-panel" role="dialog" aria-label={t("wallet.choose")}>
          <p className="menu-title">{t("wallet.choose")}</p>
          {injected.length === 0 && <p className="muted">{t("wallet.noneFound")}</p>}
          <ul className="plain">
            {injected.map((c) => (
              <li key={c.uid}>
                <button
                  type="button"
                  disabled={isPending}
                  onClick={() => connect({ connector: c }, { onSuccess: () => setOpen(false) })}
                >
                  {c.icon ? <img src={c.icon} alt="" width={20} height={20} /> : null} {c.name}
                </button>
              </li>
            ))}
            {burner && (
              <li>
                <button
                  type="button"
                  disabled={isPending}
                  onClick={() =>
                    connect({ connector: burner }, { onSuccess: () => setOpen(false) })
                  }
                >
                  {t("wallet.burner")}
                </button>
                <p className="muted small">{t("wallet.burnerHint")}</p>
              </li>
            )}
          </ul>
          {error && <p className="error">{error.message}</p>}
        </div>
      )}
    </div>
  );
}

function AccountMenu({ address }: { address: `0x${string}` }) {
  const { t, locale } = useT();
  const { disconnect } = useDisconnect();
  const info = useAccountInfo(address);
  const claimable = useClaimable(address);
  return (
    <details className="menu account">
      <summary data-testid="account">
        <span className="mono">{shortAddress(address)}</span>
        {info.data && (
          <span className={`badge status-${info.data.status}`}>
            {t(`kind.${info.data.kind}` as MessageKey)}
          </span>
        )}
      </summary>
      <div className="menu-panel">
        <dl className="facts">
          <dt>{t("wallet.account")}</dt>
          <dd className="mono break">{address}</dd>
          {info.isLoading && <dd>{t("common.loading")}</dd>}
          {info.error && (
            <dd className="error">{t("common.error", { message: info.error.message })}</dd>
          )}
          {info.data && (
            <>
              <dt>{t("wallet.kind")}</dt>
              <dd>{t(`kind.${info.data.kind}` as MessageKey)}</dd>
              <dt>{t("wallet.status")}</dt>
              <dd data-testid="account-status">{t(`status.${info.data.status}` as MessageKey)}</dd>
              <dt>{t("wallet.balance")}</dt>
              <dd data-testid="account-balance">{formatSpin(info.data.balance, locale)} SPIN</dd>
              <dt>{t("wallet.earnings")}</dt>
              <dd data-testid="account-claimable">
                {claimable.data ? `${formatSpin(claimable.data.total, locale)} SPIN` : "…"}
              </dd>
            </>
          )}
        </dl>
        <p>
          <Link href="/wallet">{t("wallet.title")}</Link>
        </p>
        <button type="button" onClick={() => disconnect()}>
          {t("wallet.disconnect")}
        </button>
      </div>
    </details>
  );
}
