"use client";
/**
 * Queries. Lists and lookups come from the indexer's API; live per-account state (balance,
 * what can be claimed now) and the chain's clock come from the chain.
 */
import { getBlock, readContract } from "viem/actions";
import {
  useInfiniteQuery,
  useQuery,
  useQueryClient,
  type QueryClient,
} from "@tanstack/react-query";
import type { Address } from "viem";
import { useClient } from "wagmi";
import { ApiError, apiGet, listAll, listQuery, type BundleSummary } from "@/lib/api";
import { layoutLineage, type LineageWork } from "@/lib/lineage";
import {
  toClaimable,
  toParticipant,
  toProposal,
  toStream,
  toSubFund,
  toTemplate,
  toVotes,
  toWork,
  toWorkDetail,
  type Claimable,
  type ClaimableRow,
  type Page,
  type Participant,
  type ParticipantRow,
  type Proposal,
  type ProposalRow,
  type StreamRow,
  type SubFundRow,
  type TemplateRow,
  type VoteRow,
  type WorkDetailRow,
  type WorkRow,
} from "@/lib/model";
import { useContracts } from "@/lib/contracts";
import { decodeProfile } from "@/lib/profile";

/** Lists refresh on their own this often, so countdowns and phases move without a reload. */
const LIST_REFRESH_MS = 10_000;

function usePublic() {
  const client = useClient();
  if (!client) throw new Error("no public client for the SPIN chain");
  return client;
}

/** A list that grows page by page (a "more" button calls fetchNextPage). */
function usePaged<Row, T>(
  key: string,
  path: string,
  params: Record<string, string | undefined>,
  convert: (row: Row) => T,
  pageSize = 24,
  refetchInterval?: number,
) {
  return useInfiniteQuery({
    refetchInterval,
    queryKey: [key, params],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) => {
      const page = await apiGet<Page<Row>>(
        listQuery(path, { ...params, limit: String(pageSize), cursor: pageParam ?? undefined }),
      );
      return { items: page.items.map(convert), nextCursor: page.nextCursor ?? null };
    },
    getNextPageParam: (last) => last.nextCursor,
    select: (data) => data.pages.flatMap((p) => p.items),
  });
}

export interface WorkFilters {
  q?: string;
  licenceId?: string;
  adopter?: string;
  contributor?: string;
  tag?: string;
  machine?: string;
}

/** Works, newest first, filtered by the API (full-text search, licence, adopter, contributor,
 * exact tag and machine). */
export function useWorks(filters: WorkFilters = {}, pageSize?: number) {
  return usePaged<WorkRow, ReturnType<typeof toWork>>(
    "works",
    "/works",
    { ...filters },
    toWork,
    pageSize,
  );
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

/** A work's ancestors and forks, a few generations each way, walked through /works/{id}. */
async function fetchLineage(client: QueryClient, focus: bigint, depth: number) {
  const known = new Map<bigint, LineageWork>();
  let frontier = [focus];
  for (let level = 0; level <= depth && frontier.length; level++) {
    const fetched = await Promise.all(
      frontier.filter((id) => !known.has(id)).map((id) => client.fetchQuery(workQuery(id))),
    );
    frontier = [];
    for (const w of fetched) {
      if (!w) continue;
      known.set(w.id, { id: w.id, parents: w.parents, children: w.children });
      frontier.push(...w.parents, ...w.children);
    }
  }
  return layoutLineage([...known.values()], focus);
}

export function useLineage(focus: bigint) {
  const client = useQueryClient();
  return useQuery({
    queryKey: ["lineage", focus.toString()],
    queryFn: () => fetchLineage(client, focus, 4),
  });
}

/** The tags and machines stored bundles use, for the works filters. */
export function useFacets() {
  return useQuery({
    queryKey: ["facets"],
    queryFn: async () => {
      const tags = new Set<string>();
      const machines = new Set<string>();
      for (const b of await listAll<BundleSummary>("/content")) {
        b.tags.forEach((x) => tags.add(x));
        b.machines.forEach((x) => machines.add(x));
      }
      return { tags: [...tags].sort(), machines: [...machines].sort() };
    },
    staleTime: 60_000,
  });
}

export function useTemplates() {
  return useQuery({
    queryKey: ["templates"],
    queryFn: async () =>
      (await apiGet<{ items: TemplateRow[] }>("/licences/templates")).items.map(toTemplate),
    staleTime: 60_000,
  });
}

export interface ParticipantFilters {
  kind?: string;
  status?: string;
  machine?: string;
}

export function useParticipants(filters: ParticipantFilters = {}) {
  return usePaged<ParticipantRow, Participant>(
    "participants",
    "/participants",
    { ...filters },
    toParticipant,
    50,
  );
}

/** Every place (a community has tens, not thousands). */
export function usePlaces() {
  return useQuery({
    queryKey: ["places"],
    queryFn: async () =>
      (await listAll<ParticipantRow>("/participants", { kind: "Place" }))
        .map(toParticipant)
        .flatMap((p) => (p.place ? [p.place] : [])),
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

/** Proposals, newest first, refreshed on a timer: phases change with time, not only with votes. */
export function useProposals() {
  return usePaged<ProposalRow, Proposal>(
    "proposals",
    "/proposals",
    {},
    toProposal,
    20,
    LIST_REFRESH_MS,
  );
}

export function useVotes(proposalId: bigint, enabled: boolean) {
  return useQuery({
    queryKey: ["votes", proposalId.toString()],
    enabled,
    queryFn: async () =>
      toVotes((await apiGet<{ votes: VoteRow[] }>(`/proposals/${proposalId}`)).votes),
  });
}

export function useSubFunds() {
  return useQuery({
    queryKey: ["subFunds"],
    queryFn: async () => (await apiGet<{ items: SubFundRow[] }>("/funds")).items.map(toSubFund),
  });
}

export interface Movement {
  block_number: number;
  sub_fund: number;
  kind: string;
  amount: string;
  memo: string;
}

export function useMovements(subFunds: readonly number[]) {
  return useQuery<Record<number, Movement[]>>({
    queryKey: ["movements", subFunds.join(",")],
    queryFn: async () => {
      const entries = await Promise.all(
        subFunds.map(
          async (id) =>
            [id, (await apiGet<Page<Movement>>(`/funds/${id}/movements?limit=100`)).items] as const,
        ),
      );
      return Object.fromEntries(entries);
    },
    enabled: subFunds.length > 0,
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
