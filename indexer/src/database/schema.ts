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
  /** The cap stored as in force; `raised_cap_bps` replaces it from `cap_raise_at` on. */
  cap_bps: number;
  /** A scheduled raise (SubFundCapRaiseScheduled), or null when none is pending. */
  raised_cap_bps: number | null;
  cap_raise_at: number | null;
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
  /**
   * From when governance may sweep the stream (StreamUnclaimable), while the recipient has not
   * claimed since; null when no mark runs.
   */
  sweepable_at: number | null;
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

export interface PlaceColumn {
  name: string;
  latitudeE6: number;
  longitudeE6: number;
  country: string;
  machines: string[];
}

export interface ParticipantTable {
  account: string;
  /** ICommonsRegistry.Kind: 0 None, 1 Person, 2 Cooperative, 3 Place, 4 Enterprise. */
  kind: number;
  /** ICommonsRegistry.Status: 0 None, 1 Applicant, 2 Admitted, 3 Suspended, 4 Expelled. */
  status: number;
  profile_uri: string | null;
  profile_hash: string | null;
  vouches: number;
  window_end: number;
  is_protocol: boolean;
  place: JSONColumnType<PlaceColumn | null, string | null, string | null>;
  status_reason: string | null;
  /** When the account was admitted (block timestamp; 0 before, and for applicants). */
  member_since: number;
  /** When a Person's vote ripens (0 once ripe, and for accounts without a vote to ripen). */
  vote_ripens_at: number;
  block_number: number;
}

export interface EnodeTable {
  enode_id: string;
  host: string;
  port: number;
  owner: string;
  block_number: number;
}

export interface DelegationTable {
  account: string;
  delegate: string;
  votes: string;
  block_number: number;
}

export interface WorkTable {
  work_id: number;
  content_hash: string;
  registrant: string;
  licence_id: number;
  metadata_uri: string;
  version_count: number;
  suspended: boolean;
  status_reason: string | null;
  contributors: JSONColumnType<{ account: string; shareBps: number }[], string, string>;
  parents: JSONColumnType<number[], string, string>;
  price: string | null;
  block_number: number;
}

export interface WorkVersionTable {
  block_number: number;
  log_index: number;
  work_id: number;
  version: number;
  content_hash: string;
  metadata_uri: string;
  author: string;
}

/**
 * Where each content hash points now (WorksRegistry.workOfHash): the work and version holding it,
 * or, when governance reserved it, who alone may register it (work and version null). A hash
 * another registration superseded points to its new holder; a released hash has no row.
 */
export interface ContentHashTable {
  content_hash: string;
  work_id: number | null;
  version: number | null;
  reserved_for: string | null;
  block_number: number;
}

/** A commitment to register a content hash (RegistrationCommitted); the hash stays hidden. */
export interface RegistrationCommitmentTable {
  block_number: number;
  log_index: number;
  commitment: string;
  committer: string;
  transaction_hash: string;
}

/**
 * A running mark (UnclaimableMarked): `contributor` could not claim `amount` from the work, and
 * governance may sweep it to the fund from `sweepable_at` unless the contributor claims first.
 */
export interface UnclaimableMarkTable {
  work_id: number;
  contributor: string;
  amount: string;
  sweepable_at: number;
  block_number: number;
}

export interface WorkParentTable {
  block_number: number;
  log_index: number;
  work_id: number;
  parent_id: number;
}

export interface WorkStewardTable {
  work_id: number;
  steward: string;
  active: boolean;
  block_number: number;
}

export interface AdoptionTable {
  work_id: number;
  adopter: string;
  active: boolean;
  block_number: number;
}

export interface LicenceTemplateTable {
  licence_id: number;
  name: string;
  legal_text_hash: string;
  legal_text_uri: string;
  /** ILicenceTemplates.CommercialUse: 0 Forbidden, 1 Free, 2 CommonsFree. */
  commercial_use: number;
  terms: JSONColumnType<Record<string, unknown>, string, string>;
  bounds: JSONColumnType<Record<string, unknown>, string, string>;
  active: boolean;
  block_number: number;
}

export interface LicenceRecordTable {
  record_id: number;
  work_id: number;
  licensee: string;
  licence_id: number;
  version: number;
  start_time: number | null;
  expiry: number | null;
  price: string;
  commons_use: boolean;
  revoked: boolean;
  revoke_reason: string | null;
  block_number: number;
}

