/**
 * The indexer benchmark's table: one row per measure, a column per store, and the goal each
 * row is held to (a maximum, a minimum, or none for a reference row).
 */
export interface Row {
  measure: string;
  pglite: number | null;
  postgres: number | null;
  unit: string;
  goal?: { max: number } | { min: number };
}

function cell(value: number | null, unit: string): string {
  if (value === null || Number.isNaN(value)) return "-";
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toLocaleString("en-US", { maximumFractionDigits: digits })} ${unit}`.trim();
}

export function meets(row: Row, value: number | null): boolean | null {
  if (!row.goal || value === null || Number.isNaN(value)) return null;
  return "max" in row.goal ? value <= row.goal.max : value >= row.goal.min;
}

function goalText(row: Row): string {
  if (!row.goal) return "reference";
  return "max" in row.goal
    ? `<= ${cell(row.goal.max, row.unit)}`
    : `>= ${cell(row.goal.min, row.unit)}`;
}

function metText(row: Row): string {
  const results = [meets(row, row.pglite), meets(row, row.postgres)].filter((m) => m !== null);
  if (results.length === 0) return "";
  return results.every(Boolean) ? "yes" : results.some(Boolean) ? "partly" : "NO";
}

export function formatTable(rows: readonly Row[]): string {
  const header = ["measure", "PGlite", "PostgreSQL", "goal", "met"];
  const body = rows.map((row) => [
    row.measure,
    cell(row.pglite, row.unit),
    cell(row.postgres, row.unit),
    goalText(row),
    metText(row),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [
    line(header),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...body.map(line),
  ].join("\n");
}
