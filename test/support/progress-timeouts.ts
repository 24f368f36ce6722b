/**
 * Mocha root hooks that make every timeout in the suite a question of progress, not of the clock:
 *
 * - before anything runs, every test's and hook's timeout is stretched by the machine's load
 *   (scripts/lib/wait.ts `timeScale`), so a number written for an idle machine holds on a busy
 *   one, whoever wrote it;
 * - whenever one of a test's waits sees progress, the test gets its whole allowance again from
 *   that moment. A test that stops moving still fails at its timeout, and its wait's error says
 *   what it saw last.
 */
import type { Context, Hook, Runnable, Suite, Test } from "mocha";
import { onProgress, timeScale } from "../../scripts/lib/wait.ts";

let unsubscribe: (() => void) | undefined;

/** Every test and hook under `suite`. */
function runnables(suite: Suite): Runnable[] {
  const hooks = (suite as Suite & Record<string, Hook[]>)["_beforeAll"]
    .concat((suite as Suite & Record<string, Hook[]>)["_beforeEach"])
    .concat((suite as Suite & Record<string, Hook[]>)["_afterEach"])
    .concat((suite as Suite & Record<string, Hook[]>)["_afterAll"]);
  return [...hooks, ...suite.tests, ...suite.suites.flatMap(runnables)];
}

/**
 * Mocha fails a test whose total duration passed its timeout, even when the timer was restarted,
 * so the timeout itself grows: the time already spent plus the test's own allowance.
 */
function extend(test: Test, allowance: number, since: number): void {
  // A test's timer exists only while it runs (not during its beforeEach hooks).
  if ((test as Test & { timer?: unknown }).timer === undefined) return;
  test.timeout(Date.now() - since + allowance);
}

export const progressTimeouts = {
  beforeAll(this: Context) {
    const root = this.test?.parent;
    if (!root) return;
    const scale = timeScale();
    for (const runnable of runnables(root)) {
      const ms = runnable.timeout();
      if (ms > 0) runnable.timeout(Math.round(ms * scale));
    }
  },
  beforeEach(this: Context) {
    unsubscribe?.();
    unsubscribe = undefined;
    const test = this.currentTest;
    const allowance = test?.timeout() ?? 0;
    if (!test || allowance === 0) return;
    const since = Date.now();
    unsubscribe = onProgress(() => extend(test, allowance, since));
  },
  afterEach() {
    unsubscribe?.();
    unsubscribe = undefined;
  },
};
