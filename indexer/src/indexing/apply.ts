/**
 * Applies a batch of decoded events to the store: the raw activity row for every event, then the
 * contract's handler, in chain order.
 */
import type { ContractName } from "@spin/shared";
import { argsJson, type DecodedEvent } from "../decode/decode.ts";
import { admissionsHandlers } from "./handlers/admissions.ts";
import { coinHandlers, coinPreloads } from "./handlers/coin.ts";
import { fundHandlers } from "./handlers/fund.ts";
import { governorHandlers, timelockHandlers } from "./handlers/governor.ts";
import { licensingHandlers, templateHandlers } from "./handlers/licensing.ts";
import { registryHandlers } from "./handlers/registry.ts";
import { worksHandlers } from "./handlers/works.ts";
import type { MutableTable } from "../database/schema.ts";
import type { HandlerContext, Handlers, Preloads, RowKeys } from "./types.ts";
import type { Writer } from "./writer.ts";

export const handlers: Handlers = {
  CommonFund: fundHandlers,
  SpinCoin: coinHandlers,
  CommonsRegistry: registryHandlers,
  Admissions: admissionsHandlers,
  WorksRegistry: worksHandlers,
  LicenceTemplates: templateHandlers,
  Licensing: licensingHandlers,
  SpinGovernor: governorHandlers,
  SpinTimelock: timelockHandlers,
};

const preloads: Preloads = { SpinCoin: coinPreloads };

/** Loads, one query per table, the keyed rows the batch's handlers declared they will read. */
async function preload(events: readonly DecodedEvent[], writer: Writer): Promise<void> {
  const keys = new Map<MutableTable, Record<string, unknown>[]>();
  for (const event of events) {
    const forContract = preloads[event.contract] as
      | Record<string, (e: DecodedEvent) => RowKeys>
      | undefined;
    const rows = forContract?.[event.eventName]?.(event);
    if (!rows) continue;
    for (const table in rows) {
      let all = keys.get(table as MutableTable);
      if (!all) keys.set(table as MutableTable, (all = []));
      for (const key of rows[table as MutableTable]!) all.push(key);
    }
  }
  for (const [table, tableKeys] of keys) await writer.preload(table, tableKeys as never);
}

type AnyHandler = (event: DecodedEvent, writer: Writer, context: HandlerContext) => Promise<void>;

function handlerFor(contract: ContractName, eventName: string): AnyHandler | undefined {
  const forContract = handlers[contract] as Record<string, AnyHandler> | undefined;
  return forContract?.[eventName];
}

/**
 * Events whose handlers need the block's timestamp: those keyed by it (the membership's and the
 * governor's ERC-6372 clock: the total votes, the quorum numerator and floor at a proposal's
 * snapshot), and those whose effect the contract dates by it (an admission's time, the end a
 * rejection gives an application's window, the end a cancellation or a sweep gives a stream).
 */
const timedEvents = new Set([
  "CommonsRegistry.Admitted",
  "Admissions.ApplicationRejected",
  "CommonsRegistry.DelegateVotesChanged",
  "SpinGovernor.QuorumNumeratorUpdated",
  "SpinGovernor.QuorumFloorSet",
  "CommonFund.StreamCancelled",
  "CommonFund.StreamSwept",
]);

/** Gives every timed event its block's timestamp: from its log, else from `blockTimestamp`. */
export async function withTimestamps(
  events: readonly DecodedEvent[],
  blockTimestamp: (blockNumber: number) => Promise<number>,
): Promise<readonly DecodedEvent[]> {
  const missing = events.filter(
    (e) => e.blockTimestamp === undefined && timedEvents.has(`${e.contract}.${e.eventName}`),
  );
  if (missing.length === 0) return events;
  const times = new Map<number, number>();
  for (const e of missing) {
    if (!times.has(e.blockNumber)) times.set(e.blockNumber, await blockTimestamp(e.blockNumber));
  }
  return events.map((e) =>
    e.blockTimestamp === undefined && times.has(e.blockNumber)
      ? { ...e, blockTimestamp: times.get(e.blockNumber) }
      : e,
  );
}

/** Timed events must carry their block's timestamp (see withTimestamps). */
export async function applyEvents(
  events: readonly DecodedEvent[],
  writer: Writer,
  context: HandlerContext,
): Promise<void> {
  await preload(events, writer);
  for (const event of events) {
    writer.block = event.blockNumber;
    writer.append("events", {
      block_number: event.blockNumber,
      log_index: event.logIndex,
      block_hash: event.blockHash,
      transaction_hash: event.transactionHash,
      contract: event.contract,
      address: event.address,
      event_name: event.eventName,
      args: argsJson(event.args),
    });
    const handler = handlerFor(event.contract, event.eventName);
    if (handler) {
      try {
        await handler(event, writer, context);
      } catch (error) {
        throw new HandlerError(event, error);
      }
    }
  }
  await writer.flush();
}

/** A handler failed: the batch is not committed, and the sync stops with this context. */
export class HandlerError extends Error {
  override name = "HandlerError";
  constructor(event: DecodedEvent, cause: unknown) {
    super(
      `${event.contract}.${event.eventName} handler failed at block ${event.blockNumber} ` +
        `log ${event.logIndex} tx ${event.transactionHash}: ${String(cause)}`,
      { cause },
    );
  }
}
