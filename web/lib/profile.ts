/**
 * A newcomer's profile: who they are in their own words, as the profile document @spin/shared
 * defines (name, kind, about; a place's location and machines). The join form checks every
 * field first; the document's exact bytes are then stored by the API (POST /profiles) and their
 * sha-256 goes on chain as the profile hash, with a profile URI naming that hash.
 */
import {
  InvalidProfileError,
  parseProfile,
  PROFILE_LIMITS as DOCUMENT_LIMITS,
  profileKinds,
  type ProfileDocument,
  type ProfileKind,
} from "@spin/shared";
import { sha256, type Address } from "viem";

export const PROFILE_KINDS = profileKinds;
export type { ProfileKind };

/**
 * What an applicant's signature over a profile (an application, a profile change) is made from:
 * the checked profile, its signer, the chain and Admissions, the signer's nonce and the chain's
 * time.
 */
export interface ProfileSigning {
  applicant: Address;
  profile: ProfileDocument;
  chainId: number;
  admissions: Address;
  nonce: bigint;
  now: bigint;
}

/**
 * Field limits: the document's own (@spin/shared), and for a place the registry's, since its
 * name and machines also go on chain (RegistryInput: at most 32 machines).
 */
export const PROFILE_LIMITS = {
  name: DOCUMENT_LIMITS.name,
  about: DOCUMENT_LIMITS.about,
  machines: 32,
  machine: DOCUMENT_LIMITS.machine,
} as const;

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
  | "machineTooLong"
  | "tooLarge"
  | "invalid";

export interface ProfileForm {
  name: string;
  kind: ProfileKind;
  about: string;
  latitude: string;
  longitude: string;
  country: string;
  machines: string;
}

export type ProfileProblems = Partial<Record<keyof ProfileForm, ProfileProblem>>;

/** The form field a document field comes from (for the API's own check's refusals). */
const FORM_FIELD: Record<string, keyof ProfileForm> = {
  name: "name",
  kind: "kind",
  about: "about",
  location: "latitude",
  machines: "machines",
  document: "about",
};

/** The comma- or line-separated machines of a form, trimmed, without duplicates. */
export function splitMachines(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[,\n]/)) {
    const machine = part.trim().replace(/\s+/g, " ");
    if (machine) seen.add(machine);
  }
  return [...seen];
}

/** The document's bytes, as stored and hashed (UTF-8 JSON, fields in a fixed order). */
export function profileBytes(profile: ProfileDocument): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(profile));
}

/**
 * Checks a profile form; returns the profile document (valid for @spin/shared's parseProfile,
 * so the API will take it), or the problems with the field each concerns.
 */
export function validateProfile(
  form: ProfileForm,
): { profile: ProfileDocument } | { problems: ProfileProblems } {
  const problems: ProfileProblems = {};
  const name = form.name.trim().replace(/\s+/g, " ");
  const about = form.about.trim();
  if (!name) problems.name = "nameMissing";
  else if (name.length > PROFILE_LIMITS.name) problems.name = "nameTooLong";
  if (!about) problems.about = "aboutMissing";
  else if (about.length > PROFILE_LIMITS.about) problems.about = "aboutTooLong";
  const profile: ProfileDocument = { name, kind: form.kind, about };
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
    profile.location = { latitude, longitude, country };
    profile.machines = machines;
  }
  if (Object.keys(problems).length > 0) return { problems };
  try {
    // The same check the API makes, bytes included (a document has at most 8 KiB).
    parseProfile(profileBytes(profile));
  } catch (error) {
    if (!(error instanceof InvalidProfileError)) throw error;
    const [field] = error.field.split(".");
    const key = FORM_FIELD[field] ?? "about";
    return { problems: { [key]: field === "document" ? "tooLarge" : "invalid" } };
  }
  return { profile };
}

/** The profile URI that names a stored document by its hash (any SPIN API: /profiles/{hash}). */
export function profileUri(profileHash: `0x${string}`): string {
  return `spin:profile/${profileHash}`;
}

/** The document as the registry records it: its URI and the sha-256 of its bytes. */
export function profileRecord(profile: ProfileDocument): {
  bytes: Uint8Array;
  profileHash: `0x${string}`;
  profileURI: string;
} {
  const bytes = profileBytes(profile);
  const profileHash = sha256(bytes);
  return { bytes, profileHash, profileURI: profileUri(profileHash) };
}
