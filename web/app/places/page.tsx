"use client";
import { AccountName, Loaded } from "@/components/common";
import { WorldMap } from "@/components/WorldMap";
import { useSnapshot } from "@/hooks/data";
import { countryFromBytes2 } from "@/lib/format";
import { useT } from "@/lib/i18n/context";

export default function PlacesPage() {
  const { t } = useT();
  const snapshot = useSnapshot();
  return (
    <div className="page">
      <h1>{t("places.title")}</h1>
      <Loaded query={snapshot} empty={(s) => s.places.length === 0} emptyText={t("places.none")}>
        {(s) => (
          <>
            <h2>{t("places.map")}</h2>
            <WorldMap
              label={t("places.mapAlt", { n: s.places.length })}
              pins={s.places.map((p) => ({
                id: p.account,
                label: p.name,
                latitude: p.latitude,
                longitude: p.longitude,
              }))}
            />
            <div className="grid" style={{ marginTop: "1rem" }}>
              {s.places.map((p) => {
                const adopted = s.works.filter((w) =>
                  w.adopters.some((a) => a.toLowerCase() === p.account.toLowerCase()),
                );
                return (
                  <section key={p.account} className="card" aria-label={p.name}>
                    <h3>{p.name}</h3>
                    <p className="small muted">
                      {countryFromBytes2(p.country)} · {p.latitude.toFixed(2)},{" "}
                      {p.longitude.toFixed(2)} · <AccountName address={p.account} />
                    </p>
                    <p className="small">{t("places.machines")}</p>
                    <ul className="chips">
                      {p.machines.map((m) => (
                        <li key={m} className="chip">
                          {m}
                        </li>
                      ))}
                    </ul>
                    {adopted.length > 0 && (
                      <p className="small">
                        {t("nav.works")}: {adopted.map((w) => `#${w.id}`).join(", ")}
                      </p>
                    )}
                  </section>
                );
              })}
            </div>
          </>
        )}
      </Loaded>
    </div>
  );
}
