"use client";
/**
 * The wallet in the header: choose a wallet (injected ones by name; on the local chain the
 * burner, a pasted key, or a demo identity in one click), then the account's facts. Escape or a
 * click elsewhere closes it.
 */
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useAccount, useConnect, useConnectors, useDisconnect, type Connector } from "wagmi";
import { NetworkBanner } from "@/components/wallet/NetworkBanner";
import { withWallet } from "@/components/wallet/Scope";
import { useAccountInfo, useClaimable } from "@/hooks/data";
import { formatSpin, shortAddress } from "@/lib/format";
import { useT } from "@/lib/i18n/context";
import type { MessageKey } from "@/lib/i18n/en";
import { useSpin } from "@/lib/spin";
import { chooserDismissed, OPEN_EVENT, rememberConnection, takeOpenMenu } from "@/lib/wallet/state";
import { BURNER_ID } from "@/lib/wallet/wagmi";
import { DemoIdentities, ImportKey } from "./DemoIdentities";

/** Closes an open menu on Escape (focus back on its button) or on a click outside it. */
function useDismiss(open: boolean, close: () => void) {
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      close();
      root.current?.querySelector<HTMLElement>("[data-menu-button]")?.focus();
    };
    const onClick = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) close();
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open, close]);
  return root;
}

function AccountMenu() {
  const { address, isConnected } = useAccount();
  return (
    <>
      {!isConnected || !address ? <ConnectMenu /> : <AccountPanel address={address} />}
      <NetworkBanner />
    </>
  );
}

export default withWallet(AccountMenu);

function ConnectMenu() {
  const { t } = useT();
  const { demo } = useSpin();
  const connectors = useConnectors();
  const { connect, isPending, error } = useConnect();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    setOpen(takeOpenMenu());
    const onOpen = () => (takeOpenMenu(), setOpen(true));
    window.addEventListener(OPEN_EVENT, onOpen);
    return () => window.removeEventListener(OPEN_EVENT, onOpen);
  }, []);
  const close = () => setOpen(false);
  const dismiss = () => (close(), chooserDismissed());
  const root = useDismiss(open, dismiss);
  const injected = connectors.filter((c) => c.id !== BURNER_ID && c.id !== "injected");
  const burner = connectors.find((c) => c.id === BURNER_ID);
  const use = (connector: Connector) =>
    connect({ connector }, { onSuccess: () => (rememberConnection(true), close()) });
  return (
    <div className="menu" ref={root}>
      <button
        type="button"
        className="primary"
        aria-expanded={open}
        aria-controls="wallet-menu"
        onClick={() => (open ? dismiss() : setOpen(true))}
        data-testid="connect"
        data-menu-button
      >
        {t("wallet.connect")}
      </button>
      {open && (
        <div className="menu-panel" id="wallet-menu" role="group" aria-label={t("wallet.choose")}>
          <p className="menu-title">{t("wallet.choose")}</p>
          {injected.length === 0 && <p className="muted">{t("wallet.noneFound")}</p>}
          <ul className="plain">
            {injected.map((c) => (
              <li key={c.uid}>
                <button type="button" disabled={isPending} onClick={() => use(c)}>
                  {c.icon ? <img src={c.icon} alt="" width={20} height={20} /> : null} {c.name}
                </button>
              </li>
            ))}
            {burner && (
              <li>
                <button type="button" disabled={isPending} onClick={() => use(burner)}>
                  {t("wallet.burner")}
                </button>
                <p className="muted small">{t("wallet.burnerHint")}</p>
              </li>
            )}
          </ul>
          {burner && demo && (
            <>
              <DemoIdentities burner={burner} onDone={close} />
              <ImportKey burner={burner} onDone={close} />
            </>
          )}
          {error && (
            <p className="error" role="alert">
              {error.message}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

function AccountPanel({ address }: { address: `0x${string}` }) {
  const { t, locale } = useT();
  const { disconnect } = useDisconnect();
  const info = useAccountInfo(address);
  const claimable = useClaimable(address);
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  const root = useDismiss(open, close);
  const label = info.data?.name ?? shortAddress(address);
  return (
    <div className="menu account" ref={root}>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="account-menu"
        onClick={() => setOpen(!open)}
        data-testid="account"
        data-menu-button
        title={address}
      >
        <span data-testid="account-name">{label}</span>
        {info.data && (
          <span className={`badge status-${info.data.status}`}>
            {t(`kind.${info.data.kind}` as MessageKey)}
          </span>
        )}
      </button>
      {open && (
        <div className="menu-panel" id="account-menu" role="group" aria-label={t("wallet.account")}>
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
                <dd data-testid="account-status">
                  {t(`status.${info.data.status}` as MessageKey)}
                </dd>
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
            <Link href="/wallet" onClick={close}>
              {t("wallet.title")}
            </Link>
          </p>
          <button
            type="button"
            onClick={() => {
              rememberConnection(false);
              disconnect();
              close();
            }}
          >
            {t("wallet.disconnect")}
          </button>
        </div>
      )}
    </div>
  );
}