/** Licensing's expiry of a commons-use record: type(uint40).max, it never expires. */
export const COMMONS_USE_EXPIRY = 2 ** 40 - 1;

/**
 * Each (work, account) pair's latest licence record, as Licensing.licenceStatus reads it
 * (`_latest[workId][account]`): the licence check reads this row by its key instead of searching
 * the records. `valid_until` is the contract's `expiry` of that record, the end of the paid term,
 * or 2^40 - 1 for commons use (such records never expire).
 */
export interface LicenceHoldingTable {
  work_id: number;
  licensee: string;
  record_id: number;
  commons_use: boolean;
  revoked: boolean;
  valid_until: number;
  block_number: number;
}

export interface LicensingPaymentTable {
  block_number: number;
  log_index: number;
  work_id: number;
  kind: string;
  account: string | null;
  amount: string;
  transaction_hash: string;
}

export interface ProposalTable {
  proposal_id: string;
  proposer: string;
  description: string;
  vote_start: number;
  vote_end: number;
  actions: JSONColumnType<Record<string, unknown>[], string, string>;
  state: string;
  eta: number | null;
  votes_for: string;
  votes_against: string;
  votes_abstain: string;
  block_number: number;
}

export interface VoteTable {
  block_number: number;
  log_index: number;
  proposal_id: string;
  voter: string;
  support: number;
  weight: string;
  reason: string;
  /** "vote", "override" (a delegator overriding its delegate), or "reduced" (the delegate's loss). */
  kind: string;
}

/** A work's licence income: amount per basis point of contributor share, and the upstream pot. */
export interface WorkPotTable {
  work_id: number;
  /** Cumulative contributors' income divided by 10,000 (Licensing's Pot.perBps). */
  per_bps: string;
  /** Upstream share not yet settled to the parents. */
  upstream_pending: string;
  /** Total received from children's upstream settlements. */
  upstream_received: string;
  block_number: number;
}

/** What a contributor was last paid up to: the work's perBps at its last claim. */
export interface ContributorCheckpointTable {
  work_id: number;
  contributor: string;
  paid_per_bps: string;
  block_number: number;
}

/** Fee shares the licensing contract holds for a sub-fund until flushFund. */
export interface LicensingFundPendingTable {
  sub_fund: number;
  amount: string;
  block_number: number;
}

export interface UpstreamReceiptTable {
  block_number: number;
  log_index: number;
  /** The parent that received. */
  work_id: number;
  /** The child whose upstream pot was settled. */
  from_work_id: number;
  to_contributors: string;
  to_upstream: string;
  to_fund: string;
  transaction_hash: string;
}

export interface UpstreamSettlementTable {
  block_number: number;
  log_index: number;
  work_id: number;
  per_parent: string;
  parent_count: number;
  /** What did not divide among the parents and went to the fund's Pooled share. */
  to_fund: string;
  transaction_hash: string;
}

export interface LicenceCompatibilityTable {
  parent_licence_id: number;
  child_licence_id: number;
  compatible: boolean;
  block_number: number;
}

export interface AdmissionRuleTable {
  id: number;
  vouch_threshold: number;
  /** Seconds an applicant has to gather its vouches. */
  vouch_window: number;
  /** Seconds between the k-th vouch and the admission (governance's window to reject). */
  admission_delay: number;
  /** Seconds between a Person's admission by vouches and its vote counting. */
  ripening_period: number;
  /** Seconds a Person must have been a member before it may vouch. */
  voucher_seniority: number;
  /** Vouches each member may give per budget period. */
  vouch_budget: number;
  budget_period: number;
  /** Seconds after a refusal or an expired window before applying again. */
  reapply_cooldown: number;
  block_number: number;
}

/**
 * An account's latest application to Admissions. `round` is the Applied event's round (the
 * applicant's signature nonces used so far); the rule is the one fixed into it when it was made.
 * `outcome`: pending (open, scheduled or admissible, or expired, by time), rejected, admitted.
 */
export interface ApplicationTable {
  account: string;
  kind: number;
  round: number;
  profile_uri: string;
  profile_hash: string;
  vouches: number;
  threshold: number;
  admission_delay: number;
  ripening_period: number;
  /** Vouches count until this time (for a rejected application: the second before it). */
  window_end: number;
  /** When a scheduled admission may be completed (0 while not scheduled). */
  admissible_at: number;
  outcome: "pending" | "rejected" | "admitted";
  /** Governance's reason for a rejection. */
  reason: string | null;
  /** ICommonsRegistry.AdmissionPath of the admission: 0 Vouches, 1 Governance. */
  admitted_how: number | null;
  block_number: number;
}

