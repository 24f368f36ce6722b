/** A work in a list: its cover picture, title, summary, licence, contributors and tags. */
import Link from "next/link";
import { contentFileUrl } from "@/lib/api/client";
import { nameOf, type Names } from "@/lib/names";
import type { ServerI18n } from "@/lib/i18n";
import type { Work } from "@/lib/model";

export function WorkCard(props: {
  work: Work;
  licenceName?: string;
  cover?: string;
  names: Names;
  i18n: ServerI18n;
  /** The heading level that fits the page's outline. */
  level?: 2 | 3;
}) {
  const { work, i18n } = props;
  const { t } = i18n;
  const Heading = props.level === 2 ? "h2" : "h3";
  const title = work.title ?? t("works.untitled", { id: work.id.toString() });
  const authors = work.contributors.map((c) => nameOf(props.names, c)).filter(Boolean);
  return (
    <article className="card work-card" data-testid={`work-${work.id}`}>
      {props.cover ? (
        <img
          className="cover"
          src={contentFileUrl(work.contentHash, props.cover)}
          alt=""
          loading="lazy"
          width={400}
          height={200}
        />
      ) : (
        <div className="cover cover-empty" aria-hidden="true" />
      )}
      <Heading>
        <Link className="title" href={`/works/${work.id}`}>
          {title}
        </Link>
      </Heading>
      {work.summary && <p>{work.summary}</p>}
      <p className="muted small">
        {t("works.ref", { id: work.id.toString() })} ·{" "}
        {props.licenceName ?? t("works.licenceRef", { id: work.licenceId })}
        {authors.length > 0 && <> · {authors.join(", ")}</>}
        {work.parents.length > 0 && (
          <>
            {" "}
            ·{" "}
            {t("works.forkOf", {
              ids: work.parents.map((p) => p.toString()).join(", "),
              n: work.parents.length,
            })}
          </>
        )}
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
