/**
 * The fund ledger's filters: read from a page's query (the form, the CSV link and the pages
 * share them), turned into the API's /funds/ledger query, and written back into links.
 */
import type { paths } from "./api/client";

type LedgerQuery = NonNullable<paths["/funds/ledger"]["get"]["parameters"]["query"]>;

export interface LedgerFilters {
  subFund?: number;
  direction?: "in" | "out";
  /** A counterparty's address (lower case). */
  counterparty?: string;
  /** Days (YYYY-MM-DD, UTC): movements from the start of `from` to the end of `to`. */
  from?: string;
  to?: string;
}

type Query = Record<string, string | string[] | undefined>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(value: string): number | undefined {
  if (!DAY.test(value)) return undefined;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

/** The filters a query names; anything malformed is left out, never passed on. */
export function parseLedgerFilters(query: Query): LedgerFilters {
  const one = (v: string | string[] | undefined) => ((Array.isArray(v) ? v[0] : v) ?? "").trim();
  const subFund = one(query.subFund);
  const direction = one(query.direction);
  const counterparty = one(query.counterparty).toLowerCase();
  const from = one(query.from);
  const to = one(query.to);
  return {
    subFund: /^\d{1,3}$/.test(subFund) ? Number(subFund) : undefined,
    direction: direction === "in" || direction === "out" ? direction : undefined,
    counterparty: /^0x[0-9a-f]{40}$/.test(counterparty) ? counterparty : undefined,
    from: day(from) !== undefined ? from : undefined,
    to: day(to) !== undefined ? to : undefined,
  };
}

/** The API's query for these filters (`to` includes its whole day). */
export function ledgerApiQuery(f: LedgerFilters): LedgerQuery {
  const from = f.from === undefined ? undefined : day(f.from);
  const to = f.to === undefined ? undefined : day(f.to);
  return {
    subFund: f.subFund === undefined ? undefined : String(f.subFund),
    direction: f.direction,
    counterparty: f.counterparty,
    from: from === undefined ? undefined : String(from),
    to: to === undefined ? undefined : String(to + 86_400),
  };
}

/** `?subFund=..&direction=..` for links to the page, its next page and the CSV. */
export function ledgerQuery(f: LedgerFilters, cursor?: string): string {
  const q = new URLSearchParams();
  if (f.subFund !== undefined) q.set("subFund", String(f.subFund));
  if (f.direction) q.set("direction", f.direction);
  if (f.counterparty) q.set("counterparty", f.counterparty);
  if (f.from) q.set("from", f.from);
  if (f.to) q.set("to", f.to);
  if (cursor) q.set("cursor", cursor);
  const s = q.toString();
  return s ? `?${s}` : "";
}
