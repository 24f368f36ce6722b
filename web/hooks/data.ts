"use client";
/**
 * The wallet islands' queries (read pages get their data on the server: lib/server/api.ts).
 * Lookups come from the indexer's API; live per-account state (balance, what can be claimed
 * now) and the chain's clock come from the chain.
 */
import { getBlock, readContract } from "viem/actions";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useClient } from "wagmi";
import { ApiError, apiGet, listAll } from "@/lib/api";
import { useContracts } from "@/lib/contracts";
import {
  toClaimable,
  toParticipant,
  toStream,
  toSubFund,
  toTemplate,
  toWorkDetail,
  type Claimable,
  type ClaimableRow,
  type Participant,
  type ParticipantRow,
  type StreamRow,
  type SubFundRow,
  type TemplateRow,
  type WorkDetailRow,
} from "@/lib/model";
import { decodeProfile } from "@/lib/profile";

/** Lists refresh on their own this often, so countdowns and phases move without a reload. */
const LIST_REFRESH_MS = 10_000;

function usePublic() {
  const client = useClient();
  if (!client) throw new Error("no public client for the SPIN chain");
  return client;
}

async function fetchWork(id: bigint) {
  try {
    return toWorkDetail(await apiGet<WorkDetailRow>(`/works/${id}`));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

const workQuery = (id: bigint) => ({
  queryKey: ["work", id.toString()],
  queryFn: () => fetchWork(id),
});

export function useWork(id: bigint) {
  return useQuery({ ...workQuery(id), enabled: id >= 0n });
}

export function useTemplates() {
  return useQuery({
    queryKey: ["templates"],
    queryFn: async () =>
      (await apiGet<{ items: TemplateRow[] }>("/licences/templates")).items.map(toTemplate),
    staleTime: 60_000,
  });
}

/** One account as the commons knows it; kind and status 0 (None) when it never applied. */
export function useParticipant(account: Address | undefined) {
  return useQuery<Participant>({
    queryKey: ["participant", account],
    enabled: Boolean(account),
    queryFn: async () => {
      try {
        return toParticipant(await apiGet<ParticipantRow>(`/participants/${account}`));
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) throw error;
        return {
          account: account!,
          kind: 0,
          status: 0,
          profileURI: "",
          windowEnd: 0,
          vouches: 0,
        };
      }
    },
  });
}

export function useSubFunds() {
  return useQuery({
    queryKey: ["subFunds"],
    queryFn: async () => (await apiGet<{ items: SubFundRow[] }>("/funds")).items.map(toSubFund),
  });
}

/** An account's streams from the fund, newest first. */
export function useStreams(recipient: Address | undefined) {
  return useQuery({
    queryKey: ["streams", recipient],
    enabled: Boolean(recipient),
    queryFn: async () =>
      (await listAll<StreamRow>("/streams", { recipient: recipient!.toLowerCase() })).map(toStream),
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
  /** The profile's (or place's) name, when it has one. */
  name?: string;
}

const ZERO: Address = "0x0000000000000000000000000000000000000000";

/** Kind, status and delegate from the API; the balance, live, from the chain. */
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
      const name = p.place?.name || decodeProfile(p.profileURI)?.name;
      return { kind: p.kind, status: p.status, balance, delegate: p.delegate ?? ZERO, name };
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
      toClaimable(await apiGet<ClaimableRow>(`/accounts/${account!.toLowerCase()}/claimable`)),
  });
}
