/**
 * The sync: backfill from the contracts' deployment blocks in adaptive ranges up to the last
 * final block (backfill.ts), then follow the head block by block. Every step reads from the RPC
 * first and writes its events and the cursor in one transaction, so stopping or crashing at any
 * point resumes with nothing lost and nothing doubled. A failed step is retried with backoff; it
 * is never skipped.
 */
import { EventEmitter } from "node:events";
import type { Kysely, Transaction } from "kysely";
import { BaseError } from "viem";
import type { IndexerConfig } from "../config/config.ts";
import type { Logger } from "../config/logger.ts";
import { readColumnTypes, type ColumnTypes } from "../database/bulk.ts";
import type { Database } from "../database/schema.ts";
import {
  decodeLogs,
  jsonArgs,
  UndecodableLogError,
  type ContractsByAddress,
  type DecodedEvent,
} from "../decode/decode.ts";
import { applyEvents, HandlerError, withTimestamps } from "../indexing/apply.ts";
import { Writer } from "../indexing/writer.ts";
import type { BlockHeader, ChainReader } from "../rpc/client.ts";
import { describeError } from "../rpc/errors.ts";
import { createRangeSizer } from "../rpc/ranges.ts";
import { sleep, StoppedError } from "../rpc/retry.ts";
import { backfill, createRangeFetcher, type FetchedRange } from "./backfill.ts";
import { licenceChangeOf, withHoldings } from "./licence-changes.ts";
import { notify, type StoreNotice } from "./notice.ts";
import {
  createStatus,
  recordEvents,
  recordRpcFailure,
  recordRpcSuccess,
  recordStoreChange,
  type SyncStatus,
} from "./status.ts";
import {
  commitCursor,
  pruneFinal,
  readCursor,
  readMeta,
  recentBlocks,
  resetChainData,
  rollbackTo,
  writeMeta,
  type Cursor,
} from "./store-state.ts";

/** What subscribers (server-sent events) hear after each commit. */
export type Activity =
  | { type: "events"; fromBlock: number; toBlock: number; events: ActivityEvent[] }
  | { type: "rollback"; toBlock: number }
  | { type: "reset"; reason: string };

export interface ActivityEvent {
  blockNumber: number;
  logIndex: number;
  transactionHash: string;
  contract: string;
  eventName: string;
  args: Record<string, unknown>;
}

/** Errors that retrying cannot fix: the sync stops and reports them. */
export class FatalSyncError extends Error {
  override name = "FatalSyncError";
}

