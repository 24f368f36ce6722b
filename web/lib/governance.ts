"use client";
/** Proposing a registry decision (admit an applicant, suspend a member) through governance. */
import { encodeFunctionData, type Address } from "viem";
import { useTransaction } from "@/hooks/useTransaction";
import { useContracts } from "./contracts";

export function useRegistryProposal() {
  const contracts = useContracts();
  const tx = useTransaction();
  const propose = (
    call:
      | { fn: "admitApplicant"; account: Address }
      | { fn: "suspend"; account: Address; reason: string },
    title: string,
  ) => {
    const data =
      call.fn === "admitApplicant"
        ? encodeFunctionData({
            abi: contracts.registry.abi,
            functionName: "admitApplicant",
            args: [call.account],
          })
        : encodeFunctionData({
            abi: contracts.registry.abi,
            functionName: "suspend",
            args: [call.account, call.reason],
          });
    void tx.run({
      ...contracts.governor,
      functionName: "propose",
      args: [[contracts.registry.address], [0n], [data], `# ${title}`],
    });
  };
  return { tx, propose };
}
