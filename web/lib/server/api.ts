/**
 * The indexer's API as the server reads it when it renders a page: the first page of every list,
 * so a reader without JavaScript sees the data. Every server-side read goes through here, so
 * moving to new routes or generated types changes this one module.
 */
import "server-only";
import { cache } from "react";
import { serverConfig, loadAddressBook } from "../server-config";
import { ApiError, listQuery, type Bundle, type BundleSummary } from "../api";
import type {
  Page,
  ParticipantRow,
  ProposalRow,
  SubFundRow,
  TemplateRow,
  VoteRow,
  WorkDetailRow,
  WorkRow,
  StreamRow,
} from "../model";
import { namesFrom, type Names } from "../names";

/** GET a JSON route of the API; 404 as null when asked. */
export async function apiJson<T>(path: string): Promise<T> {
  const response = await fetch(`${serverConfig().apiUrl}${path}`, { cache: "no-store" });
  if (!response.ok) {
    let message = `HTTP ${response.status}`;
    try {
      message = ((await response.json()) as { message?: string }).message ?? message;
    } catch {
      // not JSON: keep the status
    }
    throw new ApiError(message, response.status);
  }
  return (await response.json()) as T;
}

async function orNull<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** Every page of a list (for lists a community keeps short), at most `maxPages` of 100. */
export async function apiAll<T>(
  path: string,
  params: Record<string, string | undefined> = {},
  maxPages = 20,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = await apiJson<Page<T>>(listQuery(path, { ...params, limit: "100", cursor }));
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return out;
}

export const getBook = cache(async () => {
  const loaded = await loadAddressBook(serverConfig().chainId);
  return "book" in loaded ? loaded.book : null;
});

/** Every participant (the directory, names, places), once per request. */
export const getParticipants = cache(() => apiAll<ParticipantRow>("/participants"));

/** Names for every address the pages show: profiles, places and SPIN's contracts. */
export const getNames = cache(async (): Promise<Names> => {
  const [participants, book] = await Promise.all([getParticipants(), getBook()]);
  return namesFrom(participants, book?.contracts ?? {});
});

export const getTemplates = cache(
  async () => (await apiJson<{ items: TemplateRow[] }>("/licences/templates")).items,
);

export const getSubFunds = cache(
  async () => (await apiJson<{ items: SubFundRow[] }>("/funds")).items,
);

export function getWorks(params: Record<string, string | undefined>, limit = 24) {
  return apiJson<Page<WorkRow>>(listQuery("/works", { ...params, limit: String(limit) }));
}

export const getWork = cache((id: string) => orNull(apiJson<WorkDetailRow>(`/works/${id}`)));

export const getBundle = cache((hash: string) => orNull(apiJson<Bundle>(`/content/${hash}`)));

export function getBundles() {
  return apiAll<BundleSummary>("/content");
}

/** A text file of a stored bundle (its README), or null when the store has none. */
export async function getBundleText(hash: string, path: string): Promise<string | null> {
  const url = `${serverConfig().apiUrl}/content/${hash}/files/${path.split("/").map(encodeURIComponent).join("/")}`;
  const response = await fetch(url, { cache: "no-store" });
  if (response.status === 404) return null;
  if (!response.ok) throw new ApiError(`HTTP ${response.status}`, response.status);
  return response.text();
}

export function getProposals(cursor?: string, limit = 20) {
  return apiJson<Page<ProposalRow>>(listQuery("/proposals", { limit: String(limit), cursor }));
}

export const getProposal = cache((id: string) =>
  orNull(apiJson<ProposalRow & { votes: VoteRow[] }>(`/proposals/${id}`)),
);

export function getStreams(params: Record<string, string | undefined> = {}) {
  return apiAll<StreamRow>("/streams", params);
}

export interface ActivityRow {
  block_number: number;
  log_index: number;
  transaction_hash: string;
  contract: string;
  event_name: string;
  args: Record<string, unknown>;
}

export function getActivity(event: string, limit = 8) {
  return apiJson<Page<ActivityRow>>(listQuery("/activity", { event, limit: String(limit) }));
}

export function getAllActivity(event: string) {
  return apiAll<ActivityRow>("/activity", { event });
}

export const getRules = cache(() =>
  orNull(apiJson<{ vouchThreshold: number; vouchWindowSeconds: number }>("/registry/rules")),
);

export interface Health {
  indexedBlock: number | null;
  headBlock: number | null;
  indexedTimestamp?: number | null;
}

export const getHealth = cache(() => apiJson<Health>("/health"));

/** One participant with its delegation (its delegate and its current votes). */
export function getParticipant(account: string) {
  return orNull(
    apiJson<ParticipantRow & { delegation: { delegate: string; votes: string } | null }>(
      `/participants/${account.toLowerCase()}`,
    ),
  );
}

/** Admitted persons with their votes and delegates, most votes first (the delegate directory). */
export async function getDelegates(persons: readonly ParticipantRow[]) {
  const rows = await Promise.all(persons.slice(0, 100).map((p) => getParticipant(p.account)));
  return rows
    .flatMap((r) => (r ? [r] : []))
    .map((r) => ({
      account: r.account,
      votes: BigInt(r.delegation?.votes ?? "0"),
      delegate: r.delegation?.delegate ?? null,
    }))
    .sort((a, b) => (b.votes > a.votes ? 1 : b.votes < a.votes ? -1 : 0));
}
