import { WORLD_LAND_PATH } from "@/lib/world-land";

export interface Pin {
  id: string;
  label: string;
  latitude: number;
  longitude: number;
}

/** An equirectangular world drawn from shipped outlines, with a pin per place. No tiles. */
export function WorldMap({ pins, label }: { pins: Pin[]; label: string }) {
  return (
    <svg className="map" viewBox="0 8 360 150" role="img" aria-label={label}>
      <path className="land" d={WORLD_LAND_PATH} />
      {pins.map((pin) => (
        <g key={pin.id}>
          <title>{pin.label}</title>
          <circle className="pin" cx={pin.longitude + 180} cy={90 - pin.latitude} r={2.4} />
        </g>
      ))}
    </svg>
  );
}
