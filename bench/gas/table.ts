/**
 * The gas table every SPIN area adds rows to. A row compares receipt gas of one SPIN operation
 * with a reference measured in the same run (OpenZeppelin contracts compiled beside SPIN's) or,
 * where no reference can run here, a published figure.
 */
export interface GasRow {
  /** What was done, e.g. "coin transfer". */
  operation: string;
  /** receipt.gasUsed of SPIN's operation. */
  ours: bigint;
  /** The reference's receipt.gasUsed, or a published figure; null when there is none. */
  reference: bigint | null;
  /** What the reference is, e.g. "OpenZeppelin ERC20 transfer". */
  referenceName: string;
  /** The goal, when the issue sets one: a maximum ratio ours/reference or a maximum gas. */
  goal?: { maxRatio: number } | { maxGas: bigint };
}

export function ratio(row: GasRow): number | null {
  if (row.reference === null || row.reference === 0n) return null;
  return Number((row.ours * 10_000n) / row.reference) / 10_000;
}

export function meetsGoal(row: GasRow): boolean | null {
  if (!row.goal) return null;
  if ("maxGas" in row.goal) return row.ours <= row.goal.maxGas;
  const r = ratio(row);
  return r === null ? null : r <= row.goal.maxRatio;
}

function goalText(row: GasRow): string {
  if (!row.goal) return "";
  if ("maxGas" in row.goal) return `<= ${row.goal.maxGas.toLocaleString("en-US")} gas`;
  return `ratio <= ${row.goal.maxRatio.toFixed(2)}`;
}

export function formatTable(rows: readonly GasRow[]): string {
  const header = ["operation", "SPIN gas", "reference", "reference gas", "ratio", "goal", "met"];
  const body = rows.map((row) => {
    const r = ratio(row);
    const met = meetsGoal(row);
    return [
      row.operation,
      row.ours.toLocaleString("en-US"),
      row.referenceName,
      row.reference === null ? "-" : row.reference.toLocaleString("en-US"),
      r === null ? "-" : r.toFixed(3),
      goalText(row),
      met === null ? "" : met ? "yes" : "NO",
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [
    line(header),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...body.map(line),
  ].join("\n");
}

export function toJson(rows: readonly GasRow[]): string {
  return JSON.stringify(
    rows.map((row) => ({
      operation: row.operation,
      ours: Number(row.ours),
      reference: row.reference === null ? null : Number(row.reference),
      referenceName: row.referenceName,
      ratio: ratio(row),
      goal: row.goal
        ? "maxGas" in row.goal
          ? { maxGas: Number(row.goal.maxGas) }
          : { maxRatio: row.goal.maxRatio }
        : null,
      met: meetsGoal(row),
    })),
    null,
    2,
  );
}
