/** Where the gateway writes what it did: one structured line per event. */
export type GatewayLogger = {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
};

function writeLine(level: string, message: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify(
    { time: new Date().toISOString(), level, message, ...fields },
    (_, v) => (typeof v === "bigint" ? v.toString() : v),
  );
  process.stderr.write(`${line}\n`);
}

/** JSON lines on stderr, so stdout stays free for whoever embeds the gateway. */
export const stderrLogger: GatewayLogger = {
  info: (message, fields) => writeLine("info", message, fields),
  warn: (message, fields) => writeLine("warn", message, fields),
  error: (message, fields) => writeLine("error", message, fields),
};
