import type { EnodeRecord } from "./enode.ts";
import { writeToml } from "./toml.ts";
import type { Allowlists } from "./allowlists.ts";

/** The file names every node directory holds; config.toml refers to them relative to it. */
export const FILES = {
  genesis: "genesis.json",
  permissions: "permissions_config.toml",
  staticNodes: "static-nodes.json",
  config: "config.toml",
  /** Written by the operator, never by this tool: the node's private key stays with its Place. */
  nodeKey: "key",
} as const;

/** Besu's local permissioning file: who may send, which nodes may connect. */
export function permissionsToml(allowlists: Allowlists, source: string): string {
  return writeToml(
    {
      "accounts-allowlist": allowlists.accounts,
      "nodes-allowlist": allowlists.nodes,
    },
    [`Generated from ${source}. Keep in sync with: npm run network:sync`],
  );
}

/**
 * One validator's Besu config. Run `besu --config-file=config.toml` from the node's directory.
 * RPC listens on localhost only: the PERM and QBFT APIs are for the operator, never the public.
 */
export function validatorToml(enode: EnodeRecord, rpcPort = 8545): string {
  return writeToml(
    {
      "data-path": "data",
      "genesis-file": FILES.genesis,
      "node-private-key-file": FILES.nodeKey,
      "static-nodes-file": FILES.staticNodes,
      "p2p-host": enode.host,
      "p2p-port": enode.port,
      "p2p-interface": "0.0.0.0",
      "permissions-nodes-config-file-enabled": true,
      "permissions-nodes-config-file": FILES.permissions,
      "permissions-accounts-config-file-enabled": true,
      "permissions-accounts-config-file": FILES.permissions,
      "min-gas-price": 0,
      "sync-mode": "FULL",
      "rpc-http-enabled": true,
      "rpc-http-host": "127.0.0.1",
      "rpc-http-port": rpcPort,
      "rpc-http-api": ["ETH", "NET", "WEB3", "QBFT", "PERM", "ADMIN"],
      "host-allowlist": ["localhost", "127.0.0.1"],
    },
    [`Besu validator ${enode.enodeId.slice(0, 12)}… of ${enode.owner}`],
  );
}
