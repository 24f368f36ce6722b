/**
 * A work, laid out from its bundle: cover, the Markdown text, a gallery of its pictures (shown
 * through <img>, which runs no script), its files, licence and fee split, contributors, versions,
 * lineage and the places that adopted it or could make it. Rendered on the server.
 */
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccountName } from "@/components/Account";
import { LicenceTerms } from "@/components/LicenceTerms";
import { FeeSplit, Files, Gallery, Makers } from "@/components/work/Parts";
import { Lineage, type LineageBox } from "@/components/work/Lineage";
import { placePins, WorldMap } from "@/components/WorldMap";
import { Island } from "@/components/wallet/Island";
import { contentFileUrl } from "@/lib/api/client";
import { coverOf, isImage } from "@/lib/files";
import { formatBps, shortHash } from "@/lib/format";
import type { ServerI18n } from "@/lib/i18n";
import { Markdown, stripFrontMatter } from "@/lib/markdown";
import { nameOf } from "@/lib/names";
import { placesOf, toSubFund, toWorkDetail } from "@/lib/model";
import {
  getBundle,
  getBundleText,
  getNames,
  getPlaces,
  getSubFunds,
  getWork,
} from "@/lib/server/api";
import { lineageOf } from "@/lib/server/lineage";
import { templatesById } from "@/lib/server/works";
import type { ReadPage } from "./read-page";

export const workPage: ReadPage<string> = {
  meta: async ({ t }, id) => {
    const row = /^\d{1,15}$/.test(id) ? await getWork(id) : null;
    if (!row) return { notFound: true };
    return {
      title: row.content?.title ?? t("works.untitled", { id }),
      description: row.content?.summary ?? t("meta.work"),
    };
  },
  View: WorkView,
};

