/**
 * The indexer's API as the server reads it when it renders a page: the first page of every list,
 * so a reader without JavaScript sees the data. Every server-side read goes through the one
 * typed client (lib/api/client.ts); what the API computes (names, the ledger, balances over
 * time, the delegate directory, a proposal's page) is taken from it, never assembled here.
 */
import "./only";
import { profileFromDataUri, type ProfileDocument } from "@spin/shared";
import {
  allPages,
  ApiError,
  apiClient,
  contentFilePath,
  errorBody,
  must,
  orNull,
  type paths,
  type Schema,
} from "../api/client";
import { namesFromLookup, namesFromParticipants, type Names } from "../names";
import { loadAddressBook, serverConfig } from "../server-config";
import { perRequest } from "./request-scope";

/** The API's query parameters of a GET route. */
export type QueryOf<P extends keyof paths> = paths[P] extends {
  get: { parameters: { query?: infer Q } };
}
  ? NonNullable<Q>
  : never;

/** At most this many addresses per /names request (the API's bound). */
const NAMES_PER_REQUEST = 100;

/** The client for this request (the API's URL is read at run time; nothing is cached). */
export const api = perRequest(() => apiClient(serverConfig().apiUrl, { cache: "no-store" }));

export const getBook = perRequest(async () => {
  const loaded = await loadAddressBook(serverConfig().chainId);
  return "book" in loaded ? loaded.book : null;
});

/** Display names of the given addresses (places, profiles, SPIN's contracts), from /names. */
export async function getNames(addresses: Iterable<string | null | undefined>): Promise<Names> {
  const wanted = [
    ...new Set(
      [...addresses].flatMap((a) => (a && /^0x[0-9a-fA-F]{40}$/.test(a) ? [a.toLowerCase()] : [])),
    ),
  ];
  const chunks: string[][] = [];
  for (let i = 0; i < wanted.length; i += NAMES_PER_REQUEST)
    chunks.push(wanted.slice(i, i + NAMES_PER_REQUEST));
  const answers = await Promise.all(
    chunks.map((address) => must(api().GET("/names", { params: { query: { address } } }))),
  );
  return namesFromLookup(answers.flatMap((a) => a.items));
}

/** A page of newcomers' signed applications a member can relay now, with their profiles. */
export function getPendingApplications(cursor?: string, limit = 50) {
  return must(api().GET("/applications", { params: { query: { limit: String(limit), cursor } } }));
}

/** One participant as the API reads it (null when the registry never heard of it). */
export function getParticipant(account: string) {
  return orNull(
    api().GET("/participants/{account}", { params: { path: { account: account.toLowerCase() } } }),
  );
}

/** One page of participants (names included), filtered as the API allows. */
export function getParticipants(query: QueryOf<"/participants"> = {}) {
  return must(api().GET("/participants", { params: { query: { limit: "100", ...query } } }));
}

/** Every place (a short list: a commons has some dozens), for maps and filters. */
export const getPlaces = perRequest(() =>
  allPages((cursor) =>
    api().GET("/participants", { params: { query: { kind: "Place", limit: "100", cursor } } }),
  ),
);

export const getTemplates = perRequest(
  async () => (await must(api().GET("/licences/templates"))).items,
);

export const getSubFunds = perRequest(async () => (await must(api().GET("/funds"))).items);

export function getWorks(query: QueryOf<"/works">, limit = 24) {
  return must(api().GET("/works", { params: { query: { ...query, limit: String(limit) } } }));
}

export const getWork = perRequest((workId: string) =>
  orNull(api().GET("/works/{workId}", { params: { path: { workId } } })),
);

export const getBundle = perRequest((ref: string) =>
  orNull(api().GET("/content/{ref}", { params: { path: { ref } } })),
);

/** Every registered bundle's summary (tags and machines for the works filters). */
export const getBundles = perRequest(() =>
  allPages((cursor) => api().GET("/content", { params: { query: { limit: "100", cursor } } })),
);

