/** Lays out a work's lineage: ancestors in rows above it, forks in rows below. */
/** What the layout needs of a work: its parents and its forks. */
export interface LineageWork {
  id: bigint;
  parents: readonly bigint[];
  children: readonly bigint[];
}

export interface LineageNode {
  id: bigint;
  row: number;
  column: number;
}

export interface LineageLayout {
  nodes: LineageNode[];
  edges: { from: bigint; to: bigint }[];
  rows: number;
  columns: number;
}

const MAX_DEPTH = 4;

export function layoutLineage(works: readonly LineageWork[], focus: bigint): LineageLayout {
  const byId = new Map(works.map((w) => [w.id, w]));
  const depth = new Map<bigint, number>([[focus, 0]]);
  const edges: { from: bigint; to: bigint }[] = [];
  const seenEdge = new Set<string>();
  const addEdge = (from: bigint, to: bigint) => {
    const key = `${from}-${to}`;
    if (!seenEdge.has(key)) (seenEdge.add(key), edges.push({ from, to }));
  };
  let frontier = [focus];
  for (let level = 1; level <= MAX_DEPTH && frontier.length; level++) {
    const next: bigint[] = [];
    for (const id of frontier) {
      for (const parent of byId.get(id)?.parents ?? []) {
        addEdge(parent, id);
        if (!depth.has(parent)) (depth.set(parent, -level), next.push(parent));
      }
    }
    frontier = next;
  }
  frontier = [focus];
  for (let level = 1; level <= MAX_DEPTH && frontier.length; level++) {
    const next: bigint[] = [];
    for (const id of frontier) {
      for (const child of byId.get(id)?.children ?? []) {
        addEdge(id, child);
        if (!depth.has(child)) (depth.set(child, level), next.push(child));
      }
    }
    frontier = next;
  }
  const levels = [...new Set(depth.values())].sort((a, b) => a - b);
  const nodes: LineageNode[] = [];
  let columns = 1;
  levels.forEach((level, row) => {
    const ids = [...depth.entries()]
      .filter(([, d]) => d === level)
      .map(([id]) => id)
      .sort((a, b) => (a < b ? -1 : 1));
    columns = Math.max(columns, ids.length);
    ids.forEach((id, column) => nodes.push({ id, row, column }));
  });
  return { nodes, edges, rows: levels.length, columns };
}
