import { describe, expect, it } from "vitest";
import { Status } from "@/lib/guards";
import {
  blockedBecause,
  isStuck,
  shareMarkRefusal,
  streamMarkRefusal,
  sweepableFrom,
  type UnclaimableView,
} from "@/lib/unclaimable";

const DAY = 86_400;
const stuck: UnclaimableView = {
  callerAllowed: true,
  owed: 5n,
  ownerStatus: Status.Suspended,
  ownerAllowed: false,
  workSuspended: false,
  sweepableAt: 0,
  period: 180 * DAY,
};

describe("marking a contributor's share unclaimable, as Licensing checks it", () => {
  it("is offered for a suspended contributor's earnings with no mark running", () => {
    expect(shareMarkRefusal(stuck)).toBeNull();
    expect(isStuck(stuck, "share")).toBe(true);
    expect(blockedBecause(stuck)).toBe("suspended");
  });
  it("is offered when the work is suspended, even though its contributor is a member", () => {
    const view = {
      ...stuck,
      ownerStatus: Status.Admitted,
      ownerAllowed: true,
      workSuspended: true,
    };
    expect(shareMarkRefusal(view)).toBeNull();
    expect(blockedBecause(view)).toBe("workSuspended");
  });
  it("refuses a caller the registry does not allow before anything else", () => {
    expect(shareMarkRefusal({ ...stuck, callerAllowed: false, owed: 0n })).toEqual({
      reason: "caller",
    });
  });
  it("refuses when nothing is owed, then when the contributor can claim", () => {
    expect(shareMarkRefusal({ ...stuck, owed: 0n, ownerAllowed: true })).toEqual({
      reason: "nothing",
    });
    const member = { ...stuck, ownerStatus: Status.Admitted, ownerAllowed: true };
    expect(shareMarkRefusal(member)).toEqual({ reason: "claimable" });
    expect(isStuck(member, "share")).toBe(false);
  });
  it("refuses a second mark while one runs, and says from when it may be swept", () => {
    const view = { ...stuck, sweepableAt: 1_000 + 180 * DAY };
    expect(shareMarkRefusal(view)).toEqual({ reason: "running", sweepableAt: 1_000 + 180 * DAY });
    expect(sweepableFrom(view, 5_000)).toBe(1_000 + 180 * DAY);
  });
});

describe("marking a stream unclaimable, as CommonFund checks it", () => {
  it("refuses a recipient who can claim before looking at what is owed", () => {
    const view = { ...stuck, owed: 0n, ownerStatus: Status.Admitted, ownerAllowed: true };
    expect(streamMarkRefusal(view)).toEqual({ reason: "claimable" });
  });
  it("refuses a fully claimed stream, a running mark and a caller not allowed", () => {
    expect(streamMarkRefusal({ ...stuck, owed: 0n })).toEqual({ reason: "nothing" });
    expect(streamMarkRefusal({ ...stuck, sweepableAt: 9 })).toEqual({
      reason: "running",
      sweepableAt: 9,
    });
    expect(streamMarkRefusal({ ...stuck, callerAllowed: false })).toEqual({ reason: "caller" });
  });
  it("ignores the work's suspension, which streams do not have", () => {
    const view = {
      ...stuck,
      ownerStatus: Status.Admitted,
      ownerAllowed: true,
      workSuspended: true,
    };
    expect(isStuck(view, "stream")).toBe(false);
  });
});

describe("from when governance may sweep", () => {
  it("counts the contract's period from a mark made now", () => {
    expect(sweepableFrom(stuck, 1_000)).toBe(1_000 + 180 * DAY);
  });
  it("is now for an expelled owner, with or without a mark", () => {
    const expelled = { ...stuck, ownerStatus: Status.Expelled };
    expect(blockedBecause(expelled)).toBe("expelled");
    expect(sweepableFrom(expelled, 1_000)).toBe(1_000);
    expect(sweepableFrom({ ...expelled, sweepableAt: 99_999_999 }, 1_000)).toBe(1_000);
  });
  it("names a never-admitted owner as not a member", () => {
    expect(blockedBecause({ ...stuck, ownerStatus: Status.None })).toBe("notMember");
  });
});
