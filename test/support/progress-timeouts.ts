/**
 * Mocha root hooks that keep a moving test alive: whenever one of the test's waits sees progress
 * (scripts/lib/wait.ts), the test gets its whole timeout again from that moment. A test that stops
 * moving still fails at its timeout, and its wait's error says what it saw last.
 */
import type { Context, Test } from "mocha";
import { onProgress } from "../../scripts/lib/wait.ts";

let unsubscribe: (() => void) | undefined;

/**
 * Mocha fails a test whose total duration passed its timeout, even when the timer was restarted,
 * so the timeout itself grows: the time already spent plus the test's own allowance.
 */
function extend(test: Test, allowance: number, since: number): void {
  // A test's timer exists only while it runs (not during its beforeEach hooks).
  if ((test as Test & { timer?: unknown }).timer === undefined || test.isPassed()) return;
  test.timeout(Date.now() - since + allowance);
}

export const progressTimeouts = {
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
