/**
 * The common fund: sub-funds with their balances, every movement of coin, and streams.
 * A stream's amount leaves its sub-fund when the stream is created; a cancellation returns the
 * unvested rest.
 */
import type { ContractHandlers } from "../types.ts";
import type { Writer } from "../writer.ts";

async function moveSubFund(writer: Writer, subFund: bigint, delta: bigint): Promise<void> {
  await writer.update("sub_funds", { sub_fund: Number(subFund) }, (row) => ({
    balance: (BigInt(row.balance) + delta).toString(),
  }));
}

function movement(
  event: { blockNumber: number; logIndex: number; transactionHash: string },
  fields: { subFund: bigint; kind: string; account: string | null; amount: bigint; memo: string },
  streamId: bigint | null = null,
) {
  return {
    block_number: event.blockNumber,
    log_index: event.logIndex,
    transaction_hash: event.transactionHash,
    sub_fund: Number(fields.subFund),
    kind: fields.kind,
    account: fields.account,
    amount: fields.amount.toString(),
    memo: fields.memo,
    stream_id: streamId === null ? null : Number(streamId),
  };
}

export const fundHandlers: ContractHandlers<"CommonFund"> = {
  async SubFundAdded({ args }, writer) {
    await writer.put("sub_funds", {
      sub_fund: Number(args.subFund),
      name: args.name,
      balance: "0",
      locked_until: Number(args.lockedUntil),
      cap_bps: Number(args.capBps),
    });
  },
  async SubFundLockExtended({ args }, writer) {
    await writer.update("sub_funds", { sub_fund: Number(args.subFund) }, () => ({
      locked_until: Number(args.newLockedUntil),
    }));
  },
  async SubFundCapSet({ args }, writer) {
    await writer.update("sub_funds", { sub_fund: Number(args.subFund) }, () => ({
      cap_bps: Number(args.newCapBps),
    }));
  },
  async Deposited(event, writer) {
    const { subFund, from, amount, memo } = event.args;
    await moveSubFund(writer, subFund, amount);
    writer.append(
      "fund_movements",
      movement(event, { subFund, kind: "deposit", account: from, amount, memo }),
    );
  },
  async Granted(event, writer) {
    const { subFund, recipient, amount, memo } = event.args;
    await moveSubFund(writer, subFund, -amount);
    writer.append(
      "fund_movements",
      movement(event, { subFund, kind: "grant", account: recipient, amount: -amount, memo }),
    );
  },
  async StreamCreated(event, writer) {
    const { streamId, subFund, recipient, amount, start, end, memo } = event.args;
    await moveSubFund(writer, subFund, -amount);
    await writer.put("streams", {
      stream_id: Number(streamId),
      sub_fund: Number(subFund),
      recipient,
      amount: amount.toString(),
      claimed: "0",
      start_time: Number(start),
      end_time: Number(end),
      cancelled: false,
      memo,
    });
    writer.append(
      "fund_movements",
      movement(
        event,
        { subFund, kind: "stream", account: recipient, amount: -amount, memo },
        streamId,
      ),
    );
  },
  async StreamClaimed({ args }, writer) {
    await writer.update("streams", { stream_id: Number(args.streamId) }, (row) => ({
      claimed: (BigInt(row.claimed) + args.amount).toString(),
    }));
  },
  async StreamCancelled(event, writer) {
    const { streamId, subFund, recipient, returned, vested, memo } = event.args;
    await writer.update("streams", { stream_id: Number(streamId) }, () => ({
      cancelled: true,
      amount: vested.toString(),
    }));
    await moveSubFund(writer, subFund, returned);
    writer.append(
      "fund_movements",
      movement(
        event,
        { subFund, kind: "stream-return", account: recipient, amount: returned, memo },
        streamId,
      ),
    );
  },
};
