"use client";
import Link from "next/link";
import type { BundleSummary } from "@/lib/api";
import { shortHash } from "@/lib/format";
import { useT } from "@/lib/i18n/context";
import type { Template, Work } from "@/lib/snapshot";

export function WorkCard({
  work,
  bundle,
  templates,
}: {
  work: Work;
  bundle?: BundleSummary;
  templates: Template[];
}) {
  const { t } = useT();
  const licence = templates.find((tpl) => tpl.id === work.licenceId);
  return (
    <article className="card" data-testid={`work-${work.id}`}>
      <h3>
        <Link className="title" href={`/works/${work.id}`}>
          {bundle?.title ?? t("works.untitled", { id: work.id.toString() })}
        </Link>
      </h3>
      {bundle?.summary && <p>{bundle.summary}</p>}
      <p className="muted small">
        #{work.id.toString()} · {licence?.name ?? `#${work.licenceId}`} ·{" "}
        <span className="mono">{shortHash(work.contentHash)}</span>
        {work.parents.length > 0 && <> · ↖ {work.parents.map((p) => `#${p}`).join(", ")}</>}
      </p>
      {bundle && bundle.tags.length > 0 && (
        <ul className="chips" aria-label={t("works.tag")}>
          {bundle.tags.map((tag) => (
            <li key={tag} className="chip">
              {tag}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
