/**
 * What a read-only process hears of the store's notices, driven by hand on a store no process
 * syncs: only notices sealed with the store's key, each numbered above the last one heard; one
 * sent again, altered, sealed with another key or not sealed at all is refused and counted; and
 * when the store's key changes, or its numbers go back (a store restored from a backup), the
 * process listens again and hears the writer's notices.
 */
import { randomBytes } from "node:crypto";
import { expect } from "chai";
import { sql } from "kysely";
import { waitFor } from "../../../scripts/lib/wait.ts";
import { createLogger } from "../../../indexer/src/config/logger.ts";
import { sharedSecret } from "../../../indexer/src/content/tables.ts";
import { openStore, type Store } from "../../../indexer/src/database/connect.ts";
import { storeSchemas } from "../../../indexer/src/index.ts";
import type { Sync } from "../../../indexer/src/sync/engine.ts";
import { startFollower } from "../../../indexer/src/sync/follower.ts";
import {
  NOTICE_CHANNEL,
  NOTICE_KEY_NAME,
  notify,
  sealNotice,
  type StoreNotice,
} from "../../../indexer/src/sync/notice.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/store.ts";

const commitAt = (block: number): StoreNotice => ({
  kind: "commit",
  fromBlock: block,
  block,
  timestamp: 1_000 + block,
  head: block,
  contracts: [],
  events: 0,
  licence: { pairs: [] },
});

