"use client";
/** The configuration and the address book, handed down from the server to every component. */
import { abis, type AddressBook } from "@spin/shared";
import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { Address } from "viem";
import type { SpinConfig } from "./config";

function contractsOf(book: AddressBook) {
  const at = <K extends keyof typeof abis>(name: K) => ({
    address: book.contracts[name].address as Address,
    abi: abis[name],
  });
  return {
    registry: at("CommonsRegistry"),
    admissions: at("Admissions"),
    coin: at("SpinCoin"),
    governor: at("SpinGovernor"),
    timelock: at("SpinTimelock"),
    fund: at("CommonFund"),
    templates: at("LicenceTemplates"),
    works: at("WorksRegistry"),
    licensing: at("Licensing"),
  };
}

export type SpinContracts = ReturnType<typeof contractsOf>;

interface SpinContextValue {
  config: SpinConfig;
  book: AddressBook;
  contracts: SpinContracts;
}

const SpinContext = createContext<SpinContextValue | null>(null);

export function SpinProvider(props: {
  config: SpinConfig;
  book: AddressBook;
  children: ReactNode;
}) {
  const { config, book } = props;
  const value = useMemo(() => ({ config, book, contracts: contractsOf(book) }), [config, book]);
  return <SpinContext.Provider value={value}>{props.children}</SpinContext.Provider>;
}

export function useSpin(): SpinContextValue {
  const value = useContext(SpinContext);
  if (!value) throw new Error("useSpin needs a SpinProvider above it");
  return value;
}
