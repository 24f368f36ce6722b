/**
 * Runs the content store's sweep periodically: expired unregistered bundles and profile
 * documents are removed, and what a crash left between two steps of an upload is repaired.
 */
import type { Logger } from "../config/logger.ts";
import type { ContentStore } from "./store.ts";

export function startJanitor(content: ContentStore, intervalMs: number, logger: Logger) {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = content
      .sweep()
      .then((report) => {
        if (Object.values(report).some((n) => n > 0))
          logger.info("content store swept", { ...report });
      })
      .catch((error: unknown) =>
        logger.error("content store sweep failed", { error: String(error) }),
      );
  };
  run();
  const timer = setInterval(() => void running.then(run), intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
