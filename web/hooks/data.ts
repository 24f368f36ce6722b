"use client";
/**
 * The wallet islands' queries (read pages get their data on the server: lib/server/api.ts).
 * Lookups come from the indexer's API through the one typed client; live per-account state
 * (balance) and the chain's clock come from the chain.
 */
import { getBlock, readContract } from "viem/actions";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useClient } from "wagmi";
import { allPages, must, orNull } from "@/lib/api/client";
import { browserApi } from "@/lib/api/browser";
import { useContracts } from "@/lib/contracts";
import {
  toClaimable,
  toParticipant,
  toStream,
  toSubFund,
  toTemplate,
  toWorkDetail,
  type Claimable,
  type Participant,
} from "@/lib/model";

/** Lists refresh on their own this often, so countdowns and phases move without a reload. */
const LIST_REFRESH_MS = 10_000;

function usePublic() {
  const client = useClient();
  if (!client) throw new Error("no public client for the SPIN chain");
  return client;
}

/** A work's page row (its title for links), or null when the API knows no such work. */
export function useWork(id: bigint) {
  return useQuery({
    queryKey: ["work", id.toString()],
    enabled: id >= 0n,
    queryFn: async () => {
      const row = await orNull(
        browserApi.GET("/works/{workId}", { params: { path: { workId: id.toString() } } }),
      );
      return row ? toWorkDetail(row) : null;
    },
  });
}

export function useTemplates() {
  return useQuery({
    queryKey: ["templates"],
    queryFn: async () => (await must(browserApi.GET("/licences/templates"))).items.map(toTemplate),
    staleTime: 60_000,
  });
}

/** One account as the commons knows it; kind and status 0 (None) when it never applied. */
export function useParticipant(account: Address | undefined) {
  return useQuery<Participant>({
    queryKey: ["participant", account],
    enabled: Boolean(account),
    queryFn: async () => {
      const row = await orNull(
        browserApi.GET("/participants/{account}", {
          params: { path: { account: account!.toLowerCase() } },
        }),
      );
      return row
        ? toParticipant(row)
        : { account: account!, kind: 0, status: 0, windowEnd: 0, vouches: 0 };
    },
  });
}

export function useSubFunds() {
  return useQuery({
    queryKey: ["subFunds"],
    queryFn: async () => (await must(browserApi.GET("/funds"))).items.map(toSubFund),
  });
}

/** An account's streams from the fund, newest first. */
export function useStreams(recipient: Address | undefined) {
  return useQuery({
    queryKey: ["streams", recipient],
    enabled: Boolean(recipient),
    queryFn: async () =>
      (
        await allPages((cursor) =>
          browserApi.GET("/streams", {
            params: { query: { recipient: recipient!.toLowerCase(), limit: "100", cursor } },
          }),
        )
      ).map(toStream),
  });
}

/** The admission rule: vouches needed and the window to gather them. */
export function useRules() {
  return useQuery({
    queryKey: ["rules"],
    queryFn: () => orNull(browserApi.GET("/registry/rules")),
    staleTime: 60_000,
  });
}

/** The chain's clock (latest block timestamp), for countdowns. */
export function useChainTime() {
  const client = usePublic();
  return useQuery<number>({
    queryKey: ["chainTime"],
    queryFn: async () => Number((await getBlock(client)).timestamp),
    refetchInterval: 5_000,
  });
}

export interface AccountInfo {
  kind: number;
  status: number;
  balance: bigint;
  /** Zero address when the account never delegated. */
  delegate: Address;
  /** The API's name for the account, when it has one. */
  name?: string;
}

const ZERO: Address = "0x0000000000000000000000000000000000000000";

/** Kind, status, name and delegate from the API; the balance, live, from the chain. */
export function useAccountInfo(account: Address | undefined) {
  const client = usePublic();
  const contracts = useContracts();
  const participant = useParticipant(account);
  return useQuery<AccountInfo>({
    queryKey: ["account", account, participant.dataUpdatedAt],
    enabled: Boolean(account) && participant.isSuccess,
    queryFn: async () => {
      const balance = await readContract(client, {
        ...contracts.coin,
        functionName: "balanceOf",
        args: [account!],
      });
      const p = participant.data!;
      return {
        kind: p.kind,
        status: p.status,
        balance,
        delegate: p.delegate ?? ZERO,
        name: p.name,
      };
    },
  });
}

/** Licence earnings and stream payouts the account can claim now (/accounts/{account}/claimable). */
export function useClaimable(account: Address | undefined) {
  return useQuery<Claimable>({
    queryKey: ["claimable", account],
    enabled: Boolean(account),
    refetchInterval: LIST_REFRESH_MS,
    queryFn: async () =>
      toClaimable(
        await must(
          browserApi.GET("/accounts/{account}/claimable", {
            params: { path: { account: account!.toLowerCase() } },
          }),
        ),
      ),
  });
}
