import type { Address } from "viem";
import { allowedEnodes, allowlistsFrom, type Allowlists } from "./allowlists.ts";
import { normalizeEnodeId, validatorAddressOf, type EnodeRecord } from "./enode.ts";
import { buildQbftGenesis } from "./genesis.ts";
import { FILES, permissionsToml, validatorToml } from "./node-config.ts";
import type { RegistryState } from "./read-registry.ts";

export type NetworkOptions = {
  chainId: number;
  /** Enode ids of the validators; undefined means every allowed (owner admitted) enode. */
  validatorIds?: readonly string[];
  /** Accounts allowed besides the registry's (the deployer, before the registry exists). */
  extraAccounts?: readonly Address[];
  /** Where the state was read, written into the generated files' headers. */
  source: string;
};

export type NetworkFiles = {
  /** Relative path -> file content. */
  files: Map<string, string>;
  validators: Array<{
    enode: EnodeRecord;
    address: Address;
    directory: string;
  }>;
  allowlists: Allowlists;
};

/** Picks the validators among registered enodes: the listed ids, or all of them. */
export function selectValidators(
  enodes: readonly EnodeRecord[],
  ids?: readonly string[],
): EnodeRecord[] {
  if (ids === undefined) return [...enodes];
  return ids.map((id) => {
    const wanted = normalizeEnodeId(id);
    const enode = enodes.find((e) => normalizeEnodeId(e.enodeId) === wanted);
    if (enode === undefined)
      throw new Error(
        `validator ${wanted.slice(0, 16)}… is not a registered enode of an admitted owner`,
      );
    return enode;
  });
}

/**
 * Everything a QBFT network needs, from the registry's state: the shared genesis, permissions
 * and static nodes at the top, and one self-contained directory per validator.
 */
export function generateNetworkFiles(state: RegistryState, options: NetworkOptions): NetworkFiles {
  const enodes = allowedEnodes(state);
  const chosen = selectValidators(enodes, options.validatorIds);
  const validators = chosen.map((enode) => ({
    enode,
    address: validatorAddressOf(enode.enodeId),
    directory: `validators/${normalizeEnodeId(enode.enodeId).slice(0, 12)}`,
  }));
  const allowlists = allowlistsFrom(state, options.extraAccounts);
  const shared = new Map<string, string>([
    [
      FILES.genesis,
      `${JSON.stringify(buildQbftGenesis({ chainId: options.chainId, validators: validators.map((v) => v.address) }), null, 2)}\n`,
    ],
    [FILES.permissions, permissionsToml(allowlists, options.source)],
    [FILES.staticNodes, `${JSON.stringify(allowlists.nodes, null, 2)}\n`],
  ]);
  const files = new Map(shared);
  for (const validator of validators) {
    for (const [name, content] of shared) files.set(`${validator.directory}/${name}`, content);
    files.set(`${validator.directory}/${FILES.config}`, validatorToml(validator.enode));
  }
  return { files, validators, allowlists };
}
