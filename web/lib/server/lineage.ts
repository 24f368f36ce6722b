/** A work's lineage read on the server: its ancestors and forks, a few generations each way. */
import "./only";
import { layoutLineage, type LineageLayout, type LineageWork } from "../lineage";
import { toWorkDetail, type WorkDetail } from "../model";
import { getWork } from "./api";

/** At most this many works are read for one picture. */
const MAX_WORKS = 40;

export async function lineageOf(
  focus: WorkDetail,
  depth = 4,
): Promise<{ layout: LineageLayout; works: Map<bigint, WorkDetail> }> {
  const works = new Map<bigint, WorkDetail>([[focus.id, focus]]);
  let frontier = [...focus.parents, ...focus.children];
  for (let level = 1; level <= depth && frontier.length && works.size < MAX_WORKS; level++) {
    const wanted = [...new Set(frontier.filter((id) => !works.has(id)))].slice(
      0,
      MAX_WORKS - works.size,
    );
    const rows = await Promise.all(wanted.map((id) => getWork(id.toString())));
    frontier = [];
    for (const row of rows) {
      if (!row) continue;
      const w = toWorkDetail(row);
      works.set(w.id, w);
      frontier.push(...w.parents, ...w.children);
    }
  }
  const nodes: LineageWork[] = [...works.values()].map((w) => ({
    id: w.id,
    parents: w.parents,
    children: w.children,
  }));
  return { layout: layoutLineage(nodes, focus.id), works };
}
