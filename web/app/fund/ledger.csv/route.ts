/**
 * GET /fund/ledger.csv: the fund's ledger, filtered like the page, as one CSV download: the API's
 * own CSV pages (1000 movements each, the next cursor in X-Next-Cursor) joined under one header.
 */
import { ledgerApiQuery, parseLedgerFilters } from "@/lib/ledger-filters";
import { ApiError } from "@/lib/api/client";
import { getLedgerCsv } from "@/lib/server/api";

export const dynamic = "force-dynamic";

/** At most this many pages of 1000 movements in one download. */
const MAX_PAGES = 100;

export async function GET(request: Request): Promise<Response> {
  const filters = parseLedgerFilters(Object.fromEntries(new URL(request.url).searchParams));
  const query = { ...ledgerApiQuery(filters), limit: "1000" };
  const parts: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    let answer: Awaited<ReturnType<typeof getLedgerCsv>>;
    try {
      answer = await getLedgerCsv({ ...query, cursor });
    } catch (error) {
      // The API's refusal (a 503 while it cannot date movements) is passed on, in words.
      if (!(error instanceof ApiError)) throw error;
      return Response.json(
        { error: error.code, message: `the ledger cannot be read now: ${error.message}` },
        { status: error.status >= 500 ? 503 : error.status },
      );
    }
    const { text, nextCursor } = answer;
    // Every page starts with the header line; keep the first one only.
    parts.push(page === 0 ? text : text.slice(text.indexOf("\r\n") + 2));
    if (!nextCursor) break;
    cursor = nextCursor;
  }
  return new Response(parts.join(""), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="spin-fund-ledger.csv"',
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