async function WorkView({ i18n, input: id }: { i18n: ServerI18n; input: string }) {
  const row = await getWork(id);
  if (!row) notFound();
  const { t, locale } = i18n;
  const work = toWorkDetail(row);
  const [bundle, templates, placeRows, funds, lineage] = await Promise.all([
    getBundle(work.contentHash),
    templatesById(),
    getPlaces(),
    getSubFunds(),
    lineageOf(work),
  ]);
  const main = bundle?.entries.find((e) => e.path === "README.md" || e.path === "index.md");
  const [text, names] = await Promise.all([
    main ? getBundleText(work.contentHash, main.path) : null,
    getNames([...work.adopters, ...[...lineage.works.values()].flatMap((w) => w.contributors)]),
  ]);
  const paths = bundle?.entries.map((e) => e.path) ?? [];
  const cover = coverOf(paths);
  const images = paths.filter(isImage);
  const template = templates.get(work.licenceId);
  const title = bundle?.title ?? work.title ?? t("works.untitled", { id });
  const places = placesOf(placeRows);
  const adopters = new Set(work.adopters.map((a) => a.toLowerCase()));
  const adopterPlaces = places.filter((p) => adopters.has(p.account.toLowerCase()));
  const boxes = new Map<bigint, LineageBox>(
    [...lineage.works.values()].map((w) => [
      w.id,
      {
        title: w.title ?? t("works.untitled", { id: w.id.toString() }),
        authors: w.contributors.map((c) => nameOf(names, c) ?? c.slice(0, 8)).join(", "),
        licence: templates.get(w.licenceId)?.name ?? "",
      },
    ]),
  );
  return (
    <article className="page">
      <h1 data-testid="work-title">{title}</h1>
      {work.suspended && <p className="error">{t("work.suspended")}</p>}
      <p className="muted small">
        {t("works.ref", { id })} · {t("work.hash")}{" "}
        <span className="mono" title={work.contentHash} data-testid="work-hash">
          {shortHash(work.contentHash)}
        </span>
        {bundle && (
          <>
            {" "}
            · CID{" "}
            <span className="mono" title={bundle.cid}>
              {bundle.cid.slice(0, 16)}…
            </span>
          </>
        )}
      </p>
      <p className="row">
        <Link href={`/works/new?fork=${work.id}`}>{t("work.fork")}</Link>
        <Link href={`/licences?work=${work.id}`}>{t("licences.check")}</Link>
      </p>
      {cover && (
        <img
          className="work-cover"
          src={contentFileUrl(work.contentHash, cover)}
          alt={t("work.coverAlt", { title })}
          data-testid="work-cover"
        />
      )}
      <div className="two">
        <section aria-labelledby="content-h">
          <h2 id="content-h">{t("work.content")}</h2>
          {!bundle ? (
            <p className="muted">{t("work.noContent")}</p>
          ) : (
            <>
              {text !== null && (
                <Markdown
                  source={stripFrontMatter(text)}
                  path={main?.path}
                  headingOffset={2}
                  options={{ resolveFile: (p) => contentFileUrl(work.contentHash, p) }}
                />
              )}
              {images.length > 0 && (
                <Gallery hash={work.contentHash} images={images} title={title} i18n={i18n} />
              )}
              <Files hash={work.contentHash} entries={bundle.entries} i18n={i18n} />
            </>
          )}
        </section>
        <aside className="stack">
          <section className="card" aria-labelledby="licence-h">
            <h2 id="licence-h">{t("work.licence")}</h2>
            {template ? (
              <>
                <LicenceTerms template={template} t={t} locale={locale} />
                <FeeSplit template={template} funds={funds.map(toSubFund)} i18n={i18n} />
              </>
            ) : (
              <p>{t("works.licenceRef", { id: work.licenceId })}</p>
            )}
            <h3>{t("work.mayDo")}</h3>
            <Island
              name="workActions"
              props={{ workId: work.id, adopters: [...adopters], part: "verdict" }}
              fallback={
                <p className="muted">
                  {t("work.checkHint")}{" "}
                  <Link href={`/licences?work=${work.id}`}>{t("licences.check")}</Link>
                </p>
              }
            />
          </section>
          <section className="card" aria-labelledby="contrib-h">
            <h2 id="contrib-h">{t("work.contributors")}</h2>
            <ul className="plain" data-testid="contributors">
              {work.contributors.map((c, i) => (
                <li key={c}>
                  <AccountName t={t} address={c} names={names} /> —{" "}
                  {formatBps(work.shares[i] ?? 0, locale)}
                  <Island
                    name="markUnclaimable"
                    props={{
                      target: { kind: "share", workId: work.id, contributor: c },
                      name: nameOf(names, c) ?? c,
                    }}
                  />
                </li>
              ))}
            </ul>
          </section>
          <section className="card" aria-labelledby="versions-h">
            <h2 id="versions-h">{t("work.versions")}</h2>
            <ol className="small">
              {work.versions.map((v) => (
                <li key={v.version}>
                  {t("work.version", { n: v.version })} ·{" "}
                  <span className="mono" title={v.contentHash}>
                    {shortHash(v.contentHash)}
                  </span>
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
      <section aria-labelledby="lineage-h">
        <h2 id="lineage-h">{t("work.lineage")}</h2>
        <div className="scroll">
          <Lineage
            layout={lineage.layout}
            focus={work.id}
            boxes={boxes}
            label={t("work.lineageAlt", { title })}
          />
        </div>
      </section>
      <section aria-labelledby="adopters-h">
        <h2 id="adopters-h">{t("work.adopters")}</h2>
        {adopters.size === 0 ? (
          <p className="muted">{t("work.noAdopters")}</p>
        ) : (
          <>
            {adopterPlaces.length > 0 && (
              <WorldMap
                label={t("places.mapAlt", { n: adopterPlaces.length })}
                pins={placePins(adopterPlaces, "/places")}
              />
            )}
            <ul className="plain" data-testid="adopters">
              {work.adopters.map((a) => (
                <li key={a}>
                  <AccountName t={t} address={a} names={names} />
                </li>
              ))}
            </ul>
          </>
        )}
        <Island
          name="workActions"
          props={{
            workId: work.id,
            adopters: [...adopters],
            stewards: work.stewards.map((a) => a.toLowerCase()),
            part: "adopt",
          }}
        />
      </section>
      <Makers machines={work.machines} places={places} adopters={adopters} i18n={i18n} />
    </article>
  );
}