/** A text file of a stored bundle (its README), or null when the store has none. */
export async function getBundleText(hash: string, path: string): Promise<string | null> {
  const response = await fetch(`${serverConfig().apiUrl}${contentFilePath(hash, path)}`, {
    cache: "no-store",
  });
  if (response.status === 404) return null;
  if (!response.ok) throw new ApiError(response.status, undefined);
  return response.text();
}

export function getProposals(cursor?: string, limit = 20) {
  return must(api().GET("/proposals", { params: { query: { limit: String(limit), cursor } } }));
}

/** A proposal's page (title, why, decoded calls, timeline, tally, named votes). */
export const getProposal = perRequest((proposalId: string) =>
  orNull(api().GET("/proposals/{proposalId}", { params: { path: { proposalId }, query: {} } })),
);

export function getActivity(event: string, limit = 8) {
  return must(api().GET("/activity", { params: { query: { event, limit: String(limit) } } }));
}

export const getRules = perRequest(() => orNull(api().GET("/registry/rules")));

/** The delegate directory: members by votes delegated to them, most first. */
export function getDelegates(cursor?: string) {
  return must(api().GET("/delegates", { params: { query: { limit: "50", cursor } } }));
}

/** A page of the fund's streams, newest first. */
export function getStreams(cursor?: string, limit = 20) {
  return must(api().GET("/streams", { params: { query: { limit: String(limit), cursor } } }));
}

/** A page of the fund's ledger (newest first), filtered as the API allows. */
export async function getLedger(query: QueryOf<"/funds/ledger">) {
  const page = await must(
    api().GET("/funds/ledger", { params: { query: { ...query, format: "json" } } }),
  );
  // The route also answers CSV; asked for JSON, a text answer is the API misbehaving.
  if (typeof page === "string")
    throw new ApiError(502, { message: "the ledger came back as text" });
  return page;
}

/** A sub-fund's balance after each movement, oldest first: at most `maxPages` of 1000 points. */
export function getBalances(subFund: number, maxPages = 5) {
  return allPages(
    (cursor) =>
      api().GET("/funds/{subFund}/balances", {
        params: { path: { subFund: String(subFund) }, query: { limit: "1000", cursor } },
      }),
    maxPages,
  );
}

/** A page of the ledger as the API's CSV, with the cursor of the next page. */
export async function getLedgerCsv(
  query: QueryOf<"/funds/ledger">,
): Promise<{ text: string; nextCursor: string | null }> {
  const { data, error, response } = await api().GET("/funds/ledger", {
    params: { query: { ...query, format: "csv" } },
    parseAs: "text",
  });
  if (!response.ok || data === undefined) throw new ApiError(response.status, errorBody(error));
  return { text: data, nextCursor: response.headers.get("x-next-cursor") };
}

/**
 * A participant's profile document: carried in its `data:` profile URI, or stored by the API
 * under its profile hash (a newcomer's, posted to /profiles before applying); null otherwise.
 */
export async function getProfile(
  row: Pick<Schema<"Participant">, "profile_uri" | "profile_hash">,
): Promise<ProfileDocument | null> {
  const inline = row.profile_uri ? profileFromDataUri(row.profile_uri) : null;
  if (inline) return inline;
  if (!row.profile_hash) return null;
  const stored = await orNull(
    api().GET("/profiles/{profileHash}", { params: { path: { profileHash: row.profile_hash } } }),
  );
  return stored ? (stored as ProfileDocument) : null;
}

/** Every participant's name, for finding someone by a typed name (a short list in a commons). */
export const getParticipantNames = perRequest(async () =>
  namesFromParticipants(
    await allPages((cursor) =>
      api().GET("/participants", { params: { query: { limit: "100", cursor } } }),
    ),
  ),
);

/** May `account` use a work commercially, and why (as Licensing.licenceStatus). */
export function checkLicence(account: string, work: { workId: string } | { contentHash: string }) {
  return must(
    api().GET("/licences/check", {
      params: { query: { account: account.toLowerCase(), ...work } },
    }),
  );
}
