"use client";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { Loaded, MoreButton } from "@/components/common";
import { WorkCard } from "@/components/WorkCard";
import { useFacets, usePlaces, useTemplates, useWorks } from "@/hooks/data";
import { useT } from "@/lib/i18n/context";

export default function WorksPage() {
  const { t } = useT();
  const [q, setQ] = useState("");
  const [licence, setLicence] = useState("");
  const [tag, setTag] = useState("");
  const [machine, setMachine] = useState("");
  const [place, setPlace] = useState("");
  const query = useDeferredValue(q.trim());
  const facets = useFacets();
  const templates = useTemplates();
  const places = usePlaces();
  const works = useWorks({
    q: query || undefined,
    licenceId: licence,
    adopter: place,
    tag: tag || undefined,
    machine: machine || undefined,
  });
  const shown = works.data ?? [];
  return (
    <div className="page">
      <div className="row">
        <h1>{t("works.title")}</h1>
        <p style={{ flex: "0 0 auto" }}>
          <Link href="/works/new">{t("nav.publish")}</Link>
        </p>
      </div>
      <form className="row" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t("works.search")}
          <input
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t("works.searchPlaceholder")}
            data-testid="works-search"
          />
        </label>
        <label>
          {t("works.licence")}
          <select value={licence} onChange={(e) => setLicence(e.target.value)}>
            <option value="">{t("works.any")}</option>
            {templates.data?.map((tpl) => (
              <option key={tpl.id} value={tpl.id}>
                {tpl.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("works.tag")}
          <select value={tag} onChange={(e) => setTag(e.target.value)}>
            <option value="">{t("works.any")}</option>
            {facets.data?.tags.map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        </label>
        <label>
          {t("works.machine")}
          <select value={machine} onChange={(e) => setMachine(e.target.value)}>
            <option value="">{t("works.any")}</option>
            {facets.data?.machines.map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        </label>
        <label>
          {t("works.place")}
          <select value={place} onChange={(e) => setPlace(e.target.value)}>
            <option value="">{t("works.any")}</option>
            {places.data?.map((p) => (
              <option key={p.account} value={p.account.toLowerCase()}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      </form>
      <Loaded query={works}>
        {() => (
          <>
            <p className="muted small" role="status">
              {t("works.count", { n: shown.length })}
            </p>
            {shown.length === 0 ? (
              <p className="muted">{t("works.none")}</p>
            ) : (
              <div className="grid" data-testid="works-list">
                {shown.map((w) => (
                  <WorkCard key={w.id.toString()} work={w} templates={templates.data ?? []} />
                ))}
              </div>
            )}
            <MoreButton query={works} />
          </>
        )}
      </Loaded>
    </div>
  );
}
