/**
 * Servers and indexers a test started and has not closed yet. A hook that fails half-way (the
 * database refused, say) never reaches its suite's teardown; what it had started would then keep
 * the test process alive after the run. The root hook `closeLeftOpen` closes whatever is still
 * open once every test has run, and names it, so the leak is seen and the run still ends.
 */
const open = new Map<symbol, { what: string; close: () => Promise<void> }>();

/** Remembers something open until `close` runs; returns `close` wrapped to forget it. */
export function keepTrack(what: string, close: () => Promise<void>): () => Promise<void> {
  const key = Symbol(what);
  let closing: Promise<void> | undefined;
  const tracked = () => {
    closing ??= close().finally(() => open.delete(key));
    return closing;
  };
  open.set(key, { what, close: tracked });
  return tracked;
}

/** Closes everything still open; resolves with what that was, and what failed to close. */
export async function closeLeftOpen(): Promise<{ closed: string[]; failed: string[] }> {
  const left = [...open.values()];
  const results = await Promise.allSettled(left.map((entry) => entry.close()));
  const closed: string[] = [];
  const failed: string[] = [];
  results.forEach((result, i) =>
    (result.status === "fulfilled" ? closed : failed).push(
      result.status === "fulfilled"
        ? left[i].what
        : `${left[i].what}: ${(result.reason as Error)?.message ?? String(result.reason)}`,
    ),
  );
  return { closed, failed };
}
