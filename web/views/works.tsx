/**
 * Works, newest first: a search form that works without JavaScript (the filters are the URL's
 * query), and the first page rendered on the server; "next page" follows the API's cursor.
 */
import Link from "next/link";
import { WorkCard } from "@/components/WorkCard";
import { listQuery } from "@/lib/api/client";
import type { ServerI18n } from "@/lib/i18n";
import { placesOf } from "@/lib/model";
import { getBundles, getNames, getPlaces, getTemplates, getWorks } from "@/lib/server/api";
import { showWorks } from "@/lib/server/works";

import { one, type ReadPage, type Search } from "./read-page";

export const worksPage: ReadPage<Search> = {
  meta: async ({ t }) => ({ title: t("works.title"), description: t("meta.works") }),
  View: WorksView,
};

async function WorksView({ i18n, input: search }: { i18n: ServerI18n; input: Search }) {
  const { t } = i18n;
  const filters = {
    q: one(search.q),
    licenceId: one(search.licence),
    tag: one(search.tag),
    machine: one(search.machine),
    adopter: one(search.place)?.toLowerCase(),
  };
  const cursor = one(search.cursor);
  const [page, templates, bundles, placeRows] = await Promise.all([
    getWorks({ ...filters, cursor }),
    getTemplates(),
    getBundles(),
    getPlaces(),
  ]);
  const [shown, names] = await Promise.all([
    showWorks(page.items),
    getNames(page.items.flatMap((w) => w.contributors.map((c) => c.account))),
  ]);
  const tags = [...new Set(bundles.flatMap((b) => b.tags))].sort();
  const machines = [...new Set(bundles.flatMap((b) => b.machines))].sort();
  const places = placesOf(placeRows);
  const next = page.nextCursor
    ? listQuery("/works", {
        q: filters.q,
        licence: filters.licenceId,
        tag: filters.tag,
        machine: filters.machine,
        place: filters.adopter,
        cursor: page.nextCursor,
      })
    : null;
  const select = (
    name: string,
    label: string,
    value: string | undefined,
    options: [string, string][],
  ) => (
    <label>
      {label}
      <select name={name} defaultValue={value ?? ""}>
        <option value="">{t("works.any")}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="page">
      <div className="row">
        <h1>{t("works.title")}</h1>
        <p className="row-end">
          <Link href="/works/new">{t("nav.publish")}</Link>
        </p>
      </div>
      <form className="row filters" role="search" method="get" action="/works">
        <label>
          {t("works.search")}
          <input
            type="search"
            name="q"
            defaultValue={filters.q ?? ""}
            placeholder={t("works.searchPlaceholder")}
            data-testid="works-search"
          />
        </label>
        {select(
          "licence",
          t("works.licence"),
          filters.licenceId,
          templates.map((tpl) => [String(tpl.licence_id), tpl.name]),
        )}
        {select(
          "tag",
          t("works.tag"),
          filters.tag,
          tags.map((x) => [x, x]),
        )}
        {select(
          "machine",
          t("works.machine"),
          filters.machine,
          machines.map((x) => [x, x]),
        )}
        {select(
          "place",
          t("works.place"),
          filters.adopter,
          places.map((p) => [p.account.toLowerCase(), p.name]),
        )}
        <button type="submit">{t("works.filter")}</button>
      </form>
      <p className="muted small" role="status">
        {t("works.count", { n: shown.length })}
        {cursor && (
          <>
            {" "}
            · <Link href="/works">{t("common.firstPage")}</Link>
          </>
        )}
      </p>
      {shown.length === 0 ? (
        <p className="muted">{t("works.none")}</p>
      ) : (
        <div className="grid" data-testid="works-list">
          {shown.map((s) => (
            <WorkCard key={s.work.id.toString()} {...s} names={names} i18n={i18n} level={2} />
          ))}
        </div>
      )}
      {next && (
        <p>
          <Link href={next} className="button" rel="next">
            {t("common.nextPage")}
          </Link>
        </p>
      )}
    </div>
  );
}
