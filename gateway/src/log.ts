/**
 * Where the gateway writes what it did: one line per event, with its fields. Plain text for
 * people by default; JSON lines when asked (`--log-format json` or SPIN_LOG_FORMAT=json), for
 * whatever collects logs. A refusal is routine (`info`); `warn` and `error` are for the operator.
 */
export type GatewayLogger = {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
};

export type LogFormat = "text" | "json";

export const LOG_FORMATS: readonly LogFormat[] = ["text", "json"];

const jsonValue = (_key: string, value: unknown) =>
  typeof value === "bigint" ? value.toString() : value;

/** `key=value`, quoting values that hold spaces, quotes or nothing. */
function textField(key: string, value: unknown): string {
  const text =
    typeof value === "string" ? value : (JSON.stringify(value, jsonValue) ?? String(value));
  return /^[^\s"=]+$/.test(text) ? `${key}=${text}` : `${key}=${JSON.stringify(text)}`;
}

export function formatLine(
  format: LogFormat,
  level: string,
  message: string,
  fields: Record<string, unknown> = {},
  time = new Date(),
): string {
  if (format === "json") {
    return JSON.stringify({ time: time.toISOString(), level, message, ...fields }, jsonValue);
  }
  const details = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => textField(key, value));
  return [time.toISOString(), level.padEnd(5), "gateway:", message, ...details].join(" ");
}

/** SPIN_LOG_FORMAT, checked: "text" (the default) or "json". */
export function logFormatFrom(value: string | undefined): LogFormat {
  if (value === undefined || value === "") return "text";
  if ((LOG_FORMATS as readonly string[]).includes(value)) return value as LogFormat;
  throw new Error(`the log format must be one of ${LOG_FORMATS.join(", ")}, got "${value}"`);
}

/** A logger writing one line per event (to stderr unless told otherwise). */
export function createLogger(
  format: LogFormat,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): GatewayLogger {
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    write(formatLine(format, level, message, fields));
  return { info: at("info"), warn: at("warn"), error: at("error") };
}

/** Lines on stderr, so stdout stays free for whoever embeds the gateway; SPIN_LOG_FORMAT picks. */
export function defaultLogger(): GatewayLogger {
  return createLogger(logFormatFrom(process.env.SPIN_LOG_FORMAT));
}
