/** Shared setup for the registry and coin tests: a registry with a few admitted members. */
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { CommonsRegistry } from "../../../types/ethers-contracts/index.js";

export const Kind = { None: 0, Person: 1, Cooperative: 2, Place: 3, Enterprise: 4 } as const;
export const Status = { None: 0, Applicant: 1, Admitted: 2, Suspended: 3, Expelled: 4 } as const;
export const Path = { Vouches: 0, Governance: 1 } as const;

export const THRESHOLD = 2;
export const WINDOW = 7 * 24 * 3600;
export const PROFILE = "ipfs://bafyprofile";
export const PROFILE_HASH = `0x${"11".repeat(32)}`;
export const OTHER_HASH = `0x${"22".repeat(32)}`;
export const ENODE_ID = "a1".repeat(64);
export const ENODE_HOST = "10.0.0.1";
export const ENODE_PORT = 30303;

export interface PlaceInput {
  name: string;
  latitudeE6: number;
  longitudeE6: number;
  country: string;
  machines: string[];
}

export const FABLAB: PlaceInput = {
  name: "Fablab Gare",
  latitudeE6: 48_856_613,
  longitudeE6: 2_352_222,
  country: "0x4652", // "FR"
  machines: ["laser cutter", "3D printer"],
};

export interface RegistrySetup {
  registry: CommonsRegistry;
  admin: HardhatEthersSigner;
  /** Admitted Persons. */
  alice: HardhatEthersSigner;
  bob: HardhatEthersSigner;
  carol: HardhatEthersSigner;
  /** An admitted Cooperative and an admitted Place. */
  coop: HardhatEthersSigner;
  place: HardhatEthersSigner;
  /** Accounts the registry does not know. */
  outsiders: HardhatEthersSigner[];
}

/** Deploys a registry (threshold 2, one-week window) and admits three Persons, a Cooperative, a Place. */
export async function deployRegistry(ethers: HardhatEthers): Promise<RegistrySetup> {
  const [admin, alice, bob, carol, coop, place, ...outsiders] = await ethers.getSigners();
  const registry = await ethers.deployContract("CommonsRegistry", [admin.address, THRESHOLD, WINDOW]);
  for (const person of [alice, bob, carol]) {
    await registry.admit(person.address, Kind.Person, PROFILE, PROFILE_HASH);
  }
  await registry.admit(coop.address, Kind.Cooperative, PROFILE, PROFILE_HASH);
  await registry.admitPlace(place.address, PROFILE, PROFILE_HASH, FABLAB);
  return { registry, admin, alice, bob, carol, coop, place, outsiders };
}
