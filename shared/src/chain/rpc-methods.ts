/**
 * The JSON-RPC methods SPIN's public edges serve, by name. The permissioning gateway in front of
 * the node and the dApp's `/api/rpc` proxy both forward only what is listed here; everything else
 * is refused, Besu's way: -32604 "Method not enabled" for a method nodes are known to answer,
 * -32601 "Method not found" for any other name.
 */

/**
 * What wallets, the dApp (wagmi/viem), the indexer and deployment tools (Hardhat, Ignition) ask:
 * reading the chain, estimating, filters, and sending transactions their senders signed.
 */
export const PUBLIC_RPC_METHODS: ReadonlySet<string> = new Set([
  // chain and client
  "eth_chainId",
  "eth_blockNumber",
  "eth_syncing",
  "eth_protocolVersion",
  "net_version",
  "net_listening",
  "net_peerCount",
  "web3_clientVersion",
  "web3_sha3",
  // fees and gas
  "eth_gasPrice",
  "eth_maxPriorityFeePerGas",
  "eth_feeHistory",
  "eth_blobBaseFee",
  "eth_estimateGas",
  "eth_createAccessList",
  // state
  "eth_call",
  "eth_simulateV1",
  "eth_getBalance",
  "eth_getCode",
  "eth_getStorageAt",
  "eth_getTransactionCount",
  "eth_getProof",
  // blocks
  "eth_getBlockByNumber",
  "eth_getBlockByHash",
  "eth_getBlockReceipts",
  "eth_getBlockTransactionCountByHash",
  "eth_getBlockTransactionCountByNumber",
  "eth_getUncleByBlockHashAndIndex",
  "eth_getUncleByBlockNumberAndIndex",
  "eth_getUncleCountByBlockHash",
  "eth_getUncleCountByBlockNumber",
  // transactions
  "eth_getTransactionByHash",
  "eth_getTransactionByBlockHashAndIndex",
  "eth_getTransactionByBlockNumberAndIndex",
  "eth_getTransactionReceipt",
  "eth_sendRawTransaction",
  "eth_sendRawTransactionSync",
  // logs and filters
  "eth_getLogs",
  "eth_newFilter",
  "eth_newBlockFilter",
  "eth_newPendingTransactionFilter",
  "eth_getFilterChanges",
  "eth_getFilterLogs",
  "eth_uninstallFilter",
]);

/** Subscriptions: served over WebSocket only, where notifications have a way back. */
export const SUBSCRIPTION_RPC_METHODS: ReadonlySet<string> = new Set([
  "eth_subscribe",
  "eth_unsubscribe",
]);

/**
 * Sending and signing with the node's own keys. Whoever reaches the node would act as those
 * accounts, so only a local development chain may serve them, behind an explicit flag.
 */
export const NODE_SIGNING_RPC_METHODS: ReadonlySet<string> = new Set([
  "eth_accounts",
  "eth_sendTransaction",
  "eth_sign",
  "eth_signTransaction",
  "eth_signTypedData",
  "eth_signTypedData_v1",
  "eth_signTypedData_v3",
  "eth_signTypedData_v4",
]);

/**
 * Methods outside those namespaces that nodes answer and SPIN never serves: sending without a
 * signature, sending as a node account and waiting, mining, bundles.
 */
const KNOWN_DISABLED_METHODS: ReadonlySet<string> = new Set([
  "eth_sendUnsignedTransaction",
  "eth_sendTransactionSync",
  "eth_coinbase",
  "eth_mining",
  "eth_hashrate",
  "eth_getWork",
  "eth_submitWork",
  "eth_submitHashrate",
  "eth_sendBundle",
  "eth_callBundle",
  "eth_cancelBundle",
  "eth_sendPrivateTransaction",
  "eth_cancelPrivateTransaction",
  "eth_getRawTransactionByHash",
  "net_enode",
  "net_services",
  "rpc_modules",
]);

/**
 * Namespaces of node APIs (development chains, node administration, tracing, mempool, consensus,
 * permissioning, other clients' extensions). Only used to tell "known but disabled" (-32604) from
 * "unknown" (-32601): nothing is served because of its prefix.
 */
const KNOWN_DISABLED_NAMESPACES: ReadonlySet<string> = new Set([
  "admin",
  "anvil",
  "clique",
  "debug",
  "engine",
  "erigon",
  "evm",
  "ganache",
  "hardhat",
  "ibft",
  "miner",
  "ots",
  "parity",
  "perm",
  "personal",
  "plugins",
  "priv",
  "eea",
  "qbft",
  "tenderly",
  "trace",
  "txpool",
]);

export type RpcMethodKind =
  /** Served to anyone. */
  | "public"
  /** Served over WebSocket only. */
  | "subscription"
  /** Served only with the development flag, on the local chain. */
  | "node-signing"
  /** A method nodes answer, never served: -32604. */
  | "disabled"
  /** Not a method SPIN knows: -32601. */
  | "unknown";

/** How SPIN's edges treat `method` (exact, case-sensitive names, as nodes match them). */
export function rpcMethodKind(method: string): RpcMethodKind {
  if (PUBLIC_RPC_METHODS.has(method)) return "public";
  if (SUBSCRIPTION_RPC_METHODS.has(method)) return "subscription";
  if (NODE_SIGNING_RPC_METHODS.has(method)) return "node-signing";
  if (KNOWN_DISABLED_METHODS.has(method)) return "disabled";
  const separator = method.indexOf("_");
  if (separator > 0 && KNOWN_DISABLED_NAMESPACES.has(method.slice(0, separator))) {
    return "disabled";
  }
  return "unknown";
}

/** Besu's JSON-RPC errors for a method an endpoint does not serve. */
export const RPC_METHOD_NOT_FOUND = { code: -32601, message: "Method not found" } as const;
export const RPC_METHOD_NOT_ENABLED = { code: -32604, message: "Method not enabled" } as const;
