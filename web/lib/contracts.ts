"use client";
/** SPIN's contracts with their ABIs, for the wallet's reads and writes (loaded with the wallet). */
import { abis, type AddressBook } from "@spin/shared";
import { useMemo } from "react";
import type { Address } from "viem";
import { useSpin } from "./spin";

export function contractsOf(book: AddressBook) {
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

export function useContracts(): SpinContracts {
  const { book } = useSpin();
  return useMemo(() => contractsOf(book), [book]);
}
