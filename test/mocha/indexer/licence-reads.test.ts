/**
 * How licence questions reach the store: in batches, several reads at once, one row for the
 * same question asked while a read waits, never an answer from a read sent before the question,
 * and never a kept answer from a read that was under way when a commit changed its data.
 */
import { expect } from "chai";
import {
  createFactsReader,
  createLicenceChecker,
  type LicenceFacts,
  type Question,
} from "../../../indexer/src/server/licence-check.ts";
import {
  createLicenceChangeLog,
  recordLicenceChange,
} from "../../../indexer/src/sync/licence-changes.ts";

const firm = "0x00000000000000000000000000000000000000aa";
const coop = "0x00000000000000000000000000000000000000bb";

/**
 * The facts of an open work `workId` (or as `facts` says), stamped with `generation` (the
 * store's state when read).
 */
function factsOf(
  question: Question,
  generation: number,
  facts: Partial<LicenceFacts>,
): LicenceFacts {
  const workId = "workId" in question.ref ? question.ref.workId : 1;
  return {
    work_id: workId,
    suspended: false,
    licence_id: 1,
    commercial_use: 1,
    kind: 4,
    status: 2,
    is_protocol: false,
    record_id: generation,
    revoked: false,
    valid_until: null,
    now: 1_000,
    ...facts,
  };
}

/**
 * A store whose reads end only when the test says so: each read records its questions and the
 * store's generation when it was sent, and answers with that generation.
 */
function heldStore(facts: Partial<LicenceFacts> = {}) {
  let generation = 1;
  const reads: { questions: readonly Question[]; end(): void; fail(error: Error): void }[] = [];
  let sent: (() => void) | null = null;
  return {
    reads,
    change: () => (generation += 1),
    read(questions: readonly Question[]): Promise<LicenceFacts[]> {
      const at = generation;
      return new Promise((resolve, reject) => {
        reads.push({
          questions,
          end: () => resolve(questions.map((q) => factsOf(q, at, facts))),
          fail: reject,
        });
        sent?.();
      });
    },
    /** Resolves once `count` reads have been sent in all. */
    sent(count: number): Promise<void> {
      return new Promise((resolve) => {
        const check = () => {
          if (reads.length >= count) {
            sent = null;
            resolve();
          } else sent = check;
        };
        check();
      });
    },
  };
}

/** A checker keeping up to 100 answers read from `store`, and the change log it follows. */
function keepingChecker(store: ReturnType<typeof heldStore>, clock: number | null) {
  const log = createLicenceChangeLog();
  const checker = createLicenceChecker(createFactsReader(store.read), {
    entries: 100,
    version: () => "1",
    changes: () => log,
    clock: () => clock,
  });
  return { checker, log };
}

