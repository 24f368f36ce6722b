"use client";
import Link from "next/link";
import { useDeferredValue, useMemo, useState } from "react";
import { Loaded } from "@/components/common";
import { WorkCard } from "@/components/WorkCard";
import { useBundles, useSnapshot } from "@/hooks/data";
import { useT } from "@/lib/i18n/context";

export default function WorksPage() {
  const { t } = useT();
  const [q, setQ] = useState("");
  const [licence, setLicence] = useState("");
  const [tag, setTag] = useState("");
  const [machine, setMachine] = useState("");
  const [place, setPlace] = useState("");
  const query = useDeferredValue(q.trim());
  const snapshot = useSnapshot();
  const bundles = useBundles();
  const matches = useBundles(query || undefined);
  const s = snapshot.data;
  const all = bundles.data;
  const options = useMemo(() => {
    const tags = new Set<string>();
    const machines = new Set<string>();
    for (const b of all?.values() ?? []) {
      b.tags.forEach((x) => tags.add(x));
      b.machines.forEach((x) => machines.add(x));
    }
    return { tags: [...tags].sort(), machines: [...machines].sort() };
  }, [all]);
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
            {s?.templates.map((tpl) => (
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
            {options.tags.map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        </label>
        <label>
          {t("works.machine")}
          <select value={machine} onChange={(e) => setMachine(e.target.value)}>
            <option value="">{t("works.any")}</option>
            {options.machines.map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        </label>
        <label>
          {t("works.place")}
          <select value={place} onChange={(e) => setPlace(e.target.value)}>
            <option value="">{t("works.any")}</option>
            {s?.places.map((p) => (
              <option key={p.account} value={p.account.toLowerCase()}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      </form>
      <Loaded query={snapshot}>
        {(snap) => {
          const works = snap.works.filter((w) => {
            const b = all?.get(w.contentHash.toLowerCase());
            if (query && !matches.data?.has(w.contentHash.toLowerCase())) return false;
            if (licence && String(w.licenceId) !== licence) return false;
            if (tag && !b?.tags.includes(tag)) return false;
            if (machine && !b?.machines.includes(machine)) return false;
            if (place && !w.adopters.some((a) => a.toLowerCase() === place)) return false;
            return true;
          });
          return (
            <>
              <p className="muted small" role="status">
                {t("works.count", { n: works.length })}
              </p>
              {bundles.isError && (
                <p className="error">{t("common.error", { message: bundles.error.message })}</p>
              )}
              {works.length === 0 ? (
                <p className="muted">{t("works.none")}</p>
              ) : (
                <div className="grid" data-testid="works-list">
                  {works.map((w) => (
                    <WorkCard
                      key={w.id.toString()}
                      work={w}
                      bundle={all?.get(w.contentHash.toLowerCase())}
                      templates={snap.templates}
                    />
                  ))}
                </div>
              )}
            </>
          );
        }}
      </Loaded>
    </div>
  );
}
