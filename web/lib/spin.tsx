"use client";
/** The configuration and the address book (addresses only), handed down from the server. */
import type { AddressBook } from "@spin/shared";
import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { SpinConfig } from "./config";

interface SpinContextValue {
  config: SpinConfig;
  book: AddressBook;
  /** Local-chain demo identities are offered (chain 31337 with a local node configured). */
  demo: boolean;
}

const SpinContext = createContext<SpinContextValue | null>(null);

export function SpinProvider(props: {
  config: SpinConfig;
  book: AddressBook;
  demo: boolean;
  children: ReactNode;
}) {
  const { config, book, demo } = props;
  const value = useMemo(() => ({ config, book, demo }), [config, book, demo]);
  return <SpinContext.Provider value={value}>{props.children}</SpinContext.Provider>;
}

/** The settings, or null outside a SpinProvider (the wallet's code then reads them itself). */
export function useSpinContext(): SpinContextValue | null {
  return useContext(SpinContext);
}

export function useSpin(): SpinContextValue {
  const value = useContext(SpinContext);
  if (!value) throw new Error("useSpin needs a SpinProvider above it");
  return value;
}