describe("indexer licence reads", () => {
  it("reads the questions of one moment together, one row for questions asked twice", async () => {
    const store = heldStore();
    const ask = createFactsReader(store.read, 1);
    const answers = Promise.all([
      ask({ workId: 1 }, firm),
      ask({ workId: 1 }, firm),
      ask({ workId: 2 }, firm),
      ask({ workId: 1 }, coop),
      ask({ contentHash: `0x${"11".repeat(32)}` }, firm),
    ]);
    await store.sent(1);
    expect(store.reads[0].questions).to.deep.equal([
      { ref: { workId: 1 }, account: firm },
      { ref: { workId: 2 }, account: firm },
      { ref: { workId: 1 }, account: coop },
      { ref: { contentHash: `0x${"11".repeat(32)}` }, account: firm },
    ]);
    store.reads[0].end();
    expect((await answers).map((row) => row.work_id)).to.deep.equal([1, 1, 2, 1, 1]);
  });

  it("never answers a question from a read sent before it was asked", async () => {
    const store = heldStore();
    const ask = createFactsReader(store.read, 1);
    const first = ask({ workId: 1 }, firm);
    await store.sent(1);
    // The data changes while the first read is under way; the same question is asked again.
    store.change();
    const second = ask({ workId: 1 }, firm);
    const third = ask({ workId: 1 }, firm);
    store.reads[0].end();
    expect((await first).record_id).to.equal(1);
    // The questions asked meanwhile go together in the next read, which sees the change.
    await store.sent(2);
    expect(store.reads[1].questions).to.have.length(1);
    store.reads[1].end();
    expect([(await second).record_id, (await third).record_id]).to.deep.equal([2, 2]);
  });

  it("runs up to its limit of reads at once, and a failed read fails only its questions", async () => {
    const store = heldStore();
    const ask = createFactsReader(store.read, 2);
    const a = ask({ workId: 1 }, firm).then(
      () => "answered",
      (error: Error) => error.message,
    );
    await store.sent(1);
    const b = ask({ workId: 2 }, firm);
    await store.sent(2);
    // Both reads are under way: a third question waits for one of them to end.
    const c = ask({ workId: 3 }, firm);
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.reads).to.have.length(2);
    store.reads[0].fail(new Error("the store is gone"));
    await store.sent(3);
    expect(store.reads[2].questions).to.deep.equal([{ ref: { workId: 3 }, account: firm }]);
    store.reads[1].end();
    store.reads[2].end();
    expect(await a).to.equal("the store is gone");
    expect([(await b).work_id, (await c).work_id]).to.deep.equal([2, 3]);
    expect(() => createFactsReader(store.read, 0)).to.throw(RangeError, "positive integer");
  });

  it("does not keep an answer whose read was under way when a commit changed it", async () => {
    const store = heldStore();
    const { checker, log } = keepingChecker(store, null);
    const before = checker.check({ workId: 1 }, firm);
    const other = checker.check({ workId: 2 }, firm);
    await store.sent(1);
    // The commit lands while the read is under way, and names (1, firm).
    store.change();
    recordLicenceChange(log, { pairs: [{ workId: 1, account: firm }] });
    const after = checker.check({ workId: 1 }, firm);
    const kept = checker.check({ workId: 2 }, firm);
    store.reads[0].end();
    // Those who asked before the commit get the read they joined...
    expect([(await before).recordId, (await other).recordId]).to.deep.equal([1, 1]);
    // ...a question after it reads again; the answer the commit did not name is still kept.
    await store.sent(2);
    expect(store.reads[1].questions).to.deep.equal([{ ref: { workId: 1 }, account: firm }]);
    store.reads[1].end();
    expect([(await after).recordId, (await kept).recordId]).to.deep.equal([2, 1]);
    expect((await checker.check({ workId: 1 }, firm)).recordId).to.equal(2);
    expect(store.reads).to.have.length(2);
  });

  it("updates a kept answer from the record a commit names, without reading the store again", async () => {
    // A work enterprises pay for.
    const store = heldStore({ commercial_use: 2, valid_until: 1_500 });
    const { checker, log } = keepingChecker(store, 2_000);
    const byHash = { contentHash: `0x${"11".repeat(32)}` };
    const asked = Promise.all([
      checker.check({ workId: 1 }, firm),
      checker.check(byHash, firm),
      checker.check({ workId: 2 }, firm),
    ]);
    await store.sent(1);
    store.reads[0].end();
    // Paid until 1,500, and the head is at 2,000: expired.
    expect((await asked).map((a) => [a.reason, a.recordId])).to.deep.equal([
      ["Expired", 1],
      ["Expired", 1],
      ["Expired", 1],
    ]);
    // A purchase of work 1 by the firm: its record is 7, paid until 5,000.
    recordLicenceChange(log, {
      pairs: [
        { workId: 1, account: firm, holding: { recordId: 7, revoked: false, validUntil: 5_000 } },
      ],
    });
    for (const ref of [{ workId: 1 }, byHash]) {
      const bought = await checker.check(ref, firm);
      expect([bought.reason, bought.recordId, bought.validUntil, bought.at]).to.deep.equal([
        "PaidLicence",
        7,
        5_000,
        2_000,
      ]);
    }
    // Work 2's answer is not about it; a revocation, then a lifted one (no record left).
    expect((await checker.check({ workId: 2 }, firm)).recordId).to.equal(1);
    recordLicenceChange(log, {
      pairs: [
        { workId: 1, account: firm, holding: { recordId: 7, revoked: true, validUntil: 5_000 } },
      ],
    });
    const revoked = await checker.check({ workId: 1 }, firm);
    expect([revoked.reason, revoked.recordId]).to.deep.equal(["Revoked", 7]);
    recordLicenceChange(log, { pairs: [{ workId: 1, account: firm, holding: null }] });
    const lifted = await checker.check(byHash, firm);
    expect([lifted.reason, lifted.recordId, lifted.validUntil]).to.deep.equal(["NoLicence", 0, 0]);
    expect(store.reads).to.have.length(1);
  });

  it("drops, rather than updates, an answer whose read is under way or whose record is not named", async () => {
    const store = heldStore();
    const { checker, log } = keepingChecker(store, null);
    const pending = checker.check({ workId: 1 }, firm);
    const kept = checker.check({ workId: 2 }, firm);
    await store.sent(1);
    // A commit names (1, firm) with its record while the read is under way.
    store.change();
    const holding = { recordId: 9, revoked: false, validUntil: 5_000 };
    recordLicenceChange(log, { pairs: [{ workId: 1, account: firm, holding }] });
    const after = checker.check({ workId: 1 }, firm);
    await store.sent(2);
    store.reads[0].end();
    store.reads[1].end();
    expect([(await pending).recordId, (await kept).recordId, (await after).recordId]).to.deep.equal(
      [1, 1, 2],
    );
    // A commit names (2, firm) without its record (a notice too large to carry it).
    store.change();
    recordLicenceChange(log, { pairs: [{ workId: 2, account: firm }] });
    const again = checker.check({ workId: 2 }, firm);
    await store.sent(3);
    store.reads[2].end();
    expect((await again).recordId).to.equal(3);
    expect(store.reads.map((r) => r.questions.length)).to.deep.equal([2, 1, 1]);
  });
});
