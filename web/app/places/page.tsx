"use client";
import Link from "next/link";
import { AccountName, Loaded } from "@/components/common";
import { WorldMap } from "@/components/WorldMap";
import { usePlaces, useWorks } from "@/hooks/data";
import { useT } from "@/lib/i18n/context";
import type { Place } from "@/lib/model";

export default function PlacesPage() {
  const { t } = useT();
  const places = usePlaces();
  return (
    <div className="page">
      <h1>{t("places.title")}</h1>
      <Loaded query={places} empty={(list) => list.length === 0} emptyText={t("places.none")}>
        {(list) => (
          <>
            <h2>{t("places.map")}</h2>
            <WorldMap
              label={t("places.mapAlt", { n: list.length })}
              pins={list.map((p) => ({
                id: p.account,
                label: p.name,
                latitude: p.latitude,
                longitude: p.longitude,
              }))}
            />
            <div className="grid" style={{ marginTop: "1rem" }}>
              {list.map((p) => (
                <PlaceCard key={p.account} place={p} />
              ))}
            </div>
          </>
        )}
      </Loaded>
    </div>
  );
}

function PlaceCard({ place: p }: { place: Place }) {
  const { t } = useT();
  const adopted = useWorks({ adopter: p.account.toLowerCase() }, 12);
  return (
    <section className="card" aria-label={p.name}>
      <h3>{p.name}</h3>
      <p className="small muted">
        {p.country} · {p.latitude.toFixed(2)}, {p.longitude.toFixed(2)} ·{" "}
        <AccountName address={p.account} />
      </p>
      <p className="small">{t("places.machines")}</p>
      <ul className="chips">
        {p.machines.map((m) => (
          <li key={m} className="chip">
            {m}
          </li>
        ))}
      </ul>
      {adopted.data && adopted.data.length > 0 && (
        <p className="small">
          {t("nav.works")}:{" "}
          {adopted.data.map((w, i) => (
            <span key={w.id.toString()}>
              {i > 0 && ", "}
              <Link href={`/works/${w.id}`}>
                {w.title ?? t("works.untitled", { id: w.id.toString() })}
              </Link>
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
