/** Handler types: one function per (contract, event), typed from the shared ABIs. */
import type { abis, ContractName } from "@spin/shared";
import type { ContractEventName, DecodeEventLogReturnType } from "viem";
import type { MutableTable } from "../database/schema.ts";
import type { DecodedEvent } from "../decode/decode.ts";
import type { Writer } from "./writer.ts";

export type EventArgs<
  C extends ContractName,
  E extends ContractEventName<(typeof abis)[C]>,
> = DecodeEventLogReturnType<(typeof abis)[C], E>["args"];

export interface TypedEvent<C extends ContractName, E extends ContractEventName<(typeof abis)[C]>>
  extends Omit<DecodedEvent, "args"> {
  args: EventArgs<C, E>;
}

/** What a handler may know besides its event: which SPIN contract lives at an address. */
export interface HandlerContext {
  contractAt(address: string): ContractName | undefined;
}

export type ContractHandlers<C extends ContractName> = {
  [E in ContractEventName<(typeof abis)[C]>]?: (
    event: TypedEvent<C, E>,
    writer: Writer,
    context: HandlerContext,
  ) => Promise<void>;
};

export type Handlers = { [C in ContractName]?: ContractHandlers<C> };

/** Keyed rows a handler will read, by table: the Writer loads a batch's rows in one query. */
export type RowKeys = { [T in MutableTable]?: Record<string, unknown>[] };

/** Per event, the rows its handler reads (only for events that come by the thousand). */
export type ContractPreloads<C extends ContractName> = {
  [E in ContractEventName<(typeof abis)[C]>]?: (event: TypedEvent<C, E>) => RowKeys;
};

export type Preloads = { [C in ContractName]?: ContractPreloads<C> };

/** The block timestamp of an event apply.ts gave one (its `timedEvents`). */
export function timestampOf(event: { blockTimestamp?: number; blockNumber: number }): number {
  if (event.blockTimestamp === undefined) {
    throw new Error(`no timestamp for block ${event.blockNumber}`);
  }
  return event.blockTimestamp;
}
