/**
 * What a commit tells the kept licence answers: the (work, account) pairs of the records it
 * wrote with each one's record after the commit, "all" for anything wider or unknown, the pairs
 * alone when a notice cannot carry their records, and "all" when it cannot carry the pairs;
 * and the seal that lets other processes tell the writer's notices from anyone else's.
 */
import { randomBytes } from "node:crypto";
import { expect } from "chai";
import {
  licenceChangeOf,
  withHoldings,
  type LicencePair,
} from "../../../indexer/src/sync/licence-changes.ts";
import {
  NOTICE_MAX_BYTES,
  noticeText,
  openNotice,
  parseNotice,
  sealNotice,
  type StoreNotice,
} from "../../../indexer/src/sync/notice.ts";

const firm = "0x00000000000000000000000000000000000000aa";
const coop = "0x00000000000000000000000000000000000000bb";

const event = (contract: string, eventName: string, args: Record<string, unknown> = {}) => ({
  contract,
  eventName,
  args,
});

/** A commit notice naming `count` pairs, pair `i` as `pair(i)` gives it. */
const commitNaming = (count: number, pair: (i: number) => LicencePair): StoreNotice => ({
  kind: "commit",
  fromBlock: 1,
  block: 2,
  timestamp: 3,
  head: 2,
  contracts: ["Licensing"],
  events: count,
  licence: { pairs: Array.from({ length: count }, (_, i) => pair(i)) },
});

