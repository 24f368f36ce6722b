"use client";
/**
 * A balance whose owner may not be able to claim it, read live from the chain: what is owed, the
 * owner's standing, the running mark (`unclaimableMark`) and the contract's `UNCLAIMED_PERIOD`.
 * Read from the chain, not the API, because the offer to mark must match what the contract will
 * check in the next block (the API does not serve licensing's marks).
 */
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { getBlock, readContract } from "viem/actions";
import { useClient } from "wagmi";
import { useContracts } from "@/lib/contracts";
import type { UnclaimableView } from "@/lib/unclaimable";

export type UnclaimableTarget =
  | { kind: "share"; workId: bigint; contributor: Address }
  | { kind: "stream"; streamId: bigint };

export function useUnclaimable(target: UnclaimableTarget, me: Address | undefined) {
  const client = useClient();
  const contracts = useContracts();
  const key =
    target.kind === "share"
      ? ["unclaimable", "share", target.workId.toString(), target.contributor, me]
      : ["unclaimable", "stream", target.streamId.toString(), me];
  return useQuery<UnclaimableView & { now: number; owner: Address }>({
    queryKey: key,
    enabled: Boolean(client && me),
    queryFn: async () => {
      const c = client!;
      const registry = contracts.registry;
      const owned =
        target.kind === "share"
          ? await Promise.all([
              readContract(c, {
                ...contracts.licensing,
                functionName: "claimable",
                args: [target.workId, target.contributor],
              }),
              readContract(c, {
                ...contracts.works,
                functionName: "workOf",
                args: [target.workId],
              }),
              readContract(c, {
                ...contracts.licensing,
                functionName: "unclaimableMark",
                args: [target.workId, target.contributor],
              }),
              readContract(c, { ...contracts.licensing, functionName: "UNCLAIMED_PERIOD" }),
            ]).then(([owed, work, mark, period]) => ({
              owner: target.contributor,
              owed,
              workSuspended: work.suspended,
              sweepableAt: Number(mark[1]),
              period: Number(period),
            }))
          : await Promise.all([
              readContract(c, {
                ...contracts.fund,
                functionName: "stream",
                args: [target.streamId],
              }),
              readContract(c, {
                ...contracts.fund,
                functionName: "unclaimableMark",
                args: [target.streamId],
              }),
              readContract(c, { ...contracts.fund, functionName: "UNCLAIMED_PERIOD" }),
            ]).then(([stream, mark, period]) => ({
              owner: stream.recipient,
              owed: stream.amount - stream.claimed,
              workSuspended: false,
              sweepableAt: Number(mark[1]),
              period: Number(period),
            }));
      const [callerAllowed, ownerAllowed, ownerStatus, block] = await Promise.all([
        readContract(c, { ...registry, functionName: "isAllowed", args: [me!] }),
        readContract(c, { ...registry, functionName: "isAllowed", args: [owned.owner] }),
        readContract(c, { ...registry, functionName: "statusOf", args: [owned.owner] }),
        getBlock(c),
      ]);
      return {
        ...owned,
        callerAllowed,
        ownerAllowed,
        ownerStatus: Number(ownerStatus),
        now: Number(block.timestamp),
      };
    },
  });
}