describe("indexer store notices heard by a read-only process (PostgreSQL)", function () {
  this.timeout(120_000);
  let database: TestDatabase;
  let store: Store;
  let follower: Sync;
  const readKey = () => sharedSecret(store.db, NOTICE_KEY_NAME);
  /** The follower's reads of the key: counted, and held back while `hold` is set. */
  let keyReads = 0;
  let hold: Promise<void> | null = null;
  const followerReadsKey = async () => {
    keyReads += 1;
    const key = await readKey();
    if (hold) await hold;
    return key;
  };

  let connectionString: string;
  before(async () => {
    database = await createTestDatabase("postgres");
    ({ connectionString } = database.target as { connectionString: string });
    store = await openStore({ kind: "postgres", connectionString }, storeSchemas);
  });

  // Each test has its own follower: a refusal makes the follower read the store's key again up
  // to a second later, and a read left pending by one test would see the next test's new key.
  beforeEach(async () => {
    follower = startFollower({
      db: store.db,
      connectionString,
      noticeKey: followerReadsKey,
      logger: createLogger("silent"),
      retryBaseMs: 10,
      retryMaxMs: 100,
    });
    await waitFor({
      what: "the follower to listen",
      probe: async () => follower.status.phase,
      done: (phase) => phase === "live",
      intervalMs: 10,
    });
  });

  afterEach(async () => {
    await follower?.stop();
  });

  after(async () => {
    await store?.close();
    await database?.drop();
  });

  /** Gives the store a new notice key, as an operator rotating it would. */
  const setStoreKey = (newKey: Uint8Array) =>
    store.db
      .withTables<{ api_secrets: { name: string; value: string } }>()
      .updateTable("api_secrets")
      .set({ value: Buffer.from(newKey).toString("hex") })
      .where("name", "=", NOTICE_KEY_NAME)
      .execute();
  /** Sends `notice` as the syncing process does: numbered, sealed with `key`, on commit. */
  const send = (key: Uint8Array, notice: StoreNotice) =>
    store.db.transaction().execute((trx) => notify(trx, key, notice));
  /** Sends `payload` as it is, as anyone who can connect may. */
  const sendRaw = (payload: string) =>
    sql`SELECT pg_notify(${NOTICE_CHANNEL}, ${payload})`.execute(store.db);
  const heard = (block: number) =>
    waitFor({
      what: `the follower to hear block ${block}`,
      probe: async () => follower.status.indexedBlock,
      done: (indexed) => indexed === block,
      intervalMs: 10,
    });

  /** Waits until the follower has dropped its connection (counted) and listens again. */
  const listensAgain = (lostBefore: number, how: string) =>
    waitFor({
      what: `the follower to listen again ${how}`,
      probe: async () => ({
        lost: follower.status.rpcErrorsTotal,
        listening: follower.status.phase === "live" && !follower.status.unheard,
      }),
      done: (s) => s.lost > lostBefore && s.listening,
      intervalMs: 10,
    });

  it("hears the key's notices in order, and refuses one sent again, sealed with another key or unsealed", async () => {
    const key = await readKey();
    await send(key, commitAt(5));
    await heard(5);
    expect(follower.status.indexedTimestamp).to.equal(1_005);
    const refused = follower.status.noticesRefusedTotal;
    // Sealed with the key, but numbered as the first notice ever: sent again.
    await sendRaw(sealNotice(key, 1, commitAt(99)));
    await sendRaw(sealNotice(randomBytes(32), 10 ** 12, commitAt(99)));
    await sendRaw(JSON.stringify(commitAt(99)));
    // Notices arrive in commit order: once this one is heard, so were the three before it.
    await send(key, commitAt(6));
    await heard(6);
    expect(follower.status.noticesRefusedTotal - refused).to.equal(3);
    expect(follower.status.indexedTimestamp).to.equal(1_006);
  });

  it("reads the store's key again when a notice is sealed with another, and hears the new key's notices", async () => {
    const oldKey = await readKey();
    const newKey = randomBytes(32);
    await setStoreKey(newKey);
    const lostBefore = follower.status.rpcErrorsTotal;
    const refused = follower.status.noticesRefusedTotal;
    // Heard with the old key: refused, and the follower asks the store for its key.
    await send(newKey, commitAt(7));
    await listensAgain(lostBefore, "with the new key");
    expect(follower.status.noticesRefusedTotal - refused).to.equal(1);
    expect(follower.status.lastRpcError).to.match(/notice key changed/);
    await send(newKey, commitAt(8));
    await heard(8);
    // The old key's notices are now refused.
    await sendRaw(sealNotice(oldKey, 10 ** 12, commitAt(99)));
    await send(newKey, commitAt(9));
    await heard(9);
    expect(follower.status.noticesRefusedTotal - refused).to.equal(2);
  });

  it("listens again when the store's notice numbers go back, as after a restore", async () => {
    const key = await readKey();
    await send(key, commitAt(10));
    await heard(10);
    await sql`ALTER SEQUENCE spin_notice_seq RESTART WITH 1`.execute(store.db);
    const lostBefore = follower.status.rpcErrorsTotal;
    const refused = follower.status.noticesRefusedTotal;
    // Numbered 1: it looks sent again, so it is refused, and the follower reads the sequence.
    await send(key, commitAt(11));
    await listensAgain(lostBefore, "from the store's numbers");
    expect(follower.status.noticesRefusedTotal - refused).to.equal(1);
    expect(follower.status.lastRpcError).to.match(/numbers went back/);
    await send(key, commitAt(12));
    await heard(12);
  });

  it("asks the store again about a refusal heard while it was reading it, which may predate the change", async () => {
    const oldKey = await readKey();
    const refused = follower.status.noticesRefusedTotal;
    const lostBefore = follower.status.rpcErrorsTotal;
    let release!: () => void;
    hold = new Promise<void>((resolve) => (release = resolve));
    const readsBefore = keyReads;
    // A refusal: the follower reads the key, which is still the old one, and is held there.
    await sendRaw(JSON.stringify(commitAt(99)));
    await waitFor({
      what: "the follower to read the store's key",
      probe: async () => keyReads,
      done: (reads) => reads > readsBefore,
      intervalMs: 10,
    });
    // Meanwhile the key changes and the writer's next notice is sealed with the new one.
    const newKey = randomBytes(32);
    await setStoreKey(newKey);
    await send(newKey, commitAt(12));
    await waitFor({
      what: "the follower to refuse the new key's notice",
      probe: async () => follower.status.noticesRefusedTotal - refused,
      done: (count) => count === 2,
      intervalMs: 10,
    });
    hold = null;
    release();
    // The held read saw the old key; the refusal heard meanwhile makes the follower read again.
    await listensAgain(lostBefore, "after a read that began before the key changed");
    expect(Buffer.compare(oldKey, newKey)).to.not.equal(0);
    await send(newKey, commitAt(13));
    await heard(13);
  });
});
