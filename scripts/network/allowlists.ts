import { getAddress, type Address } from "viem";
import { enodeUrl, type EnodeRecord } from "./enode.ts";
import { Status, type RegistryState } from "./read-registry.ts";

/** What Besu's local permissioning should allow, derived from the registry. */
export type Allowlists = {
  /** Admitted, unsuspended accounts (plus explicit bootstrap accounts), sorted. */
  accounts: Address[];
  /** Registered enodes of admitted owners, as enode URLs, sorted. */
  nodes: string[];
};

/**
 * `extraAccounts` are accounts the registry does not list but the chain needs before it has a
 * registry (the deployer); the CLI logs them so they are never allowed silently.
 */
export function allowlistsFrom(
  state: RegistryState,
  extraAccounts: readonly Address[] = [],
): Allowlists {
  const admitted = state.accounts.filter((a) => a.status === Status.Admitted).map((a) => a.address);
  const accounts = [...new Set([...admitted, ...extraAccounts].map((a) => getAddress(a)))];
  const nodes = [...new Set(allowedEnodes(state).map(enodeUrl))];
  return { accounts: accounts.sort(byLowercase), nodes: nodes.sort() };
}

/** Registered enodes whose owner is admitted now: what the registry's connectionAllowed accepts. */
export function allowedEnodes(state: RegistryState): EnodeRecord[] {
  const admitted = new Set(
    state.accounts.filter((a) => a.status === Status.Admitted).map((a) => a.address.toLowerCase()),
  );
  return state.enodes.filter((enode) => admitted.has(enode.owner.toLowerCase()));
}

function byLowercase(a: string, b: string): number {
  return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
}
