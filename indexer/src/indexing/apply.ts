/**
 * Applies a batch of decoded events to the store: the raw activity row for every event, then the
 * contract's handler, in chain order.
 */
import type { ContractName } from "@spin/shared";
import { jsonArgs, type DecodedEvent } from "../decode/decode.ts";
import { coinHandlers } from "./handlers/coin.ts";
import { fundHandlers } from "./handlers/fund.ts";
import { governorHandlers } from "./handlers/governor.ts";
import { licensingHandlers, templateHandlers } from "./handlers/licensing.ts";
import { registryHandlers } from "./handlers/registry.ts";
import { worksHandlers } from "./handlers/works.ts";
import type { HandlerContext, Handlers } from "./types.ts";
import type { Writer } from "./writer.ts";

export const handlers: Handlers = {
  CommonFund: fundHandlers,
  SpinCoin: coinHandlers,
  CommonsRegistry: registryHandlers,
  WorksRegistry: worksHandlers,
  LicenceTemplates: templateHandlers,
  Licensing: licensingHandlers,
  SpinGovernor: governorHandlers,
};

type AnyHandler = (event: DecodedEvent, writer: Writer, context: HandlerContext) => Promise<void>;

function handlerFor(contract: ContractName, eventName: string): AnyHandler | undefined {
  const forContract = handlers[contract] as Record<string, AnyHandler> | undefined;
  return forContract?.[eventName];
}

export async function applyEvents(
  events: readonly DecodedEvent[],
  writer: Writer,
  context: HandlerContext,
): Promise<void> {
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
      args: JSON.stringify(jsonArgs(event.args)),
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
