/** The ledger's filters from a query string (the page's form and the CSV link share them). */
import type { LedgerFilters } from "./ledger";

export const LEDGER_KINDS = ["deposit", "grant", "stream", "stream-return"] as const;

export function parseLedgerFilters(
  query: Record<string, string | string[] | undefined>,
): LedgerFilters {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
  const subFund = one(query.subFund);
  const direction = one(query.direction);
  const kind = one(query.kind);
  return {
    subFund: /^\d{1,3}$/.test(subFund) ? Number(subFund) : undefined,
    direction: direction === "in" || direction === "out" ? direction : undefined,
    kind: (LEDGER_KINDS as readonly string[]).includes(kind) ? kind : undefined,
  };
}

export function ledgerQuery(f: LedgerFilters, page?: number): string {
  const q = new URLSearchParams();
  if (f.subFund !== undefined) q.set("subFund", String(f.subFund));
  if (f.direction) q.set("direction", f.direction);
  if (f.kind) q.set("kind", f.kind);
  if (page && page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `?${s}` : "";
}
