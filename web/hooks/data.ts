"use client";
/** Queries: lists folded from events, the indexer's bundles and fund history, live chain reads. */
import { getBlock, getLogs, readContract } from "viem/actions";
import { abis } from "@spin/shared";
import { useQuery } from "@tanstack/react-query";
import { parseEventLogs, type Abi, type Address } from "viem";
import { useClient } from "wagmi";
import { allBundles, apiGet, type BundleSummary, type Page } from "@/lib/api";
import { buildSnapshot, type DecodedLog, type Proposal, type Snapshot } from "@/lib/snapshot";
import { useSpin } from "@/lib/spin";

const allEventsAbi: Abi = (Object.values(abis) as Abi[]).flatMap((abi) =>
  abi.filter((item) => item.type === "event"),
);

function usePublic() {
  const client = useClient();
  if (!client) throw new Error("no public client for the SPIN chain");
  return client;
}

/** The lists, from every SPIN event since deployment. */
export function useSnapshot() {
  const client = usePublic();
  const { book, fromBlock } = useSpin();
  return useQuery<Snapshot>({
    queryKey: ["snapshot"],
    queryFn: async () => {
      const addresses = Object.values(book.contracts).map((c) => c.address as Address);
      const logs = await getLogs(client, { address: addresses, fromBlock, toBlock: "latest" });
      const decoded = parseEventLogs({ abi: allEventsAbi, logs, strict: false });
      return buildSnapshot(decoded as unknown as DecodedLog[]);
    },
  });
}

/** Front matter of every stored bundle, keyed by lower-case content hash. */
export function useBundles(q?: string) {
  return useQuery<Map<string, BundleSummary>>({
    queryKey: ["bundles", q ?? ""],
    queryFn: async () =>
      new Map((await allBundles(q)).map((b) => [b.content_hash.toLowerCase(), b])),
  });
}

export interface SubFundView {
  id: number;
  name: string;
  balance: bigint;
  lockedUntil: number;
  capBps: number;
}

export function useSubFunds() {
  const client = usePublic();
  const { contracts } = useSpin();
  return useQuery<SubFundView[]>({
    queryKey: ["subFunds"],
    queryFn: async () => {
      const count = await readContract(client, { ...contracts.fund, functionName: "subFundCount" });
      const ids = Array.from({ length: Number(count) }, (_, i) => i);
      return Promise.all(
        ids.map(async (id) => {
          const f = await readContract(client, {
            ...contracts.fund,
            functionName: "subFund",
            args: [BigInt(id)],
          });
          return {
            id,
            name: f.name,
            balance: f.balance,
            lockedUntil: Number(f.lockedUntil),
            capBps: f.capBps,
          };
        }),
      );
    },
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

/** The chain's clock (latest block timestamp), for countdowns. */
export function useChainTime() {
  const client = usePublic();
  return useQuery<number>({
    queryKey: ["chainTime"],
    queryFn: async () => Number((await getBlock(client)).timestamp),
    refetchInterval: 5_000,
  });
}

export interface ProposalLive {
  state: number;
  against: bigint;
  for: bigint;
  abstain: bigint;
  quorum: bigint;
  eta: bigint;
}

export function useProposalLive(proposal: Proposal) {
  const client = usePublic();
  const { contracts } = useSpin();
  return useQuery<ProposalLive>({
    queryKey: ["proposal", proposal.id.toString()],
    queryFn: async () => {
      const g = contracts.governor;
      const [state, votes, clock, eta] = await Promise.all([
        readContract(client, { ...g, functionName: "state", args: [proposal.id] }),
        readContract(client, { ...g, functionName: "proposalVotes", args: [proposal.id] }),
        readContract(client, { ...g, functionName: "clock" }),
        readContract(client, { ...g, functionName: "proposalEta", args: [proposal.id] }),
      ]);
      const timepoint =
        proposal.voteStart < BigInt(clock) ? proposal.voteStart : BigInt(clock) - 1n;
      const quorum = await readContract(client, {
        ...g,
        functionName: "quorum",
        args: [timepoint],
      });
      return {
        state: Number(state),
        against: votes[0],
        for: votes[1],
        abstain: votes[2],
        quorum,
        eta,
      };
    },
    refetchInterval: 5_000,
  });
}

export interface AccountInfo {
  kind: number;
  status: number;
  balance: bigint;
  delegate: Address;
  votes: bigint;
  earnings: { workId: bigint; amount: bigint }[];
}

export function useAccountInfo(account: Address | undefined) {
  const client = usePublic();
  const { contracts } = useSpin();
  const snapshot = useSnapshot();
  return useQuery<AccountInfo>({
    queryKey: ["account", account, snapshot.dataUpdatedAt],
    enabled: Boolean(account) && snapshot.isSuccess,
    queryFn: async () => {
      const who = account as Address;
      const r = contracts.registry;
      const [kind, status, balance, delegate, votes] = await Promise.all([
        readContract(client, { ...r, functionName: "kindOf", args: [who] }),
        readContract(client, { ...r, functionName: "statusOf", args: [who] }),
        readContract(client, { ...contracts.coin, functionName: "balanceOf", args: [who] }),
        readContract(client, { ...r, functionName: "delegates", args: [who] }),
        readContract(client, { ...r, functionName: "getVotes", args: [who] }),
      ]);
      const mine = (snapshot.data?.works ?? []).filter((w) =>
        w.contributors.some((c) => c.toLowerCase() === who.toLowerCase()),
      );
      const earnings = await Promise.all(
        mine.map(async (w) => ({
          workId: w.id,
          amount: await readContract(client, {
            ...contracts.licensing,
            functionName: "claimable",
            args: [w.id, who],
          }),
        })),
      );
      return {
        kind: Number(kind),
        status: Number(status),
        balance,
        delegate,
        votes,
        earnings: earnings.filter((e) => e.amount > 0n),
      };
    },
  });
}
