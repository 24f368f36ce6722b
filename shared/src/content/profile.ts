/**
 * A participant's profile document: the small JSON document whose sha-256 an application (or a
 * profile update) puts on chain as `profileHash`. One definition for the seed, the indexer (which
 * stores, validates and serves it, and takes display names from it) and the dApp. Runs in Node
 * and the browser alike.
 */
export const profileKinds = ["Person", "Cooperative", "Place", "Enterprise"] as const;
export type ProfileKind = (typeof profileKinds)[number];

/** Bounds of a profile document; anything larger or longer is refused. */
export const PROFILE_LIMITS = {
  bytes: 8 * 1024,
  name: 80,
  about: 2_000,
  country: 2,
  locality: 120,
  machines: 64,
  machine: 64,
} as const;

export interface ProfileDocument {
  name: string;
  kind: ProfileKind;
  about?: string;
  /** A Place's location: degrees, ISO 3166-1 alpha-2 country, town. */
  location?: { latitude: number; longitude: number; country?: string; locality?: string };
  /** A Place's machines (e.g. "laser-cutter"). */
  machines?: string[];
}

export class InvalidProfileError extends Error {
  override name = "InvalidProfileError";
  /** The offending field, e.g. "name" or "machines.3". */
  readonly field: string;
  constructor(field: string, message: string) {
    super(`profile ${field} ${message}`);
    this.field = field;
  }
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

function boundedText(
  value: unknown,
  field: string,
  max: number,
  optional = false,
): string | undefined {
  if (value === undefined && optional) return undefined;
  if (typeof value !== "string") throw new InvalidProfileError(field, "must be a string");
  if (value.trim().length === 0) throw new InvalidProfileError(field, "must not be empty");
  if (value.length > max)
    throw new InvalidProfileError(field, `must have at most ${max} characters`);
  if (CONTROL.test(field === "about" ? value.replace(/\n/g, "") : value)) {
    throw new InvalidProfileError(field, "must not contain control characters");
  }
  return value;
}

function coordinate(value: unknown, field: string, bound: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || Math.abs(value) > bound) {
    throw new InvalidProfileError(field, `must be a number from -${bound} to ${bound}`);
  }
  return value;
}

/** Validates a parsed profile document; throws InvalidProfileError naming the field. */
export function validateProfile(json: unknown): ProfileDocument {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new InvalidProfileError("document", "must be a JSON object");
  }
  const doc = json as Record<string, unknown>;
  const known = new Set(["name", "kind", "about", "location", "machines"]);
  for (const key of Object.keys(doc)) {
    if (!known.has(key)) throw new InvalidProfileError(key, "is not a profile field");
  }
  const name = boundedText(doc.name, "name", PROFILE_LIMITS.name)!;
  if (!profileKinds.includes(doc.kind as ProfileKind)) {
    throw new InvalidProfileError("kind", `must be one of ${profileKinds.join(", ")}`);
  }
  const profile: ProfileDocument = { name, kind: doc.kind as ProfileKind };
  const about = boundedText(doc.about, "about", PROFILE_LIMITS.about, true);
  if (about !== undefined) profile.about = about;
  if (doc.location !== undefined) {
    const location = doc.location as Record<string, unknown>;
    if (typeof location !== "object" || location === null) {
      throw new InvalidProfileError("location", "must be an object");
    }
    profile.location = {
      latitude: coordinate(location.latitude, "location.latitude", 90),
      longitude: coordinate(location.longitude, "location.longitude", 180),
    };
    if (location.country !== undefined) {
      if (typeof location.country !== "string" || !/^[A-Z]{2}$/.test(location.country)) {
        throw new InvalidProfileError(
          "location.country",
          "must be two capital letters (ISO 3166-1)",
        );
      }
      profile.location.country = location.country;
    }
    const locality = boundedText(
      location.locality,
      "location.locality",
      PROFILE_LIMITS.locality,
      true,
    );
    if (locality !== undefined) profile.location.locality = locality;
  }
  if (doc.machines !== undefined) {
    if (!Array.isArray(doc.machines) || doc.machines.length > PROFILE_LIMITS.machines) {
      throw new InvalidProfileError(
        "machines",
        `must be a list of at most ${PROFILE_LIMITS.machines}`,
      );
    }
    profile.machines = doc.machines.map(
      (m, i) => boundedText(m, `machines.${i}`, PROFILE_LIMITS.machine)!,
    );
  }
  if ((profile.location || profile.machines) && profile.kind !== "Place") {
    throw new InvalidProfileError(
      "kind",
      "must be Place for a document with a location or machines",
    );
  }
  return profile;
}

/** Parses and validates a profile document's bytes (UTF-8 JSON, at most PROFILE_LIMITS.bytes). */
export function parseProfile(bytes: Uint8Array): ProfileDocument {
  if (bytes.length > PROFILE_LIMITS.bytes) {
    throw new InvalidProfileError("document", `must be at most ${PROFILE_LIMITS.bytes} bytes`);
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new InvalidProfileError("document", "is not UTF-8 JSON");
  }
  return validateProfile(json);
}

/** The document a `data:application/json;base64,` profile URI carries, or null. */
export function profileFromDataUri(uri: string): ProfileDocument | null {
  const prefix = "data:application/json;base64,";
  if (!uri.startsWith(prefix) || uri.length > prefix.length + PROFILE_LIMITS.bytes * 2) return null;
  try {
    const binary = atob(uri.slice(prefix.length));
    return parseProfile(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}
