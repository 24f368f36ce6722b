/**
 * The common fund's public accounts: every movement as a ledger line (date, in or out, who, what
 * for, which proposal, which transaction), the same lines as CSV, and each sub-fund's balance over
 * time, walked back from today's balance.
 */
import { formatUnits } from "viem";
import { nameOf, type Names } from "./names";

/** A movement as the API stores it (signed amount: deposits positive). */
export interface MovementRow {
  block_number: number;
  log_index: number;
  sub_fund: number;
  kind: string;
  account: string | null;
  amount: string;
  stream_id: number | null;
  memo: string;
  transaction_hash: string;
}

export interface LedgerEntry {
  block: number;
  logIndex: number;
  /** Unix seconds of the block, when known. */
  time?: number;
  subFund: number;
  kind: string;
  direction: "in" | "out";
  /** Absolute amount, base units. */
  amount: bigint;
  counterparty: string | null;
  memo: string;
  transaction: string;
  proposalId?: string;
}

export interface LedgerFilters {
  subFund?: number;
  direction?: "in" | "out";
  kind?: string;
}

export function toLedgerEntries(
  rows: readonly MovementRow[],
  times: ReadonlyMap<number, number>,
  proposalOfTx: ReadonlyMap<string, string>,
): LedgerEntry[] {
  return rows
    .map((r) => {
      const signed = BigInt(r.amount);
      return {
        block: r.block_number,
        logIndex: r.log_index,
        time: times.get(r.block_number),
        subFund: r.sub_fund,
        kind: r.kind,
        direction: signed < 0n ? ("out" as const) : ("in" as const),
        amount: signed < 0n ? -signed : signed,
        counterparty: r.account,
        memo: r.memo,
        transaction: r.transaction_hash,
        proposalId: proposalOfTx.get(r.transaction_hash.toLowerCase()),
      };
    })
    .sort((a, b) => b.block - a.block || b.logIndex - a.logIndex);
}

export function filterLedger(entries: readonly LedgerEntry[], f: LedgerFilters): LedgerEntry[] {
  return entries.filter(
    (e) =>
      (f.subFund === undefined || e.subFund === f.subFund) &&
      (f.direction === undefined || e.direction === f.direction) &&
      (f.kind === undefined || e.kind === f.kind),
  );
}

/** One CSV field, quoted when it holds a comma, quote or line break; formulas neutralised. */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_HEADER = [
  "date",
  "block",
  "sub_fund",
  "direction",
  "kind",
  "amount_spin",
  "amount_base_units",
  "counterparty",
  "counterparty_name",
  "memo",
  "proposal_id",
  "transaction",
] as const;

export function ledgerCsv(
  entries: readonly LedgerEntry[],
  names: Names,
  fundName: (id: number) => string,
): string {
  const lines = [CSV_HEADER.join(",")];
  for (const e of entries) {
    lines.push(
      [
        e.time === undefined ? "" : new Date(e.time * 1000).toISOString(),
        String(e.block),
        fundName(e.subFund),
        e.direction,
        e.kind,
        formatUnits(e.amount, 18),
        e.amount.toString(),
        e.counterparty ?? "",
        nameOf(names, e.counterparty) ?? "",
        e.memo,
        e.proposalId ?? "",
        e.transaction,
      ]
        .map(field)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

export interface BalancePoint {
  block: number;
  time?: number;
  balance: bigint;
}

/**
 * A sub-fund's balance after each of its movements, oldest first, from its balance today and
 * its movements (any order): the balance before a movement is the balance after it minus it.
 */
export function balanceSeries(current: bigint, entries: readonly LedgerEntry[]): BalancePoint[] {
  const newestFirst = [...entries].sort((a, b) => b.block - a.block || b.logIndex - a.logIndex);
  const points: BalancePoint[] = [];
  let balance = current;
  for (const e of newestFirst) {
    points.push({ block: e.block, time: e.time, balance });
    balance -= e.direction === "in" ? e.amount : -e.amount;
  }
  if (newestFirst.length > 0) {
    const first = newestFirst[newestFirst.length - 1];
    points.push({ block: first.block - 1, time: first.time, balance });
  }
  return points.reverse();
}
