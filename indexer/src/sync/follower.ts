/**
 * A read-only API process over a PostgreSQL store that another process syncs: it never writes,
 * and keeps its status (indexed block and time, what changed) from the syncing process's
 * notices (notice.ts). Its status changes as the writer's would, so the answers it keeps are
 * dropped on each commit that could change them, across processes: only those a commit names,
 * or all of them. While its listening
 * connection is down it keeps nothing (it cannot hear commits); after reconnecting it reads the
 * cursor again and drops everything it kept. It hears only notices sealed with the store's key,
 * each numbered above the last it heard: anyone who can connect may send a notice on the
 * channel, and one forged, altered or sent again is refused, counted and logged. The key and the
 * last number are read on each connection; a refused notice makes it read them again (at most
 * once a second), and when the key has changed or the numbers went back (a store restored from a
 * backup) it listens again, as after a lost connection.
 */
import { EventEmitter } from "node:events";
import type { Kysely } from "kysely";
import pg from "pg";
import type { Logger } from "../config/logger.ts";
import type { Database } from "../database/schema.ts";
import { sleep, StoppedError } from "../rpc/retry.ts";
import type { Activity, Sync } from "./engine.ts";
import { lastNoticeNumber, NOTICE_CHANNEL, openNotice, type StoreNotice } from "./notice.ts";
import { createStatus, recordEvents, recordStoreChange, type SyncStatus } from "./status.ts";

/** How often refused notices may make the follower read the store's key and number again. */
const STORE_CHECK_INTERVAL_MS = 1_000;
import { readCursor } from "./store-state.ts";

export interface FollowerDeps {
  db: Kysely<Database>;
  connectionString: string;
  /** Reads the store's secret the syncing process seals its notices with (notice.ts). */
  noticeKey: () => Promise<Uint8Array>;
  logger: Logger;
  retryBaseMs: number;
  retryMaxMs: number;
}

/** The events a commit wrote, read back from the store for server-sent events. */
async function eventsOf(db: Kysely<Database>, from: number, to: number) {
  const rows = await db
    .selectFrom("events")
    .selectAll()
    .where("block_number", ">=", from)
    .where("block_number", "<=", to)
    .orderBy("block_number")
    .orderBy("log_index")
    .execute();
  return rows.map((r) => ({
    blockNumber: r.block_number,
    logIndex: r.log_index,
    transactionHash: r.transaction_hash,
    contract: r.contract,
    eventName: r.event_name,
    args: r.args,
  }));
}

/** Moves `status` as the writer's status moved. */
export function applyNotice(status: SyncStatus, notice: StoreNotice): void {
  if (notice.kind === "reset") {
    recordStoreChange(status, null, "rewind");
    return;
  }
  if (notice.head !== null) status.headBlock = notice.head;
  const block = { number: notice.block, timestamp: notice.timestamp };
  if (notice.kind === "rollback") {
    status.reorgsTotal += 1;
    recordStoreChange(status, block, "rewind");
    return;
  }
  recordStoreChange(status, block, { commitOf: notice.contracts, licence: notice.licence });
  recordEvents(status, notice.events);
}

function currentBlock(status: SyncStatus) {
  return status.indexedBlock === null
    ? null
    : { number: status.indexedBlock, timestamp: status.indexedTimestamp ?? 0 };
}

/** Closes a listening connection; one that already failed has nothing left to close. */
async function endQuietly(connection: pg.Client): Promise<void> {
  try {
    await connection.end();
  } catch {
    // The connection failed before: its failure was already reported.
  }
}

