/**
 * What `npm start` tells the person who ran it: one line per step with what it does and how long
 * it took, then the "ready" block. Plain text by default; one JSON object per line with `--json`
 * (or SPIN_LOG_FORMAT=json), for a program to read.
 *
 * In a terminal a running step shows a ticking clock and its latest detail on one line; elsewhere
 * (a log file, CI) each step prints one line when it starts and one when it ends. A step's details
 * (each contract deployed, each part of the seed) are shown with `--verbose`.
 */

export type Format = "text" | "json";

export interface ReporterOptions {
  format: Format;
  verbose: boolean;
  /** Where the lines go (stdout by default). */
  out?: NodeJS.WriteStream;
}

export interface StepHandle {
  /** A detail of the running step: shown in place in a terminal, and with --verbose. */
  detail(line: string): void;
  /** Ends the step with its closing line (and the time it took). */
  done(message: string): void;
  /** Ends the step as failed. */
  failed(error: unknown): void;
}

export interface Reporter {
  /** Starts a step that ends when its handle says so (for steps that overlap or nest). */
  begin(name: string, doing: string): StepHandle;
  /**
   * Runs one step: `doing` says what it does while it runs, and the step's result becomes its
   * closing line, with the time it took.
   */
  step<T>(
    name: string,
    doing: string,
    run: (step: Pick<StepHandle, "detail">) => Promise<T>,
    done: (result: T) => string,
  ): Promise<T>;
  /** A step that happened outside this process (the install, run before it), reported after. */
  record(name: string, message: string, ms: number): void;
  /** A line of its own (stopping, what to do after an error). */
  say(line: string, fields?: Record<string, unknown>): void;
  /** The block that says SPIN runs and where. */
  ready(block: string, fields: Record<string, unknown>): void;
  /** A failure, with what to do about it. */
  fail(message: string): void;
}

export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

const NAME_WIDTH = 10;

export function createReporter(options: ReporterOptions): Reporter {
  const out = options.out ?? process.stdout;
  const live = options.format === "text" && out.isTTY === true;
  const json = (fields: Record<string, unknown>) =>
    out.write(`${JSON.stringify({ time: new Date().toISOString(), ...fields })}\n`);
  const text = (name: string, message: string) =>
    out.write(`spin: ${name.padEnd(NAME_WIDTH)}${message}\n`);

  /** The running steps' status lines, redrawn in place in a terminal (web build runs alongside). */
  const running = new Map<string, { doing: string; since: number; detail: string }>();
  let drawn = 0;
  let ticker: NodeJS.Timeout | undefined;
  const clear = () => {
    if (!live || drawn === 0) return;
    out.write(`\u001b[${drawn}A\u001b[J`);
    drawn = 0;
  };
  const draw = () => {
    if (!live) return;
    clear();
    const width = (out.columns ?? 100) - 1;
    for (const [name, s] of running) {
      const clock = `${Math.floor((Date.now() - s.since) / 1000)} s`;
      const line = `spin: ${name.padEnd(NAME_WIDTH)}${s.doing} (${clock})${s.detail ? ` ${s.detail}` : ""}`;
      out.write(`${line.slice(0, width)}\n`);
      drawn += 1;
    }
  };
  /** Prints a finished line above the running steps' status lines. */
  const emit = (print: () => void) => {
    clear();
    print();
    draw();
  };

  function begin(name: string, doing: string): StepHandle {
    const since = Date.now();
    running.set(name, { doing, since, detail: "" });
    if (options.format === "json") json({ step: name, event: "start", message: doing });
    else if (live) {
      draw();
      ticker ??= setInterval(draw, 1_000).unref();
    } else text(name, `${doing}…`);
    let ended = false;
    const end = (print: (ms: number) => void) => {
      if (ended) return;
      ended = true;
      running.delete(name);
      print(Date.now() - since);
      if (running.size === 0 && ticker) {
        clearInterval(ticker);
        ticker = undefined;
      }
    };
    return {
      detail(line) {
        if (ended) return;
        const s = running.get(name);
        if (s) s.detail = `· ${line}`;
        if (options.format === "json") json({ step: name, event: "detail", message: line });
        else if (options.verbose) emit(() => text("", `  ${line}`));
        else draw();
      },
      done(message) {
        end((ms) => {
          if (options.format === "json") json({ step: name, event: "done", message, ms });
          else emit(() => text(name, `${message} (${formatDuration(ms)})`));
        });
      },
      failed(error) {
        end((ms) => {
          const message = error instanceof Error ? error.message : String(error);
          if (options.format === "json") json({ step: name, event: "failed", message, ms });
          else emit(() => text(name, `failed after ${formatDuration(ms)}`));
        });
      },
    };
  }

  return {
    begin,
    async step(name, doing, run, done) {
      const handle = begin(name, doing);
      try {
        const result = await run(handle);
        handle.done(done(result));
        return result;
      } catch (error) {
        handle.failed(error);
        throw error;
      }
    },
    record(name, message, ms) {
      if (options.format === "json") json({ step: name, event: "done", message, ms });
      // Nothing was done (already installed, already built): no time to speak of.
      else emit(() => text(name, ms > 0 ? `${message} (${formatDuration(ms)})` : message));
    },
    say(line, fields = {}) {
      if (options.format === "json") json({ message: line, ...fields });
      else emit(() => out.write(`spin: ${line}\n`));
    },
    ready(block, fields) {
      if (options.format === "json") json({ event: "ready", ...fields });
      else emit(() => out.write(`${block}\n`));
    },
    fail(message) {
      if (options.format === "json") json({ event: "error", message });
      else emit(() => out.write(`spin: could not start: ${message}\n`));
    },
  };
}
