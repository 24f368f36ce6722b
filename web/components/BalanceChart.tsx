/** A sub-fund's balance over time as a step line, drawn on the server (no chart library). */
import { formatDate, formatSpin } from "@/lib/format";
import type { Schema } from "@/lib/api/client";

const W = 320;
const H = 120;
const PAD = 6;

export function BalanceChart(props: {
  name: string;
  /** The API's balance after each movement, oldest first. */
  points: readonly Schema<"BalancePoint">[];
  locale: string;
  label: string;
}) {
  const pts = props.points.flatMap((p) =>
    p.time === null ? [] : [{ time: p.time, balance: BigInt(p.balance) }],
  );
  // The line starts from the balance before the first movement shown.
  const first = props.points.find((p) => p.time !== null);
  if (first)
    pts.unshift({ time: first.time!, balance: BigInt(first.balance) - BigInt(first.change) });
  if (pts.length < 2) return null;
  const t0 = pts[0].time;
  const t1 = Math.max(pts[pts.length - 1].time, t0 + 1);
  const max = pts.reduce((m, p) => (p.balance > m ? p.balance : m), 1n);
  const x = (t: number) => PAD + ((t - t0) / (t1 - t0)) * (W - 2 * PAD);
  const y = (b: bigint) => H - PAD - (Number((b * 1000n) / max) / 1000) * (H - 2 * PAD);
  let d = `M${x(pts[0].time).toFixed(1)} ${y(pts[0].balance).toFixed(1)}`;
  for (const p of pts.slice(1)) d += ` H${x(p.time).toFixed(1)} V${y(p.balance).toFixed(1)}`;
  return (
    <figure className="card balance-chart">
      <figcaption>
        <strong>{props.name}</strong>{" "}
        <span className="small muted">
          {formatDate(t0, props.locale)} – {formatDate(t1, props.locale)}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.label}>
        <path d={d} className="balance-line" />
      </svg>
      <p className="small">
        {formatSpin(pts[0].balance, props.locale)} →{" "}
        {formatSpin(pts[pts.length - 1].balance, props.locale)} SPIN
      </p>
    </figure>
  );
}
