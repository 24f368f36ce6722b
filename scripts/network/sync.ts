import { getAddress } from "viem";
import type { Allowlists } from "./allowlists.ts";
import type { BesuCall } from "./besu-rpc.ts";
import { enodeUrlKey } from "./enode.ts";

/** What one node must change so its allowlists equal the registry's. */
export type SyncPlan = {
  addAccounts: string[];
  removeAccounts: string[];
  addNodes: string[];
  removeNodes: string[];
};

function stringList(value: unknown, method: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw new Error(`${method} did not return a list of strings`);
  }
  return value;
}

/** Entries of `want` missing from `have`, and of `have` missing from `want`, compared by `key`. */
function difference(have: string[], want: string[], key: (s: string) => string) {
  const haveKeys = new Set(have.map(key));
  const wantKeys = new Set(want.map(key));
  return {
    add: want.filter((item) => !haveKeys.has(key(item))),
    remove: have.filter((item) => !wantKeys.has(key(item))),
  };
}

/** Compares a node's current allowlists with the desired ones. */
export async function planSync(call: BesuCall, desired: Allowlists): Promise<SyncPlan> {
  const accounts = stringList(
    await call("perm_getAccountsAllowlist", []),
    "perm_getAccountsAllowlist",
  );
  const nodes = stringList(await call("perm_getNodesAllowlist", []), "perm_getNodesAllowlist");
  const accountDiff = difference(accounts, desired.accounts, (a) => getAddress(a));
  const nodeDiff = difference(nodes, desired.nodes, enodeUrlKey);
  return {
    addAccounts: accountDiff.add,
    removeAccounts: accountDiff.remove,
    addNodes: nodeDiff.add,
    removeNodes: nodeDiff.remove,
  };
}

/**
 * Sends exactly the perm_* calls the plan needs (none when it is empty). Additions go first, so
 * a node never drops a peer it still needs to hear about the removal's replacement.
 */
export async function applySync(call: BesuCall, plan: SyncPlan): Promise<void> {
  if (plan.addNodes.length > 0) await call("perm_addNodesToAllowlist", [plan.addNodes]);
  if (plan.addAccounts.length > 0) await call("perm_addAccountsToAllowlist", [plan.addAccounts]);
  if (plan.removeAccounts.length > 0) {
    await call("perm_removeAccountsFromAllowlist", [plan.removeAccounts]);
  }
  if (plan.removeNodes.length > 0) await call("perm_removeNodesFromAllowlist", [plan.removeNodes]);
}

export function isEmptyPlan(plan: SyncPlan): boolean {
  return Object.values(plan).every((list) => list.length === 0);
}