describe("indexer licence changes of a commit", () => {
  it("names the pairs of the four record events, once each, lower case", () => {
    const change = licenceChangeOf([
      event("Licensing", "LicencePurchased", { workId: 7n, licensee: firm.toUpperCase() }),
      event("Licensing", "LicencePurchased", { workId: 7n, licensee: firm }),
      event("Licensing", "CommonsUseRecorded", { workId: 7n, user: coop }),
      event("Licensing", "LicenceRevoked", { workId: 8n, licensee: firm }),
      event("Licensing", "RevocationLifted", { workId: 9n, account: coop }),
      event("SpinCoin", "Transfer", { from: firm, to: coop }),
      event("Licensing", "Claimed", { workId: 7n, contributor: coop }),
    ]);
    expect(change).to.deep.equal({
      pairs: [
        { workId: 7, account: "0x00000000000000000000000000000000000000aa" },
        { workId: 7, account: coop },
        { workId: 8, account: firm },
        { workId: 9, account: coop },
      ],
    });
  });

  it("changes nothing for events outside the check's inputs and Licensing's money events", () => {
    for (const name of ["UpstreamReceived", "FundFlushed", "WorkPriceSet", "UnclaimedSwept"]) {
      expect(licenceChangeOf([event("Licensing", name)])).to.deep.equal({ pairs: [] });
    }
    expect(licenceChangeOf([event("SpinGovernor", "ProposalCreated")])).to.deep.equal({
      pairs: [],
    });
  });

  it("changes everything for works, templates, participants and unknown or malformed events", () => {
    for (const wide of [
      event("WorksRegistry", "WorkSuspended", { workId: 7n }),
      event("LicenceTemplates", "TemplateActiveSet", { licenceId: 1 }),
      event("CommonsRegistry", "KindChanged", { account: firm }),
      event("Licensing", "SomethingNew", { workId: 7n, licensee: firm }),
      event("Licensing", "LicencePurchased", { workId: 7n }),
    ]) {
      const purchase = event("Licensing", "LicencePurchased", { workId: 1n, licensee: firm });
      expect(licenceChangeOf([purchase, wide]), wide.eventName).to.equal("all");
    }
  });

  it("sends 'all' when the pairs do not fit a notice, and reads a missing change as 'all'", () => {
    const commit = (pairs: number) => commitNaming(pairs, (i) => ({ workId: i, account: firm }));
    const small = noticeText(commit(10));
    expect(parseNotice(small)).to.deep.equal(commit(10));
    const large = noticeText(commit(1_000));
    expect(parseNotice(large)).to.deep.include({ kind: "commit", licence: "all" });
    // Sealed with the largest number a seal carries, it still fits.
    const sealed = sealNotice(randomBytes(32), 999_999_999_999_999, commit(1_000));
    expect(Buffer.byteLength(sealed)).to.be.at.most(NOTICE_MAX_BYTES);
    const { licence: _dropped, ...older } = commit(1) as Extract<StoreNotice, { kind: "commit" }>;
    expect(parseNotice(JSON.stringify(older))).to.deep.include({ licence: "all" });
    const malformed = { ...commit(1), licence: { pairs: [{ workId: "7", account: firm }] } };
    expect(parseNotice(JSON.stringify(malformed))).to.deep.include({ licence: "all" });
  });

  it("carries each pair's record when it fits, the pairs alone when only they fit, then 'all'", () => {
    const holding = { recordId: 12, revoked: false, validUntil: 1_900_000_000 };
    const commit = (pairs: number) =>
      commitNaming(pairs, (i) => ({
        workId: i,
        account: firm,
        holding: i % 2 === 0 ? holding : null,
      }));
    expect(parseNotice(noticeText(commit(4)))).to.deep.equal(commit(4));
    // Ninety pairs fit only without their records; a thousand not at all.
    const bare = parseNotice(noticeText(commit(90)));
    expect(bare).to.deep.include({ kind: "commit" });
    const pairs = (bare as { licence: { pairs: object[] } }).licence.pairs;
    expect(pairs).to.have.length(90);
    expect(pairs.every((p) => !("holding" in p))).to.equal(true);
    expect(parseNotice(noticeText(commit(1_000)))).to.deep.include({ licence: "all" });
    for (const malformed of [
      { recordId: -1, revoked: false, validUntil: 0 },
      { recordId: 1, revoked: "no", validUntil: 0 },
      { recordId: 1, revoked: false },
      "12",
    ]) {
      const text = JSON.stringify({
        ...commit(1),
        licence: { pairs: [{ workId: 1, account: firm, holding: malformed }] },
      });
      expect(parseNotice(text), JSON.stringify(malformed)).to.deep.include({ licence: "all" });
    }
  });

  it("opens only what the key sealed: another number, record, MAC or key, or no seal, opens to nothing", () => {
    const key = randomBytes(32);
    const holding = { recordId: 5, revoked: false, validUntil: 1_900_000_000 };
    const notice = commitNaming(2, (i) => ({ workId: i, account: firm, holding }));
    const payload = sealNotice(key, 41, notice);
    expect(openNotice(key, payload)).to.deep.equal({ seq: 41, notice });
    expect(openNotice(randomBytes(32), payload)).to.equal(null);
    const [seq, mac] = payload.split(".", 2);
    const text = payload.slice(seq.length + mac.length + 2);
    expect(text).to.equal(noticeText(notice));
    const otherMac = `${mac[0] === "A" ? "B" : "A"}${mac.slice(1)}`;
    for (const altered of [
      `42.${mac}.${text}`,
      `${seq}.${mac}.${text.replace('"revoked":false', '"revoked":true')}`,
      `${seq}.${otherMac}.${text}`,
      `${seq}.${mac}`,
      `-41.${mac}.${text}`,
      `${seq}.${mac}.${text}`.replace(".", ".."),
      text,
      "",
    ]) {
      expect(openNotice(key, altered), altered.slice(0, 80)).to.equal(null);
    }
  });

  it("reads each named pair's record from the committing writer's rows", async () => {
    const rows = new Map([[`7:${firm}`, { record_id: 3, revoked: true, valid_until: 99 }]]);
    const change = await withHoldings(
      {
        pairs: [
          { workId: 7, account: firm },
          { workId: 7, account: coop },
        ],
      },
      async (key) => rows.get(`${key.work_id}:${key.licensee}`),
    );
    expect(change).to.deep.equal({
      pairs: [
        { workId: 7, account: firm, holding: { recordId: 3, revoked: true, validUntil: 99 } },
        { workId: 7, account: coop, holding: null },
      ],
    });
    expect(await withHoldings("all", () => Promise.reject(new Error("not read")))).to.equal("all");
  });
});
