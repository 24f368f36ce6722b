/** Health and activity. */
import { z } from "@hono/zod-openapi";
import { account, hash32, int, json, pageSchema } from "./common.ts";

export const health = z
  .object({
    status: z.enum(["ok", "stuck", "failed"]),
    phase: z.string(),
    chainId: int,
    headBlock: int.nullable(),
    indexedBlock: int.nullable(),
    lagBlocks: int.nullable(),
    rpcErrors: int,
    lastRpcError: z.string().nullable(),
    fatalError: z.string().nullable(),
  })
  .openapi("Health");

export const event = z
  .object({
    block_number: int,
    log_index: int,
    block_hash: hash32,
    transaction_hash: hash32,
    contract: z.string(),
    address: account,
    event_name: z.string(),
    args: json,
  })
  .openapi("Event");
export const events = pageSchema(event, "EventPage");
