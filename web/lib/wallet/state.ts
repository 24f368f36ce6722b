"use client";
/**
 * Whether this browser uses a wallet at all. Until a person connects (or did before), the wallet
 * code (wagmi, viem's signing and the write forms) is not downloaded: read pages stay light.
 */
import { useSyncExternalStore } from "react";
import {
  OPEN_WALLET_KEY,
  WALLET_COOKIE_MAX_AGE,
  WALLET_STORAGE_KEY,
  walletCookie,
} from "@/lib/lite";

const listeners = new Set<() => void>();
let wanted: boolean | undefined;
let openMenu = false;

function current(): boolean {
  if (wanted === undefined) {
    // A light read page asked for the wallet and loaded this page for it: open the chooser.
    openMenu = window.sessionStorage.getItem(OPEN_WALLET_KEY) === "1";
    window.sessionStorage.removeItem(OPEN_WALLET_KEY);
    wanted = openMenu || window.localStorage.getItem(WALLET_STORAGE_KEY) === "1";
  }
  return wanted;
}

function notify(): void {
  for (const listener of listeners) listener();
}

/** True once the person asked for a wallet, in this visit or an earlier one. */
export function useWalletWanted(): boolean {
  return useSyncExternalStore(
    (listener) => (listeners.add(listener), () => void listeners.delete(listener)),
    current,
    () => false,
  );
}

/** Loads the wallet code; `open` shows the wallet chooser as soon as it is there. */
export function wantWallet(open = true): void {
  openMenu = open;
  wanted = true;
  notify();
  if (open) window.dispatchEvent(new Event(OPEN_EVENT));
}

/** Fired when something asks for the wallet chooser (a "connect" button outside the header). */
export const OPEN_EVENT = "spin:open-wallet";

/** Read once by the wallet menu when it mounts. */
export function takeOpenMenu(): boolean {
  const value = openMenu;
  openMenu = false;
  return value;
}

/**
 * Remembers a connection (so the wallet loads on the next visit, and the server sends the read
 * pages with their islands) or forgets it (read pages are light again).
 */
export function rememberConnection(connected: boolean): void {
  if (connected) {
    window.localStorage.setItem(WALLET_STORAGE_KEY, "1");
    document.cookie = walletCookie(WALLET_COOKIE_MAX_AGE);
  } else {
    window.localStorage.removeItem(WALLET_STORAGE_KEY);
    document.cookie = walletCookie(0);
  }
}

/**
 * The wallet chooser was closed without a connection. A browser that has never connected goes
 * back to light read pages: the cookie that "Connect" on a light page set for the visit is
 * cleared (the page shown stays as it is; the next one loaded is light).
 */
export function chooserDismissed(): void {
  if (window.localStorage.getItem(WALLET_STORAGE_KEY) !== "1") document.cookie = walletCookie(0);
}
