/**
 * The common fund: sub-funds with their balances, caps and scheduled cap raises, every movement
 * of coin, and streams. A stream's amount leaves its sub-fund when the stream is created; a
 * cancellation returns the unvested rest, a sweep everything the recipient had not claimed.
 */
import { timestampOf, type ContractHandlers } from "../types.ts";
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
      raised_cap_bps: null,
      cap_raise_at: null,
    });
  },
  async SubFundLockExtended({ args }, writer) {
    await writer.update("sub_funds", { sub_fund: Number(args.subFund) }, () => ({
      locked_until: Number(args.newLockedUntil),
    }));
  },
  async SubFundCapSet({ args }, writer) {
    // In force at once; any pending raise is dropped.
    await writer.update("sub_funds", { sub_fund: Number(args.subFund) }, () => ({
      cap_bps: Number(args.newCapBps),
      raised_cap_bps: null,
      cap_raise_at: null,
    }));
  },
  async SubFundCapRaiseScheduled({ args }, writer) {
    // The cap in force stays `oldCapBps` until `effectiveAt`; the API compares it with the
    // indexed head's time, as SubFunds._capOf compares it with the block's.
    await writer.update("sub_funds", { sub_fund: Number(args.subFund) }, () => ({
      cap_bps: Number(args.oldCapBps),
      raised_cap_bps: Number(args.newCapBps),
      cap_raise_at: Number(args.effectiveAt),
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
      sweepable_at: null,
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
    // A claim ends any mark: it no longer matches what was claimed (CommonFund._sweepableAt).
    await writer.update("streams", { stream_id: Number(args.streamId) }, (row) => ({
      claimed: (BigInt(row.claimed) + args.amount).toString(),
      sweepable_at: null,
    }));
  },
  async StreamUnclaimable({ args }, writer) {
    await writer.update("streams", { stream_id: Number(args.streamId) }, () => ({
      sweepable_at: Number(args.sweepableAt),
    }));
  },
  async StreamSwept(event, writer) {
    // As CommonFund.sweepStream: the unclaimed rest returns to the sub-fund and the stream ends
    // at what was claimed.
    const { streamId, subFund, recipient, amount, memo } = event.args;
    const at = timestampOf(event);
    await writer.update("streams", { stream_id: Number(streamId) }, (row) => {
      const rest = BigInt(row.amount) - BigInt(row.claimed);
      if (rest !== amount) {
        throw new Error(`StreamSwept: stream ${streamId} had ${rest} unclaimed, swept ${amount}`);
      }
      return {
        amount: row.claimed,
        cancelled: true,
        end_time: Math.min(row.end_time, at),
        sweepable_at: null,
      };
    });
    await moveSubFund(writer, subFund, amount);
    writer.append(
      "fund_movements",
      movement(
        event,
        { subFund, kind: "stream-return", account: recipient, amount, memo },
        streamId,
      ),
    );
  },
  async StreamCancelled(event, writer) {
    const { streamId, subFund, recipient, returned, vested, memo } = event.args;
    // As CommonFund.cancelStream: what vested stays claimable, and a stream not over ends now.
    const at = timestampOf(event);
    await writer.update("streams", { stream_id: Number(streamId) }, (row) => ({
      cancelled: true,
      amount: vested.toString(),
      end_time: Math.min(row.end_time, at),
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
