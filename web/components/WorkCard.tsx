"use client";
import Link from "next/link";
import { useWork } from "@/hooks/data";
import { shortHash } from "@/lib/format";
import { useT } from "@/lib/i18n/context";
import type { Template, Work } from "@/lib/model";

export function WorkCard({ work, templates }: { work: Work; templates: readonly Template[] }) {
  const { t } = useT();
  const licence = templates.find((tpl) => tpl.id === work.licenceId);
  return (
    <article className="card" data-testid={`work-${work.id}`}>
      <h3>
        <Link className="title" href={`/works/${work.id}`}>
          {work.title ?? t("works.untitled", { id: work.id.toString() })}
        </Link>
      </h3>
      {work.summary && <p>{work.summary}</p>}
      <p className="muted small">
        #{work.id.toString()} · {licence?.name ?? `#${work.licenceId}`} ·{" "}
        <span className="mono">{shortHash(work.contentHash)}</span>
        {work.parents.length > 0 && <> · ↖ {work.parents.map((p) => `#${p}`).join(", ")}</>}
      </p>
      {work.tags.length > 0 && (
        <ul className="chips" aria-label={t("works.tag")}>
          {work.tags.map((tag) => (
            <li key={tag} className="chip">
              {tag}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

/** A link to a work, by its title once the API has answered. */
export function WorkLink({ id }: { id: bigint }) {
  const { t } = useT();
  const work = useWork(id);
  return (
    <Link href={`/works/${id}`}>
      {work.data?.title ?? t("works.untitled", { id: id.toString() })}
    </Link>
  );
}
