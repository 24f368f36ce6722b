/**
 * Who an address is, in words, as the API names it (GET /names, or the `name` of a participant):
 * a place's registered name, the name in the account's profile, or one of SPIN's own contracts.
 * The app only looks names up; it never derives them.
 */
import type { Schema } from "./api/client";
import { Kind } from "./guards";

export interface NamedAccount {
  name: string;
  /** ICommonsRegistry.Kind (1..4), or "contract" for SPIN's own contracts. */
  kind: number | "contract";
}

/** Lower-case address -> name. */
export type Names = Record<string, NamedAccount>;

type KindName = NonNullable<Schema<"Name">["kindName"]>;

const kindOf = (kindName: KindName | null): number => (kindName ? Kind[kindName] : Kind.None);

/** Names from the API's /names answer (addresses it has no name for are left out). */
export function namesFromLookup(items: readonly Schema<"Name">[]): Names {
  const names: Names = {};
  for (const item of items) {
    if (!item.name) continue;
    names[item.address.toLowerCase()] = {
      name: item.name,
      kind: item.source === "contract" ? "contract" : kindOf(item.kindName),
    };
  }
  return names;
}

/** Names from participant rows (each carries the API's `name`). */
export function namesFromParticipants(
  rows: readonly Pick<Schema<"Participant">, "account" | "name" | "kind">[],
): Names {
  const names: Names = {};
  for (const row of rows)
    if (row.name) names[row.account.toLowerCase()] = { name: row.name, kind: row.kind };
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