export interface Sync {
  readonly status: SyncStatus;
  readonly activity: EventEmitter<{ activity: [Activity] }>;
  /** Resolves when the sync has stopped (after stop(), or on a fatal error). */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

interface SyncDeps {
  config: IndexerConfig;
  db: Kysely<Database>;
  reader: ChainReader;
  logger: Logger;
  /**
   * The key to seal a notice of each committed write with (PostgreSQL: read-only API processes
   * listen), or null when no other process can hear them (PGlite).
   */
  noticeKey: Uint8Array | null;
}

export function startSync({ config, db, reader, logger, noticeKey }: SyncDeps): Sync {
  const status = createStatus();
  const activity = new EventEmitter<{ activity: [Activity] }>();
  const controller = new AbortController();
  const signal = controller.signal;
  const sizer = createRangeSizer({
    initial: config.backfill.initialRange,
    max: config.backfill.maxRange,
    targetLogs: config.backfill.targetLogs,
  });
  const entries = Object.entries(config.contracts) as [
    string,
    { address: `0x${string}`; deploymentBlock: number },
  ][];
  const addresses = entries.map(([, e]) => e.address);
  const contractsByAddress: ContractsByAddress = new Map(
    entries.map(([name, e]) => [e.address, name as never]),
  );
  const startBlock = Math.min(...entries.map(([, e]) => e.deploymentBlock));
  const fingerprint = JSON.stringify(
    entries.map(([name, e]) => [name, e.address, e.deploymentBlock]).sort(),
  );
  let cursor: Cursor | null = null;
  /** The store's column types, read once the store is known (bulk writes name them). */
  let columnTypes: ColumnTypes | null = null;

  /** One RPC read, counted in the status. */
  async function rpc<T>(call: () => Promise<T>): Promise<T> {
    const result = await call();
    recordRpcSuccess(status);
    return result;
  }

  const fetcher = createRangeFetcher(reader, addresses, sizer, rpc);

  function emit(event: Activity) {
    if (activity.listenerCount("activity") > 0) activity.emit("activity", event);
  }

  /**
   * Runs one write transaction, then `changed` to update the cursor and status (readers in this
   * process drop what they kept of the changed data; what they read meanwhile saw the data
   * before the commit or after it, never half of it). Other processes on the store hear
   * `notice` when the transaction commits.
   */
  async function write(
    change: (trx: Transaction<Database>) => Promise<void>,
    changed: () => void,
    notice: () => StoreNotice,
  ): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await change(trx);
      if (noticeKey) await notify(trx, noticeKey, notice());
    });
    changed();
  }

  async function fullReset(reason: string, genesisHash: string): Promise<void> {
    logger.warn("re-indexing from the deployment blocks", { reason });
    await write(
      async (trx) => {
        await resetChainData(trx);
        await writeMeta(trx, "genesis_hash", genesisHash);
        await writeMeta(trx, "contracts", fingerprint);
      },
      () => {
        cursor = null;
        status.resetsTotal += 1;
        recordStoreChange(status, null, "rewind");
      },
      () => ({ kind: "reset", reason }),
    );
    emit({ type: "reset", reason });
  }

  /** Same chain and same contracts as the stored data, or a clean start. */
  async function ensureIdentity(): Promise<void> {
    const chainId = await rpc(() => reader.chainId());
    if (chainId !== config.chainId) {
      throw new FatalSyncError(`the RPC serves chain ${chainId}, expected ${config.chainId}`);
    }
    const genesis = await rpc(() => reader.header(0));
    if (!genesis) throw new Error("the RPC has no genesis block");
    const [storedGenesis, storedContracts] = await Promise.all([
      readMeta(db, "genesis_hash"),
      readMeta(db, "contracts"),
    ]);
    if (storedGenesis !== genesis.hash || storedContracts !== fingerprint) {
      const reason =
        storedGenesis === null
          ? "empty store"
          : storedGenesis !== genesis.hash
            ? "new chain (different genesis)"
            : "different contracts in the address book";
      await fullReset(reason, genesis.hash);
    }
    cursor = await readCursor(db);
    columnTypes = await readColumnTypes(db as Kysely<unknown>);
    recordStoreChange(status, cursor, "none");
  }

  async function commit(events: DecodedEvent[], block: BlockHeader, head: number, from: number) {
    const finalHead = head - config.finalityDepth;
    // Block headers for events that need a timestamp the log lacked are read before the
    // transaction, so no RPC request holds the store's write lock.
    const timed = await withTimestamps(events, async (n) => {
      const header = await rpc(() => reader.header(n));
      if (!header) throw new Error(`block ${n} vanished while its logs were read`);
      return header.timestamp;
    });
    let licence = licenceChangeOf(events);
    await write(
      async (trx) => {
        const writer = new Writer(trx, finalHead + 1, columnTypes!);
        await applyEvents(timed, writer, {
          contractAt: (address) => contractsByAddress.get(address.toLowerCase()),
        });
        // What the commit leaves of each record it names, read from the writer's own rows, so
        // that every process updates its kept answers without asking the store again.
        licence = await withHoldings(licence, (key) => writer.get("licence_holdings", key));
        await commitCursor(trx, block);
        await pruneFinal(trx, Math.min(block.number, finalHead));
      },
      () => {
        cursor = { number: block.number, hash: block.hash, timestamp: block.timestamp };
        recordStoreChange(status, cursor, { commitOf: events.map((e) => e.contract), licence });
      },
      () => ({
        kind: "commit",
        fromBlock: from,
        block: block.number,
        timestamp: block.timestamp,
        head,
        contracts: [...new Set(events.map((e) => e.contract))],
        events: events.length,
        licence,
      }),
    );
    recordEvents(status, events.length);
    if (activity.listenerCount("activity") > 0) {
      emit({
        type: "events",
        fromBlock: from,
        toBlock: block.number,
        events: events.map((e) => ({
          blockNumber: e.blockNumber,
          logIndex: e.logIndex,
          transactionHash: e.transactionHash,
          contract: e.contract,
          eventName: e.eventName,
          args: jsonArgs(e.args),
        })),
      });
    }
  }

  /** Decodes a fetched range and commits it; throws when its last block changed meanwhile. */
  async function commitRange(range: FetchedRange, head: number): Promise<void> {
    const events = decodeLogs(range.logs, contractsByAddress);
    const stale = events.find(
      (e) => e.blockNumber === range.to && e.blockHash !== range.block.hash,
    );
    if (stale) throw new Error(`block ${range.to} changed while its logs were read`);
    await commit(events, range.block, head, range.from);
    logger.debug("backfilled", { from: range.from, to: range.to, events: events.length });
  }

  async function backfillTo(from: number, last: number, head: number): Promise<void> {
    const end = await backfill(
      fetcher,
      {
        cursor: () => cursor,
        commit: (range) => commitRange(range, head),
        refused(range, error) {
          recordRpcFailure(status, error);
          logger.debug("range refused, splitting", { from: range.from, next: sizer.size });
        },
        aborted: () => signal.aborted,
      },
      from,
      last,
    );
    // The block before a range is no longer the cursor's: find where the chain changed.
    if (end === "reorg") await handleReorg();
  }

  /** Indexes block `number`, whose header may already have been read (`known`). */
  async function followBlock(number: number, head: number, known?: BlockHeader): Promise<void> {
    const block = known ?? (await rpc(() => reader.header(number)));
    if (!block) return;
    if (cursor && block.parentHash !== cursor.hash) {
      await handleReorg();
      return;
    }
    const logs = await rpc(() => reader.logsInBlock(addresses, block.hash));
    await commit(decodeLogs(logs, contractsByAddress), block, head, number);
  }

  async function handleReorg(): Promise<void> {
    status.reorgsTotal += 1;
    let ancestor: BlockHeader | null = null;
    for (const stored of await recentBlocks(db)) {
      const onChain = await rpc(() => reader.header(stored.number));
      if (onChain && onChain.hash === stored.hash) {
        ancestor = onChain;
        break;
      }
    }
    if (!ancestor) {
      const genesis = await rpc(() => reader.header(0));
      if (!genesis) throw new Error("the RPC has no genesis block");
      await fullReset("reorg deeper than the kept blocks, or a new chain", genesis.hash);
      return;
    }
    const from = cursor?.number;
    await write(
      (trx) => rollbackTo(trx, ancestor),
      () => {
        cursor = { number: ancestor.number, hash: ancestor.hash, timestamp: ancestor.timestamp };
        recordStoreChange(status, cursor, "rewind");
      },
      () => ({
        kind: "rollback",
        block: ancestor.number,
        timestamp: ancestor.timestamp,
        head: status.headBlock,
      }),
    );
    logger.warn("reorg: rolled back to the common ancestor", { from, to: ancestor.number });
    emit({ type: "rollback", toBlock: ancestor.number });
  }

  /**
   * One step: index the final blocks not yet indexed (backfill), or the next block (live), or,
   * with nothing new, check that the cursor's block is still the chain's and wait. A range or a
   * block is only committed on top of the cursor's block, so each path detects a reorg itself.
   */
  async function step(): Promise<void> {
    const next = cursor ? cursor.number + 1 : startBlock;
    // Once live, the next block's header is asked for with the head: a new block costs one
    // round trip less before it is indexed.
    const [head, nextHeader] = await Promise.all([
      rpc(() => reader.headNumber()),
      status.phase === "live" && cursor ? rpc(() => reader.header(next)) : null,
    ]);
    status.headBlock = head;
    if (next > head) {
      if (cursor) {
        const current = await rpc(() => reader.header(cursor!.number));
        if (!current || current.hash !== cursor.hash) {
          await handleReorg();
          return;
        }
      }
      status.phase = "live";
      await sleep(config.pollIntervalMs, signal);
      return;
    }
    const finalHead = head - config.finalityDepth;
    if (next <= finalHead) {
      status.phase = "backfill";
      await backfillTo(next, finalHead, head);
    } else {
      status.phase = "live";
      await followBlock(next, head, nextHeader ?? undefined);
    }
  }

  function isFatal(error: unknown): boolean {
    return (
      error instanceof FatalSyncError ||
      error instanceof HandlerError ||
      error instanceof UndecodableLogError
    );
  }

  async function run(): Promise<void> {
    let failures = 0;
    let identified = false;
    while (!signal.aborted) {
      try {
        if (!identified) {
          await ensureIdentity();
          identified = true;
        }
        await step();
        failures = 0;
      } catch (error) {
        if (error instanceof StoppedError || signal.aborted) break;
        if (isFatal(error)) {
          status.phase = "failed";
          status.fatalError = describeError(error);
          logger.error("sync stopped", { error: String(error) });
          return;
        }
        failures += 1;
        if (error instanceof BaseError) recordRpcFailure(status, error);
        const backoff = Math.min(
          config.rpc.retryMaxMs,
          config.rpc.retryBaseMs * 2 ** Math.min(failures - 1, 16),
        );
        logger.warn("sync step failed, retrying", {
          attempt: failures,
          retryInMs: backoff,
          cursor: cursor?.number ?? null,
          error: describeError(error),
        });
        try {
          await sleep(backoff, signal);
        } catch {
          break;
        }
      }
    }
    status.phase = "stopped";
  }

  const done = run();
  return {
    status,
    activity,
    done,
    async stop() {
      controller.abort();
      await done;
    },
  };
}
