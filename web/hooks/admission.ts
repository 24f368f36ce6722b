"use client";
/**
 * Live admission state from the chain, for the wallet's islands: an application as Admissions
 * reports it now, the connected member's standing, budget and vouch for it, and the chain's
 * clock. Read from the chain, not the API, because the decision to offer a vouch must match what
 * the contract will check in the next block.
 */
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { getBlock, readContract } from "viem/actions";
import { useClient } from "wagmi";
import type { ApplicationView, VoucherView } from "@/lib/admission";
import { useContracts } from "@/lib/contracts";

export interface AdmissionView {
  now: number;
  application: ApplicationView & { profileURIHash: `0x${string}` };
  voucher: VoucherView | null;
}

/** The application of `candidate` and, when a wallet is connected, what `me` may do for it. */
export function useAdmission(candidate: Address, me: Address | undefined) {
  const client = useClient();
  const contracts = useContracts();
  return useQuery<AdmissionView>({
    queryKey: ["admission", candidate, me],
    enabled: Boolean(client),
    refetchInterval: 10_000,
    queryFn: async () => {
      const c = client!;
      const admissions = contracts.admissions;
      const [block, app] = await Promise.all([
        getBlock(c),
        readContract(c, { ...admissions, functionName: "applicationOf", args: [candidate] }),
      ]);
      let voucher: VoucherView | null = null;
      if (me) {
        const [standing, rule, budget, vouched] = await Promise.all([
          readContract(c, { ...contracts.registry, functionName: "standingOf", args: [me] }),
          readContract(c, { ...admissions, functionName: "admissionRule" }),
          readContract(c, { ...admissions, functionName: "vouchBudgetOf", args: [me] }),
          readContract(c, { ...admissions, functionName: "hasVouched", args: [candidate, me] }),
        ]);
        voucher = {
          account: me,
          kind: standing.kind,
          status: standing.status,
          memberSince: Number(standing.memberSince),
          seniority: rule.voucherSeniority,
          budgetLeft: budget[0],
          nextPeriod: Number(budget[1]),
          vouched,
        };
      }
      return {
        now: Number(block.timestamp),
        application: {
          state: app.state,
          vouches: app.vouches,
          threshold: app.threshold,
          windowEnd: Number(app.windowEnd),
          admissibleAt: Number(app.admissibleAt),
          profileHash: app.profileHash,
          profileURIHash: app.profileURIHash,
        },
        voucher,
      };
    },
  });
}

/** The connected account's standing on the registry (vote ripening, seniority), live. */
export function useStanding(account: Address | undefined) {
  const client = useClient();
  const contracts = useContracts();
  return useQuery({
    queryKey: ["standing", account],
    enabled: Boolean(client && account),
    queryFn: async () => {
      const [standing, block] = await Promise.all([
        readContract(client!, {
          ...contracts.registry,
          functionName: "standingOf",
          args: [account!],
        }),
        getBlock(client!),
      ]);
      return {
        kind: standing.kind,
        status: standing.status,
        memberSince: Number(standing.memberSince),
        voteRipensAt: Number(standing.voteRipensAt),
        now: Number(block.timestamp),
      };
    },
  });
}

/**
 * What a signature for Admissions needs from the chain when it is made: the signer's next nonce
 * (`nonces`) and the latest block's time (the deadline counts from it, not from this computer's
 * clock).
 */
export function useSigningClock(): (signer: Address) => Promise<{ nonce: bigint; now: bigint }> {
  const client = useClient();
  const contracts = useContracts();
  return async (signer) => {
    if (!client) throw new Error("no chain client: the wallet is not ready");
    const [nonce, block] = await Promise.all([
      readContract(client, { ...contracts.admissions, functionName: "nonces", args: [signer] }),
      getBlock(client),
    ]);
    return { nonce, now: block.timestamp };
  };
}
