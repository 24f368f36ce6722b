/** The mocha root hooks of the whole suite (hardhat.config.ts). */
import { progressTimeouts } from "./progress-timeouts.ts";
import { closeLeftOpen } from "./left-open.ts";

export const rootHooks = {
  ...progressTimeouts,
  /** Whatever a suite left open (its teardown failed or never ran) is closed, and named. */
  async afterAll() {
    const { closed, failed } = await closeLeftOpen();
    if (closed.length + failed.length === 0) return;
    throw new Error(
      `tests left open what they started, closed after the run: ${[...closed, ...failed].join("; ")}`,
    );
  },
};
