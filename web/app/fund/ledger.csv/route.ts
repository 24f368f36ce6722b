/** GET /fund/ledger.csv: the fund's ledger, filtered like the page, as a CSV download. */
import { filterLedger, ledgerCsv } from "@/lib/ledger";
import { parseLedgerFilters } from "@/lib/ledger-filters";
import { getNames, getSubFunds } from "@/lib/server/api";
import { getLedger } from "@/lib/server/ledger";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const filters = parseLedgerFilters(Object.fromEntries(new URL(request.url).searchParams));
  const [entries, names, funds] = await Promise.all([getLedger(), getNames(), getSubFunds()]);
  const fundName = (id: number) => funds.find((f) => f.sub_fund === id)?.name ?? String(id);
  return new Response(ledgerCsv(filterLedger(entries, filters), names, fundName), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="spin-fund-ledger.csv"',
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