/** A vouch (Vouched), with the application round it counted for. */
export interface ApplicationVouchTable {
  block_number: number;
  log_index: number;
  candidate: string;
  voucher: string;
  round: number;
  vouches: number;
  threshold: number;
  transaction_hash: string;
}

/** The membership's total votes from `timepoint` (a block timestamp) on. */
export interface MembershipSupplyTable {
  timepoint: number;
  total: string;
  block_number: number;
}

/** The membership's total votes now (the newest of membership_supply). */
export interface MembershipTotalTable {
  id: number;
  total: string;
  block_number: number;
}

/** The governor's quorum numerator (percent) from `timepoint` on. */
export interface QuorumNumeratorTable {
  timepoint: number;
  numerator: string;
  block_number: number;
}

/** The governor's quorum floor (votes) from `timepoint` on. */
export interface QuorumFloorTable {
  timepoint: number;
  floor: string;
  block_number: number;
}

/** A queued proposal's operation on the timelock (TimelockController's operation id). */
export interface TimelockOperationTable {
  operation_id: string;
  proposal_id: string;
  block_number: number;
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
  participants: ParticipantTable;
  enodes: EnodeTable;
  delegations: DelegationTable;
  works: WorkTable;
  work_versions: WorkVersionTable;
  content_hashes: ContentHashTable;
  registration_commitments: RegistrationCommitmentTable;
  unclaimable_marks: UnclaimableMarkTable;
  work_parents: WorkParentTable;
  work_stewards: WorkStewardTable;
  adoptions: AdoptionTable;
  licence_templates: LicenceTemplateTable;
  licence_records: LicenceRecordTable;
  licence_holdings: LicenceHoldingTable;
  licensing_payments: LicensingPaymentTable;
  proposals: ProposalTable;
  votes: VoteTable;
  work_pots: WorkPotTable;
  contributor_checkpoints: ContributorCheckpointTable;
  licensing_fund_pending: LicensingFundPendingTable;
  upstream_receipts: UpstreamReceiptTable;
  upstream_settlements: UpstreamSettlementTable;
  licence_compatibility: LicenceCompatibilityTable;
  admission_rule: AdmissionRuleTable;
  applications: ApplicationTable;
  application_vouches: ApplicationVouchTable;
  membership_supply: MembershipSupplyTable;
  membership_total: MembershipTotalTable;
  quorum_numerators: QuorumNumeratorTable;
  quorum_floors: QuorumFloorTable;
  timelock_operations: TimelockOperationTable;
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
  "work_versions",
  "work_parents",
  "licensing_payments",
  "votes",
  "upstream_receipts",
  "upstream_settlements",
  "application_vouches",
  "registration_commitments",
] as const satisfies readonly (keyof Database)[];

export const mutableTables = {
  sub_funds: ["sub_fund"],
  streams: ["stream_id"],
  coin_balances: ["account"],
  participants: ["account"],
  enodes: ["enode_id"],
  delegations: ["account"],
  works: ["work_id"],
  work_stewards: ["work_id", "steward"],
  adoptions: ["work_id", "adopter"],
  licence_templates: ["licence_id"],
  licence_records: ["record_id"],
  licence_holdings: ["work_id", "licensee"],
  content_hashes: ["content_hash"],
  unclaimable_marks: ["work_id", "contributor"],
  proposals: ["proposal_id"],
  work_pots: ["work_id"],
  contributor_checkpoints: ["work_id", "contributor"],
  licensing_fund_pending: ["sub_fund"],
  licence_compatibility: ["parent_licence_id", "child_licence_id"],
  admission_rule: ["id"],
  applications: ["account"],
  membership_supply: ["timepoint"],
  membership_total: ["id"],
  quorum_numerators: ["timepoint"],
  quorum_floors: ["timepoint"],
  timelock_operations: ["operation_id"],
} as const satisfies Partial<Record<keyof Database, readonly string[]>>;

export type AppendTable = (typeof appendTables)[number];
export type MutableTable = keyof typeof mutableTables;
export const chainTables = [...appendTables, ...(Object.keys(mutableTables) as MutableTable[])];
export type ChainTable = AppendTable | MutableTable;
