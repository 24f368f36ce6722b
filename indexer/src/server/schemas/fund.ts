/** The common fund's responses: sub-funds, movements, the ledger, balances, streams, coin. */
import { z } from "@hono/zod-openapi";
import { account, amount, hash32, int, pageSchema, listSchema } from "./common.ts";

export const subFund = z
  .object({
    sub_fund: int,
    name: z.string(),
    balance: amount,
    locked_until: int,
    cap_bps: int.openapi({
      description: "The cap in force at the indexed head's time (basis points of the balance)",
    }),
    pendingCapRaise: z
      .object({ capBps: int, effectiveAt: int })
      .nullable()
      .openapi({
        description:
          "A raise governance scheduled: the cap in force from effectiveAt on (Unix time), " +
          "null when none is pending",
      }),
    block_number: int,
    pendingFromLicensing: amount.openapi({
      description: "Licence fee shares Licensing holds for this sub-fund until flushFund",
    }),
  })
  .openapi("SubFund");
export const subFunds = listSchema(subFund, "SubFunds");

export const movement = z
  .object({
    block_number: int,
    log_index: int,
    sub_fund: int,
    kind: z.enum(["deposit", "grant", "stream", "stream-return"]),
    account: account.nullable(),
    amount: amount.openapi({ description: "Signed: into the sub-fund positive, out negative" }),
    stream_id: int.nullable(),
    memo: z.string(),
    transaction_hash: hash32,
  })
  .openapi("Movement");
export const movements = pageSchema(movement, "MovementPage");

export const ledgerEntry = z
  .object({
    time: int
      .nullable()
      .openapi({ description: "The block's Unix time (null if the node did not answer)" }),
    blockNumber: int,
    logIndex: int,
    transactionHash: hash32,
    subFund: int,
    subFundName: z.string(),
    direction: z.enum(["in", "out"]),
    kind: z.enum(["deposit", "grant", "stream", "stream-return"]),
    amount: amount.openapi({ description: "Unsigned; direction says which way" }),
    counterparty: account.nullable(),
    counterpartyName: z.string().nullable(),
    memo: z.string(),
    streamId: int.nullable(),
    proposalId: z
      .string()
      .nullable()
      .openapi({ description: "The proposal whose execution moved it, when one did" }),
  })
  .openapi("LedgerEntry");
export const ledger = pageSchema(ledgerEntry, "LedgerPage");

export const balancePoint = z
  .object({
    blockNumber: int,
    logIndex: int,
    time: int.nullable(),
    change: amount,
    balance: amount,
  })
  .openapi("BalancePoint");
export const balanceSeries = z
  .object({
    subFund: int,
    name: z.string(),
    items: z.array(balancePoint),
    nextCursor: z.string().nullable(),
  })
  .openapi("BalanceSeries");

export const stream = z
  .object({
    stream_id: int,
    sub_fund: int,
    recipient: account,
    amount,
    claimed: amount,
    start_time: int,
    end_time: int,
    cancelled: z.boolean(),
    memo: z.string(),
    sweepable_at: int.nullable().openapi({
      description:
        "From when governance may sweep what the recipient, unable to claim, left (Unix time); " +
        "null unless someone marked the stream unclaimable since its last claim",
    }),
    block_number: int,
  })
  .openapi("Stream");
export const streams = pageSchema(stream, "StreamPage");

export const balance = z.object({ account, balance: amount }).openapi("CoinBalance");
export const transfer = z
  .object({
    block_number: int,
    log_index: int,
    from_account: account,
    to_account: account,
    amount,
    transaction_hash: hash32,
  })
  .openapi("Transfer");
export const transfers = pageSchema(transfer, "TransferPage");

const sweepableAt = int.nullable().openapi({
  description:
    "While a mark runs (someone recorded that the account cannot claim this now): from when " +
    "governance may sweep it (Unix time), unless the account claims first; null when none runs",
});

export const claimable = z
  .object({
    account,
    works: z.array(z.object({ workId: int, amount, sweepableAt })),
    streams: z.array(z.object({ streamId: int, amount, sweepableAt })),
    total: amount,
  })
  .openapi("Claimable");

export const unclaimableMark = z
  .object({
    kind: z.enum(["licence", "stream"]).openapi({
      description: "licence: a contributor's earnings from a work; stream: a stream's rest",
    }),
    workId: int.nullable().openapi({ description: "The work (licence marks), else null" }),
    streamId: int.nullable().openapi({ description: "The stream (stream marks), else null" }),
    account: account.openapi({ description: "The contributor or the stream's recipient" }),
    amount: amount.openapi({
      description:
        "What a sweep would move at the indexed head: the contributor's claimable earnings, or " +
        "the stream's unclaimed rest (vested or not)",
    }),
    sweepableAt: int.openapi({
      description: "From when governance may sweep it (Unix time), unless the account claims first",
    }),
  })
  .openapi("UnclaimableMark");
export const unclaimableMarks = pageSchema(unclaimableMark, "UnclaimableMarkPage");
