/**
 * A work's lineage as boxes: ancestors in rows above, forks below, each box a link (focusable, read
 * by screen readers) with the work's title, authors and licence.
 */
import type { LineageLayout } from "@/lib/lineage";

const W = 190;
const H = 66;
const GAP_X = 20;
const GAP_Y = 34;

export interface LineageBox {
  title: string;
  authors: string;
  licence: string;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function Lineage(props: {
  layout: LineageLayout;
  focus: bigint;
  boxes: Map<bigint, LineageBox>;
  label: string;
}) {
  const { layout } = props;
  const widest = Math.max(
    1,
    ...Array.from(
      { length: layout.rows },
      (_, r) => layout.nodes.filter((n) => n.row === r).length,
    ),
  );
  const width = widest * (W + GAP_X) + GAP_X;
  const height = layout.rows * (H + GAP_Y) + GAP_Y / 2;
  const position = new Map(
    layout.nodes.map((n) => {
      const rowCount = layout.nodes.filter((m) => m.row === n.row).length;
      const offset = (width - rowCount * (W + GAP_X) + GAP_X) / 2;
      const index = layout.nodes.filter((m) => m.row === n.row).indexOf(n);
      return [n.id, { x: offset + index * (W + GAP_X), y: GAP_Y / 2 + n.row * (H + GAP_Y) }];
    }),
  );
  return (
    <svg
      className="lineage"
      viewBox={`0 0 ${width} ${height}`}
      role="group"
      aria-label={props.label}
      width={width}
      height={height}
    >
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
          <path d="M0 0L10 5L0 10z" className="arrow" />
        </marker>
      </defs>
      {layout.edges.map((e) => {
        const a = position.get(e.from);
        const b = position.get(e.to);
        if (!a || !b) return null;
        return (
          <path
            key={`${e.from}-${e.to}`}
            className="edge"
            aria-hidden="true"
            d={`M${a.x + W / 2} ${a.y + H} C${a.x + W / 2} ${a.y + H + GAP_Y / 2} ${b.x + W / 2} ${b.y - GAP_Y / 2} ${b.x + W / 2} ${b.y}`}
            markerEnd="url(#arrow)"
          />
        );
      })}
      {layout.nodes.map((n) => {
        const p = position.get(n.id)!;
        const box = props.boxes.get(n.id) ?? { title: `#${n.id}`, authors: "", licence: "" };
        return (
          <a
            key={n.id.toString()}
            href={`/works/${n.id}`}
            aria-current={n.id === props.focus ? "page" : undefined}
          >
            <g className={`node${n.id === props.focus ? " current" : ""}`}>
              <rect x={p.x} y={p.y} width={W} height={H} rx={6} />
              <text x={p.x + 8} y={p.y + 20} className="node-title">
                {clip(box.title, 26)}
              </text>
              <text x={p.x + 8} y={p.y + 38} className="node-meta">
                {clip(box.authors, 30)}
              </text>
              <text x={p.x + 8} y={p.y + 55} className="node-meta">
                {clip(box.licence, 30)}
              </text>
            </g>
          </a>
        );
      })}
    </svg>
  );
}
