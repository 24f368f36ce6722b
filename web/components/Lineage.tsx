"use client";
import Link from "next/link";
import type { LineageLayout } from "@/lib/lineage";

const W = 120;
const H = 36;
const GAP_X = 24;
const GAP_Y = 36;

/** The lineage as a picture: each box links to the work. */
export function Lineage({
  layout,
  focus,
  label,
}: {
  layout: LineageLayout;
  focus: bigint;
  label: string;
}) {
  const width = layout.columns * (W + GAP_X) + GAP_X;
  const height = layout.rows * (H + GAP_Y) + GAP_Y / 2;
  const position = new Map(
    layout.nodes.map((n) => {
      const rowCount = layout.nodes.filter((m) => m.row === n.row).length;
      const offset = (width - rowCount * (W + GAP_X) + GAP_X) / 2;
      return [n.id, { x: offset + n.column * (W + GAP_X), y: GAP_Y / 2 + n.row * (H + GAP_Y) }];
    }),
  );
  return (
    <svg
      className="lineage"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      style={{ maxWidth: width }}
    >
      {layout.edges.map((e) => {
        const a = position.get(e.from);
        const b = position.get(e.to);
        if (!a || !b) return null;
        return (
          <path
            key={`${e.from}-${e.to}`}
            className="edge"
            d={`M${a.x + W / 2} ${a.y + H} C${a.x + W / 2} ${a.y + H + GAP_Y / 2} ${b.x + W / 2} ${b.y - GAP_Y / 2} ${b.x + W / 2} ${b.y}`}
            markerEnd="url(#arrow)"
          />
        );
      })}
      <defs>
        <marker
          id="arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="6"
          markerHeight="6"
          orient="auto-start-reverse"
        >
          <path d="M0 0L10 5L0 10z" fill="#7b8a80" />
        </marker>
      </defs>
      {layout.nodes.map((n) => {
        const p = position.get(n.id)!;
        return (
          <Link key={n.id.toString()} href={`/works/${n.id}`}>
            <g className={`node${n.id === focus ? " current" : ""}`}>
              <rect x={p.x} y={p.y} width={W} height={H} rx={6} />
              <text x={p.x + W / 2} y={p.y + H / 2 + 5} textAnchor="middle" fontSize="14">
                #{n.id.toString()}
              </text>
            </g>
          </Link>
        );
      })}
    </svg>
  );
}