export function startFollower({
  db,
  connectionString,
  noticeKey,
  logger,
  retryBaseMs,
  retryMaxMs,
}: FollowerDeps): Sync {
  const status = createStatus();
  const activity = new EventEmitter<{ activity: [Activity] }>();
  const controller = new AbortController();
  // Nothing is kept until the first connection hears the writer.
  status.unheard = true;
  let client: pg.Client | null = null;

  async function announce(notice: StoreNotice): Promise<void> {
    if (activity.listenerCount("activity") === 0) return;
    if (notice.kind === "reset")
      activity.emit("activity", { type: "reset", reason: notice.reason });
    else if (notice.kind === "rollback") {
      activity.emit("activity", { type: "rollback", toBlock: notice.block });
    } else if (notice.events > 0) {
      const events = await eventsOf(db, notice.fromBlock, notice.block);
      activity.emit("activity", {
        type: "events",
        fromBlock: notice.fromBlock,
        toBlock: notice.block,
        events,
      });
    }
  }

  /** Listens until the connection fails; resolves then (or when stopped). */
  async function listenOnce(): Promise<void> {
    const connection = new pg.Client({ connectionString });
    client = connection;
    let stopListening: (reason: Error) => void = () => {};
    const lost = new Promise<Error>((resolve) => {
      stopListening = resolve;
      connection.on("error", resolve);
      connection.on("end", () => resolve(new Error("the connection ended")));
    });
    const key = await noticeKey();
    // Notices numbered below this were sent before it was read, so before this connection
    // listened: none of them can be heard now but as a replay.
    let heard = (await lastNoticeNumber(db)) - 1;
    let checkedAt = 0;
    let check: NodeJS.Timeout | null = null;
    /** A read of the key and number is under way; `askedAgain`: a refusal came meanwhile. */
    let reading = false;
    let askedAgain = false;
    let finished = false;
    /**
     * After a refused notice: is the store no longer what this connection began with? A new key
     * (the notice was sealed with it), or a sequence behind the last number heard (restored or
     * reset: the writer's next notices would all look sent again). Either way, listen again.
     * Asked at once, or when a second has passed since it was last asked. A refusal heard while
     * the store is being read is asked about again once that read is done: the read may have
     * begun before the store changed.
     */
    function checkStore() {
      if (finished) return;
      if (reading) {
        askedAgain = true;
        return;
      }
      if (check) return;
      const wait = Math.max(0, checkedAt + STORE_CHECK_INTERVAL_MS - Date.now());
      check = setTimeout(() => {
        check = null;
        reading = true;
        checkedAt = Date.now();
        Promise.all([noticeKey(), lastNoticeNumber(db)])
          .then(
            ([stored, last]) => {
              if (Buffer.compare(stored, key) !== 0) {
                stopListening(
                  new Error("the store's notice key changed: listening with the new one"),
                );
              } else if (last < heard) {
                stopListening(
                  new Error(
                    `the store's notice numbers went back from ${heard} to ${last}: listening again`,
                  ),
                );
              }
            },
            (error: unknown) => {
              logger.warn("could not read the store's notice key and number", {
                error: String(error),
              });
            },
          )
          .finally(() => {
            reading = false;
            if (askedAgain) {
              askedAgain = false;
              checkStore();
            }
          });
      }, wait);
      check.unref();
    }
    connection.on("notification", (message) => {
      if (message.channel !== NOTICE_CHANNEL) return;
      const payload = message.payload ?? "";
      const sealed = openNotice(key, payload);
      const refusal = !sealed
        ? "not sealed with the store's key"
        : sealed.seq <= heard
          ? `numbered ${sealed.seq}, not above ${heard}: sent again`
          : null;
      if (!sealed || refusal) {
        status.noticesRefusedTotal += 1;
        logger.warn("refused a notice", { reason: refusal, payload: payload.slice(0, 200) });
        checkStore();
        return;
      }
      heard = sealed.seq;
      const { notice } = sealed;
      applyNotice(status, notice);
      announce(notice).catch((error: unknown) =>
        logger.warn("could not announce new activity", { error: String(error) }),
      );
    });
    await connection.connect();
    await connection.query(`LISTEN ${NOTICE_CHANNEL}`);
    // Commits made before LISTEN took effect were not heard: read where the store is now, and
    // drop every kept answer (a notice heard meanwhile may already be newer than this read).
    const cursor = await readCursor(db);
    const newer = (cursor?.number ?? -1) >= (status.indexedBlock ?? -1);
    recordStoreChange(status, newer ? cursor : currentBlock(status), "rewind");
    status.phase = "live";
    status.unheard = false;
    status.consecutiveRpcFailures = 0;
    status.lastRpcSuccessAt = Date.now();
    logger.info("following the store's commits", { indexedBlock: cursor?.number ?? null });
    const abort = new Promise<void>((resolve) =>
      controller.signal.addEventListener("abort", () => resolve(), { once: true }),
    );
    const reason = await Promise.race([lost, abort]);
    finished = true;
    if (check) clearTimeout(check);
    status.unheard = true;
    await endQuietly(connection);
    if (reason instanceof Error) throw reason;
  }

  async function run(): Promise<void> {
    let failures = 0;
    while (!controller.signal.aborted) {
      try {
        await listenOnce();
        failures = 0;
      } catch (error) {
        if (controller.signal.aborted) break;
        failures += 1;
        status.rpcErrorsTotal += 1;
        status.consecutiveRpcFailures += 1;
        status.lastRpcError = `store notices: ${(error as Error).message}`;
        const backoff = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.min(failures - 1, 16));
        logger.warn("lost the store's notices, listening again", {
          attempt: failures,
          retryInMs: backoff,
          error: String(error),
        });
        try {
          await sleep(backoff, controller.signal);
        } catch (stopped) {
          if (stopped instanceof StoppedError) break;
          throw stopped;
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
      if (client) await endQuietly(client);
      await done;
    },
  };
}
