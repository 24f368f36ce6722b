/** The fund's ledger read on the server: every movement, its date and the proposal that paid it. */
import "server-only";
import { toLedgerEntries, type LedgerEntry, type MovementRow } from "../ledger";
import { apiAll, getAllActivity, getSubFunds } from "./api";
import { blockTimes } from "./chain";

export async function getLedger(): Promise<LedgerEntry[]> {
  const funds = await getSubFunds();
  const [perFund, executed] = await Promise.all([
    Promise.all(funds.map((f) => apiAll<MovementRow>(`/funds/${f.sub_fund}/movements`))),
    getAllActivity("ProposalExecuted"),
  ]);
  const rows = perFund.flat();
  const proposalOfTx = new Map(
    executed.map((e) => [e.transaction_hash.toLowerCase(), String(e.args.proposalId)]),
  );
  const times = await blockTimes(rows.map((r) => r.block_number));
  return toLedgerEntries(rows, times, proposalOfTx);
}
