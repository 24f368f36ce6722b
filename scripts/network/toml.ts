/** The TOML values Besu's config and permissions files use. */
export type TomlValue = string | number | boolean | readonly string[];

function tomlString(value: string): string {
  return JSON.stringify(value);
}

function tomlValue(value: TomlValue): string {
  if (typeof value === "string") return tomlString(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value.length === 0) return "[]";
  return `[\n${value.map((item) => `  ${tomlString(item)},`).join("\n")}\n]`;
}

/** Flat `key=value` TOML (what Besu reads), with an optional comment header. */
export function writeToml(
  entries: Record<string, TomlValue>,
  header: readonly string[] = [],
): string {
  const comments = header.map((line) => `# ${line}`);
  const lines = Object.entries(entries).map(([key, value]) => `${key}=${tomlValue(value)}`);
  return `${[...comments, ...lines].join("\n")}\n`;
}
