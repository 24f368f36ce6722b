/** The coin: every transfer, and each account's balance (mints come from, burns go to, zero). */
import { zeroAddress } from "viem";
import type { ContractHandlers, ContractPreloads } from "../types.ts";
import type { Writer } from "../writer.ts";

async function addToBalance(writer: Writer, account: string, delta: bigint): Promise<void> {
  if (account === zeroAddress) return;
  const row = await writer.get("coin_balances", { account });
  const balance = BigInt(row?.balance ?? "0") + delta;
  await writer.put("coin_balances", { account, balance: balance.toString() });
}

export const coinHandlers: ContractHandlers<"SpinCoin"> = {
  async Transfer(event, writer) {
    const { from, to, value } = event.args;
    await addToBalance(writer, from, -value);
    await addToBalance(writer, to, value);
    writer.append("coin_transfers", {
      block_number: event.blockNumber,
      log_index: event.logIndex,
      from_account: from,
      to_account: to,
      amount: value.toString(),
      transaction_hash: event.transactionHash,
    });
  },
};

/** Transfers come by the thousand in backfill: their balances are read for the whole batch. */
export const coinPreloads: ContractPreloads<"SpinCoin"> = {
  Transfer: ({ args }) => ({ coin_balances: [{ account: args.from }, { account: args.to }] }),
};
