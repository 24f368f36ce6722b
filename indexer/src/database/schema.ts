/**
 * The store's tables as Kysely sees them. Two kinds:
 * - sync tables (`spin_*`): the cursor, recent block hashes, the undo journal, chain identity;
 * - chain tables: every row was written by an event at `block_number`, so a reorg can undo it
 *   through the journal and a chain reset can drop it.
 * Off-chain tables (`content_bundles`) survive reorgs and resets: they hold uploaded content.
 * int8 columns are read as JavaScript numbers (block numbers, timestamps); numeric(78,0) columns
 * (uint256 amounts) are read as decimal strings.
 */
import type { Generated, JSONColumnType } from "kysely";

export interface MetaTable {
  key: string;
  value: string;
}

export interface CursorTable {
  id: number;
  block_number: number;
  block_hash: string;
  block_timestamp: number;
}

export interface BlockTable {
  number: number;
  hash: string;
  parent_hash: string;
}

export interface JournalTable {
  id: Generated<number>;
  block_number: number;
  table_name: string;
  /** The row's primary key columns and values. */
  row_key: JSONColumnType<Record<string, unknown>>;
  /** The row before the write, or null when the write created it. */
  previous: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
}

export interface EventTable {
  block_number: number;
  log_index: number;
  block_hash: string;
  transaction_hash: string;
  contract: string;
  address: string;
  event_name: string;
  args: JSONColumnType<Record<string, unknown>>;
}

export interface ContentBundleTable {
  content_hash: string;
  cid: string;
  total_size: number;
  file_count: number;
  title: string | null;
  summary: string | null;
  tags: JSONColumnType<string[]>;
  machines: JSONColumnType<string[]>;
  stored_at: Generated<Date>;
}

export interface SubFundTable {
  sub_fund: number;
  name: string;
  balance: string;
  locked_until: number;
  cap_bps: number;
  block_number: number;
}

export interface FundMovementTable {
  block_number: number;
  log_index: number;
  sub_fund: number;
  kind: string;
  account: string | null;
  /** Signed: deposits positive, grants and stream payouts negative. */
  amount: string;
  stream_id: number | null;
  memo: string;
  transaction_hash: string;
}

export interface StreamTable {
  stream_id: number;
  sub_fund: number;
  recipient: string;
  amount: string;
  claimed: string;
  start_time: number;
  end_time: number;
  cancelled: boolean;
  memo: string;
  block_number: number;
}

export interface CoinBalanceTable {
  account: string;
  balance: string;
  block_number: number;
}

export interface CoinTransferTable {
  block_number: number;
  log_index: number;
  from_account: string;
  to_account: string;
  amount: string;
  transaction_hash: string;
}

export interface Database {
  spin_meta: MetaTable;
  spin_cursor: CursorTable;
  spin_blocks: BlockTable;
  spin_journal: JournalTable;
  events: EventTable;
  content_bundles: ContentBundleTable;
  sub_funds: SubFundTable;
  fund_movements: FundMovementTable;
  streams: StreamTable;
  coin_balances: CoinBalanceTable;
  coin_transfers: CoinTransferTable;
}

/**
 * Chain tables written by event handlers. Append-only tables are undone by deleting rows above
 * the common ancestor; mutable tables (keyed rows that events update) are undone through the
 * journal. A chain table missing here would keep rows from an abandoned fork.
 */
export const appendTables = [
  "events",
  "fund_movements",
  "coin_transfers",
] as const satisfies readonly (keyof Database)[];

export const mutableTables = {
  sub_funds: ["sub_fund"],
  streams: ["stream_id"],
  coin_balances: ["account"],
} as const satisfies Partial<Record<keyof Database, readonly string[]>>;

export type AppendTable = (typeof appendTables)[number];
export type MutableTable = keyof typeof mutableTables;
export const chainTables = [...appendTables, ...(Object.keys(mutableTables) as MutableTable[])];
export type ChainTable = AppendTable | MutableTable;
