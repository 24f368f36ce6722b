/** Works as the read pages show them: rows, their covers and licence names. */
import "./only";
import type { Schema } from "../api/client";
import { coverOf } from "../files";
import { toTemplate, toWork, type Template, type Work } from "../model";
import { getBundle, getTemplates } from "./api";

export interface ShownWork {
  work: Work;
  cover?: string;
  licenceName?: string;
}

/** The cover of each work (from its bundle's files) and its licence's name. */
export async function showWorks(rows: readonly Schema<"WorkSummary">[]): Promise<ShownWork[]> {
  const [templates, bundles] = await Promise.all([
    getTemplates(),
    Promise.all(rows.map((r) => getBundle(r.content_hash))),
  ]);
  const byId = new Map(templates.map((t) => [t.licence_id, t.name]));
  return rows.map((row, i) => ({
    work: toWork(row),
    cover: coverOf(bundles[i]?.entries.map((e) => e.path) ?? []),
    licenceName: byId.get(row.licence_id),
  }));
}

export async function templatesById(): Promise<Map<number, Template>> {
  return new Map((await getTemplates()).map((row) => [row.licence_id, toTemplate(row)]));
}
