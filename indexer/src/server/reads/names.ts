/**
 * Display names for addresses: a Place's on-chain name, else the name in the participant's
 * profile document (a data: URI, or a document the content store holds under its profile
 * hash), else, for SPIN's own contracts, their name in the address book. Nothing else: an
 * unknown address has no name, and the dApp shows it as an address.
 */
import { profileFromDataUri, parseProfile, type ContractName } from "@spin/shared";
import type { Kysely } from "kysely";
import type { IndexerConfig } from "../../config/config.ts";
import type { ApiTables } from "../../content/tables.ts";
import type { Database } from "../../database/schema.ts";
import { kindNames, statusNames } from "../schemas/commons.ts";

export type NameSource = "place" | "profile" | "contract";

export interface NameEntry {
  address: string;
  name: string | null;
  source: NameSource | null;
  kindName: (typeof kindNames)[number] | null;
  statusName: (typeof statusNames)[number] | null;
}

export interface NameBook {
  /** Names of `addresses` (lower case), in the same order. */
  of(addresses: readonly string[]): Promise<NameEntry[]>;
  /** One name, or null. */
  nameOf(address: string | null): Promise<string | null>;
}

export const contractLabels: Record<ContractName, string> = {
  Admissions: "SPIN Admissions",
  CommonFund: "SPIN Common Fund",
  CommonsRegistry: "SPIN Commons Registry",
  LicenceTemplates: "SPIN Licence Templates",
  Licensing: "SPIN Licensing",
  SpinCoin: "SPIN Coin",
  SpinGovernor: "SPIN Governor",
  SpinTimelock: "SPIN Timelock",
  WorksRegistry: "SPIN Works Registry",
};

interface ParticipantNameRow {
  profile_uri: string | null;
  profile_hash: string | null;
  place: { name: string } | null;
}

/** The name a participant row gives, and where it comes from. */
export function participantName(
  row: ParticipantNameRow,
  documents: Map<string, string>,
): { name: string; source: NameSource } | null {
  if (row.place?.name) return { name: row.place.name, source: "place" };
  const fromUri = row.profile_uri ? profileFromDataUri(row.profile_uri) : null;
  if (fromUri) return { name: fromUri.name, source: "profile" };
  const body = row.profile_hash ? documents.get(row.profile_hash) : undefined;
  if (body) {
    try {
      return { name: parseProfile(new TextEncoder().encode(body)).name, source: "profile" };
    } catch {
      return null;
    }
  }
  return null;
}

/** Stored profile documents for these hashes. */
export async function profileDocuments(
  db: Kysely<Database>,
  hashes: (string | null)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(hashes.filter((h): h is string => h !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .withTables<ApiTables>()
    .selectFrom("profile_documents")
    .select(["profile_hash", "body"])
    .where("profile_hash", "in", wanted)
    .execute();
  return new Map(rows.map((r) => [r.profile_hash, r.body]));
}

export function createNameBook(db: Kysely<Database>, config: IndexerConfig): NameBook {
  const contracts = new Map<string, string>(
    Object.entries(config.contracts).map(([name, entry]) => [
      entry!.address,
      contractLabels[name as ContractName],
    ]),
  );
  async function of(addresses: readonly string[]): Promise<NameEntry[]> {
    const wanted = [...new Set(addresses)];
    const rows =
      wanted.length === 0
        ? []
        : await db
            .selectFrom("participants")
            .select(["account", "kind", "status", "profile_uri", "profile_hash", "place"])
            .where("account", "in", wanted)
            .execute();
    const documents = await profileDocuments(
      db,
      rows.map((r) => r.profile_hash),
    );
    const byAccount = new Map(rows.map((r) => [r.account, r]));
    return addresses.map((address) => {
      const row = byAccount.get(address);
      const named = row ? participantName(row, documents) : null;
      const contract = contracts.get(address);
      const [name, source]: [string | null, NameSource | null] = named
        ? [named.name, named.source]
        : contract
          ? [contract, "contract"]
          : [null, null];
      return {
        address,
        name,
        source,
        kindName: row ? (kindNames[row.kind] ?? "None") : null,
        statusName: row ? (statusNames[row.status] ?? "None") : null,
      };
    });
  }
  return {
    of,
    async nameOf(address) {
      if (!address) return null;
      return (await of([address]))[0].name;
    },
  };
}
