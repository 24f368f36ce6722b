/** One-line JSON logs with context (block numbers, contract, tx hash) as fields. */
export type LogLevel = "silent" | "info" | "debug";

export interface Logger {
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
  debug(message: string, context?: Record<string, unknown>): void;
}

export function createLogger(level: LogLevel): Logger {
  const write = (severity: string, message: string, context?: Record<string, unknown>) => {
    const line = JSON.stringify({ time: new Date().toISOString(), severity, message, ...context });
    (severity === "error" || severity === "warn" ? process.stderr : process.stdout).write(
      `${line}\n`,
    );
  };
  const silent = level === "silent";
  return {
    info: (m, c) => !silent && write("info", m, c),
    warn: (m, c) => !silent && write("warn", m, c),
    error: (m, c) => !silent && write("error", m, c),
    debug: (m, c) => level === "debug" && write("debug", m, c),
  };
}
