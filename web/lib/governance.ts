"use client";
/**
 * Proposing a registry decision through governance: suspend a member (the registry), or reject
 * an application during its window (Admissions). The timelock executes what passes.
 */
import { encodeFunctionData, type Address } from "viem";
import { useTransaction } from "@/hooks/useTransaction";
import { useContracts } from "./contracts";

export type RegistryDecision =
  | { fn: "rejectApplication"; account: Address; reason: string }
  | { fn: "suspend"; account: Address; reason: string };

export function useRegistryProposal() {
  const contracts = useContracts();
  const tx = useTransaction();
  const propose = (call: RegistryDecision, title: string) => {
    const [target, data] =
      call.fn === "rejectApplication"
        ? [
            contracts.admissions.address,
            encodeFunctionData({
              abi: contracts.admissions.abi,
              functionName: "rejectApplication",
              args: [call.account, call.reason],
            }),
          ]
        : [
            contracts.registry.address,
            encodeFunctionData({
              abi: contracts.registry.abi,
              functionName: "suspend",
              args: [call.account, call.reason],
            }),
          ];
    void tx.run({
      ...contracts.governor,
      functionName: "propose",
      args: [[target], [0n], [data], `# ${title}`],
    });
  };
  return { tx, propose };
}
