/**
 * Who an address is, in words: a participant's profile name (a place's registered name first),
 * or one of SPIN's own contracts. Built once per page from the directory and the address book.
 */
import type { ParticipantRow } from "./model";
import { decodeProfile } from "./profile";

export interface NamedAccount {
  name: string;
  /** ICommonsRegistry.Kind (1..4), or "contract" for SPIN's own contracts. */
  kind: number | "contract";
}

/** Lower-case address -> name. */
export type Names = Record<string, NamedAccount>;

/** Labels for SPIN's contracts, keyed by address book name. */
export const CONTRACT_LABELS: Record<string, string> = {
  CommonsRegistry: "SPIN commons registry",
  SpinCoin: "SPIN coin",
  SpinGovernor: "SPIN governor",
  SpinTimelock: "SPIN timelock",
  CommonFund: "SPIN common fund",
  LicenceTemplates: "SPIN licence templates",
  WorksRegistry: "SPIN works registry",
  Licensing: "SPIN licensing",
};

export function namesFrom(
  participants: readonly Pick<ParticipantRow, "account" | "kind" | "profile_uri" | "place">[],
  contracts: Record<string, { address: string }>,
): Names {
  const names: Names = {};
  for (const [key, entry] of Object.entries(contracts))
    names[entry.address.toLowerCase()] = { name: CONTRACT_LABELS[key] ?? key, kind: "contract" };
  for (const p of participants) {
    const name = p.place?.name?.trim() || decodeProfile(p.profile_uri)?.name;
    if (name) names[p.account.toLowerCase()] = { name, kind: p.kind };
  }
  return names;
}

export function nameOf(names: Names, address: string | null | undefined): string | undefined {
  return address ? names[address.toLowerCase()]?.name : undefined;
}

/** Addresses whose name matches `typed` (case- and accent-insensitive), best first. */
export function findByName(
  names: Names,
  typed: string,
  accept: (entry: NamedAccount) => boolean = () => true,
): { address: string; entry: NamedAccount }[] {
  const fold = (s: string) =>
    s
      .normalize("NFD")
      .replace(/\p{Diacritic}/gu, "")
      .toLowerCase()
      .trim();
  const wanted = fold(typed);
  if (!wanted) return [];
  const all = Object.entries(names)
    .filter(([, entry]) => accept(entry))
    .map(([address, entry]) => ({ address, entry, folded: fold(entry.name) }));
  const exact = all.filter((a) => a.folded === wanted);
  if (exact.length) return exact;
  return all.filter(
    (a) => a.folded.split(/\s+/).some((w) => w.startsWith(wanted)) || a.folded.startsWith(wanted),
  );
}
