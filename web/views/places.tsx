/** Places: a world map (no tiles) with a focusable pin per place, and each place's machines and works. */
import Link from "next/link";
import { AccountName } from "@/components/Account";
import { placePins, WorldMap } from "@/components/WorldMap";
import type { ServerI18n } from "@/lib/i18n";
import { placesOf, toWork } from "@/lib/model";
import { getPlaces, getWorks } from "@/lib/server/api";
import type { ReadPage, Search } from "./read-page";

export const placesPage: ReadPage<Search> = {
  meta: async ({ t }) => ({ title: t("places.title"), description: t("meta.places") }),
  View: PlacesView,
};

async function PlacesView({ i18n: { t } }: { i18n: ServerI18n; input: Search }) {
  const places = placesOf(await getPlaces());
  const adopted = await Promise.all(
    places.map((p) => getWorks({ adopter: p.account.toLowerCase() }, 12)),
  );
  return (
    <div className="page">
      <h1>{t("places.title")}</h1>
      {places.length === 0 ? (
        <p className="muted">{t("places.none")}</p>
      ) : (
        <>
          <h2>{t("places.map")}</h2>
          <WorldMap label={t("places.mapAlt", { n: places.length })} pins={placePins(places, "")} />
          <h2>{t("places.list")}</h2>
          <div className="grid">
            {places.map((p, i) => (
              <section
                key={p.account}
                className="card"
                id={p.account.toLowerCase()}
                aria-labelledby={`place-${i}`}
              >
                <h3 id={`place-${i}`}>{p.name}</h3>
                <p className="small muted">
                  {p.country} · {p.latitude.toFixed(2)}, {p.longitude.toFixed(2)} ·{" "}
                  <AccountName t={t} address={p.account} name={p.name} plain />
                </p>
                <p className="small">{t("places.machines")}</p>
                <ul className="chips">
                  {p.machines.map((m) => (
                    <li key={m} className="chip">
                      {m}
                    </li>
                  ))}
                </ul>
                {adopted[i].items.length > 0 && (
                  <p className="small">
                    {t("places.produces")}{" "}
                    {adopted[i].items.map(toWork).map((w, j) => (
                      <span key={w.id.toString()}>
                        {j > 0 && ", "}
                        <Link href={`/works/${w.id}`}>
                          {w.title ?? t("works.untitled", { id: w.id.toString() })}
                        </Link>
                      </span>
                    ))}
                  </p>
                )}
              </section>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
