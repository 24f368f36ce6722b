/** Parts of a work's page: its pictures, its files, how a fee is shared, who could make it. */
import { contentFileUrl } from "@/lib/api/client";
import { isDownloadable } from "@/lib/files";
import { formatBps, formatBytes } from "@/lib/format";
import type { ServerI18n } from "@/lib/i18n";
import type { Place, SubFund, Template } from "@/lib/model";

/** The bundle's pictures, through <img> only (an SVG's scripts never run there). */
export function Gallery(props: {
  hash: string;
  images: string[];
  title: string;
  i18n: ServerI18n;
}) {
  const { t } = props.i18n;
  return (
    <section aria-labelledby="gallery-h">
      <h3 id="gallery-h">{t("work.gallery", { n: props.images.length })}</h3>
      <ul className="gallery" data-testid="gallery">
        {props.images.map((path) => (
          <li key={path}>
            <figure>
              <img
                src={contentFileUrl(props.hash, path)}
                alt={t("work.pictureAlt", { title: props.title, file: path })}
                loading="lazy"
              />
              <figcaption className="small muted">{path}</figcaption>
            </figure>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The bundle's files. Inert kinds download; active kinds (SVG, HTML, PDF, scripts, unknown) are
 * listed without a link, so nothing a stranger uploaded opens in the app's origin.
 */
export function Files(props: {
  hash: string;
  entries: { path: string; size: number }[];
  i18n: ServerI18n;
}) {
  const { t, locale } = props.i18n;
  return (
    <section aria-labelledby="files-h">
      <h3 id="files-h">{t("work.files")}</h3>
      <ul className="plain small" data-testid="files">
        {props.entries.map((e) => (
          <li key={e.path}>
            {isDownloadable(e.path) ? (
              <a href={contentFileUrl(props.hash, e.path)} download>
                {e.path}
              </a>
            ) : (
              <span>{e.path}</span>
            )}{" "}
            <span className="muted">{formatBytes(e.size, locale)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Where each fee goes: the contributors, the parents, and the common fund's sub-funds. */
export function FeeSplit(props: { template: Template; funds: SubFund[]; i18n: ServerI18n }) {
  const { t, locale } = props.i18n;
  const s = props.template.split;
  if (props.template.terms.commercialUse !== 2) return null;
  const fund = (id: number) => props.funds.find((f) => f.id === id)?.name ?? `#${id}`;
  const rows: [string, number][] = [
    [t("split.contributors"), s.contributorsBps],
    [t("split.upstream"), s.upstreamBps],
    [t("split.fund", { fund: fund(s.fundA) }), s.fundABps],
    [t("split.fund", { fund: fund(s.fundB) }), s.fundBBps],
  ];
  return (
    <>
      <h3>{t("split.title")}</h3>
      <table className="small" data-testid="fee-split">
        <tbody>
          {rows
            .filter(([, bps]) => bps > 0)
            .map(([label, bps]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{formatBps(bps, locale)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </>
  );
}

/** Places whose machines cover what the work needs (and that have not adopted it yet). */
export function Makers(props: {
  machines: string[];
  places: Place[];
  adopters: Set<string>;
  i18n: ServerI18n;
}) {
  const { t } = props.i18n;
  const norm = (m: string) =>
    m
      .toLowerCase()
      .replace(/[\s_-]+/g, " ")
      .trim();
  const needed = props.machines.map(norm);
  const able = props.places.filter(
    (p) =>
      !props.adopters.has(p.account.toLowerCase()) &&
      needed.every((m) => p.machines.map(norm).includes(m)),
  );
  return (
    <section aria-labelledby="makers-h">
      <h2 id="makers-h">{t("work.makers")}</h2>
      {needed.length > 0 && (
        <p className="small muted">{t("work.needs", { machines: props.machines.join(", ") })}</p>
      )}
      {able.length === 0 ? (
        <p className="muted">{t("work.noMakers")}</p>
      ) : (
        <ul className="plain" data-testid="makers">
          {able.map((p) => (
            <li key={p.account}>
              <a href={`/places#${p.account.toLowerCase()}`}>{p.name}</a>{" "}
              <span className="muted small">
                {p.country} · {p.machines.join(", ")}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
