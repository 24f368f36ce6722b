/**
 * An equirectangular world drawn from shipped outlines, with a pin per place. No tiles. Each pin
 * is a link (to the place's card when `href` is given): it can be clicked, focused and read.
 */
import type { Place } from "@/lib/model";
import { WORLD_LAND_PATH } from "@/lib/world-land";

export interface Pin {
  id: string;
  label: string;
  latitude: number;
  longitude: number;
  href?: string;
}

/** A pin per place, each a link to its card on the page at `page` ("" for this page). */
export function placePins(places: Place[], page: string): Pin[] {
  return places.map((p) => ({
    id: p.account,
    label: p.name,
    latitude: p.latitude,
    longitude: p.longitude,
    href: `${page}#${p.account.toLowerCase()}`,
  }));
}

export function WorldMap({ pins, label }: { pins: Pin[]; label: string }) {
  return (
    <svg className="map" viewBox="0 8 360 150" role="group" aria-label={label}>
      <path className="land" d={WORLD_LAND_PATH} aria-hidden="true" />
      {pins.map((pin) => {
        const dot = (
          <>
            <title>{pin.label}</title>
            <circle className="pin-hit" cx={pin.longitude + 180} cy={90 - pin.latitude} r={5} />
            <circle className="pin" cx={pin.longitude + 180} cy={90 - pin.latitude} r={2.4} />
          </>
        );
        return pin.href ? (
          <a key={pin.id} href={pin.href} aria-label={pin.label}>
            {dot}
          </a>
        ) : (
          <g key={pin.id} role="img" aria-label={pin.label}>
            {dot}
          </g>
        );
      })}
    </svg>
  );
}
