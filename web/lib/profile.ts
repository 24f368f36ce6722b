/**
 * A member's profile: who they are in their own words, kept as a JSON document whose sha-256 the
 * registry records. The document travels as a `data:` URI, so it is content-addressed by that
 * hash, readable without any server and shown by every page that names the account.
 */
import { sha256, toBytes } from "viem";

export const PROFILE_KINDS = ["Person", "Cooperative", "Place", "Enterprise"] as const;
export type ProfileKind = (typeof PROFILE_KINDS)[number];

export interface PlaceDetails {
  latitude: number;
  longitude: number;
  country: string;
  machines: string[];
}

export interface Profile {
  name: string;
  kind: ProfileKind;
  about: string;
  place?: PlaceDetails;
}

/** Field limits: a name fits a card, "about" a paragraph, machines a short list. */
export const PROFILE_LIMITS = { name: 80, about: 1_000, machines: 32, machine: 48 } as const;

export type ProfileProblem =
  | "nameMissing"
  | "nameTooLong"
  | "aboutMissing"
  | "aboutTooLong"
  | "latitude"
  | "longitude"
  | "country"
  | "machinesMissing"
  | "machinesTooMany"
  | "machineTooLong";

export interface ProfileForm {
  name: string;
  kind: ProfileKind;
  about: string;
  latitude: string;
  longitude: string;
  country: string;
  machines: string;
}

/** The comma- or line-separated machines of a form, trimmed, without duplicates. */
export function splitMachines(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[,\n]/)) {
    const machine = part.trim().replace(/\s+/g, " ");
    if (machine) seen.add(machine);
  }
  return [...seen];
}

/** Checks a profile form; returns the profile, or the problems with the field each concerns. */
export function validateProfile(
  form: ProfileForm,
): { profile: Profile } | { problems: Partial<Record<keyof ProfileForm, ProfileProblem>> } {
  const problems: Partial<Record<keyof ProfileForm, ProfileProblem>> = {};
  const name = form.name.trim().replace(/\s+/g, " ");
  const about = form.about.trim();
  if (!name) problems.name = "nameMissing";
  else if (name.length > PROFILE_LIMITS.name) problems.name = "nameTooLong";
  if (!about) problems.about = "aboutMissing";
  else if (about.length > PROFILE_LIMITS.about) problems.about = "aboutTooLong";
  let place: PlaceDetails | undefined;
  if (form.kind === "Place") {
    const latitude = Number(form.latitude.replace(",", "."));
    const longitude = Number(form.longitude.replace(",", "."));
    const country = form.country.trim().toUpperCase();
    const machines = splitMachines(form.machines);
    if (!form.latitude.trim() || !Number.isFinite(latitude) || Math.abs(latitude) > 90)
      problems.latitude = "latitude";
    if (!form.longitude.trim() || !Number.isFinite(longitude) || Math.abs(longitude) > 180)
      problems.longitude = "longitude";
    if (!/^[A-Z]{2}$/.test(country)) problems.country = "country";
    if (machines.length === 0) problems.machines = "machinesMissing";
    else if (machines.length > PROFILE_LIMITS.machines) problems.machines = "machinesTooMany";
    else if (machines.some((m) => m.length > PROFILE_LIMITS.machine))
      problems.machines = "machineTooLong";
    place = { latitude, longitude, country, machines };
  }
  if (Object.keys(problems).length > 0) return { problems };
  return { profile: { name, kind: form.kind, about, ...(place ? { place } : {}) } };
}

const DATA_PREFIX = "data:application/json;base64,";

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The profile as the registry stores it: a data URI and the sha-256 of its document. */
export function encodeProfile(profile: Profile): {
  profileURI: string;
  profileHash: `0x${string}`;
} {
  const bytes = toBytes(JSON.stringify(profile));
  return { profileURI: `${DATA_PREFIX}${base64(bytes)}`, profileHash: sha256(bytes) };
}

/**
 * The document behind a profile URI, when it is a data URI this app can read (the demo's and the
 * join form's); undefined for anything else (a link, a malformed document).
 */
export function decodeProfile(uri: string | null | undefined): Partial<Profile> | undefined {
  if (!uri || !uri.startsWith(DATA_PREFIX)) return undefined;
  try {
    const binary = atob(uri.slice(DATA_PREFIX.length));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const doc = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    if (typeof doc !== "object" || doc === null) return undefined;
    const name = typeof doc.name === "string" ? doc.name.trim().slice(0, PROFILE_LIMITS.name) : "";
    const about = typeof doc.about === "string" ? doc.about.slice(0, PROFILE_LIMITS.about) : "";
    return { ...(name ? { name } : {}), ...(about ? { about } : {}) };
  } catch {
    return undefined;
  }
}

/** The hash a profile URI's document must have (for checking a stored profile). */
export function profileHashOf(uri: string): `0x${string}` | undefined {
  if (!uri.startsWith(DATA_PREFIX)) return undefined;
  const binary = atob(uri.slice(DATA_PREFIX.length));
  return sha256(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}
