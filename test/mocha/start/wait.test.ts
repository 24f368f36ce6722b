/**
 * The one wait every test and `npm start` use: it resolves on the awaited state, gives up only
 * when nothing moved for its (load-scaled) allowance, and says what it saw last.
 */
import { expect } from "chai";
import { onProgress, scaled, timeScale, waitFor, WaitError } from "../../../scripts/lib/wait.ts";

describe("waiting for progress (scripts/lib/wait.ts)", function () {
  it("resolves with the first state that is done", async () => {
    let calls = 0;
    const value = await waitFor({
      what: "the third call",
      probe: () => ++calls,
      done: (n) => n >= 3,
      intervalMs: 1,
    });
    expect(value).to.equal(3);
  });

  it("keeps waiting past its allowance while the state keeps moving", async () => {
    const stallMs = 200;
    // The state moves every few milliseconds for several allowances' worth of time.
    const until = Date.now() + 4 * scaled(stallMs);
    let n = 0;
    const value = await waitFor({
      what: "the counter to finish",
      probe: () => (Date.now() >= until ? -1 : ++n),
      done: (v) => v === -1,
      progress: (v) => v,
      stallMs,
      intervalMs: 1,
    });
    expect(value).to.equal(-1);
  });

  it("gives up when nothing moves, naming what it waited for and what it saw last", async () => {
    const error = await waitFor({
      what: "block 22",
      probe: () => 7,
      done: (block) => block >= 22,
      progress: (block) => block,
      describe: (block) => `indexed block ${block}`,
      stallMs: 20,
      intervalMs: 5,
    }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(WaitError);
    const { message, lastSeen, what } = error as WaitError;
    expect(what).to.equal("block 22");
    expect(lastSeen).to.equal("indexed block 7");
    expect(message).to.match(
      /gave up waiting for block 22: nothing moved for .* last seen: indexed block 7/,
    );
  });

  it("stops at once when the awaited state can no longer come", async () => {
    const started = Date.now();
    const error = await waitFor({
      what: "a port",
      probe: () => {
        throw new Error("connection refused");
      },
      done: () => true,
      gone: () => (Date.now() - started > 10 ? "its process exited with code 1" : undefined),
      stallMs: 60_000,
      intervalMs: 5,
    }).catch((e: unknown) => e);
    expect((error as Error).message).to.equal(
      "gave up waiting for a port: its process exited with code 1; last seen: connection refused",
    );
  });

  it("tells the test runner when it sees progress", async () => {
    let told = 0;
    const unsubscribe = onProgress(() => (told += 1));
    try {
      let n = 0;
      await waitFor({
        what: "five",
        probe: () => ++n,
        done: (v) => v === 5,
        progress: (v) => v,
        intervalMs: 1,
      });
    } finally {
      unsubscribe();
    }
    expect(told).to.be.at.least(5);
  });

  it("stretches allowances by the machine's load, never below the idle figure", () => {
    expect(timeScale()).to.be.at.least(1);
    expect(scaled(1_000)).to.be.at.least(1_000);
    const saved = process.env.SPIN_TIME_SCALE;
    process.env.SPIN_TIME_SCALE = "50";
    try {
      expect(timeScale(), "capped").to.equal(20);
    } finally {
      if (saved === undefined) delete process.env.SPIN_TIME_SCALE;
      else process.env.SPIN_TIME_SCALE = saved;
    }
  });
});
