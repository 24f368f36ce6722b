/**
 * Node-signed sending and signing: the node's own keys act for whoever asks, so they are served
 * only on a local development chain, and only when the operator turned them on. The chain id is
 * asked of the node on every such request (they are rare), so a gateway started with the flag in
 * front of the local chain refuses them the moment its upstream is any other chain.
 */
import { methodNotEnabled, type JsonRpcError } from "./errors.ts";
import type { JsonRpcResponse } from "./json-rpc.ts";

/** Hardhat's and anvil's chain id: the only chain whose node may sign for its callers. */
export const LOCAL_CHAIN_ID = 31337;

export type NodeSigning = {
  /** Undefined when `method` may be served now; otherwise the refusal to answer with. */
  refusal(method: string): Promise<JsonRpcError | undefined>;
};

export function createNodeSigning(
  enabled: boolean,
  askChainId: () => Promise<JsonRpcResponse>,
): NodeSigning {
  return {
    async refusal(method) {
      if (!enabled) {
        return methodNotEnabled(
          `${method} signs with the node's keys, which this gateway does not serve: sign in the wallet and send with eth_sendRawTransaction`,
          "node_signing_disabled",
        );
      }
      const answer = await askChainId();
      const chainId =
        "result" in answer && typeof answer.result === "string" ? Number(answer.result) : NaN;
      if (chainId === LOCAL_CHAIN_ID) return undefined;
      return methodNotEnabled(
        `${method} signs with the node's keys, served only on the local development chain (chain id ${LOCAL_CHAIN_ID}); this node's chain id is ${Number.isNaN(chainId) ? "unknown" : chainId}`,
        "node_signing_disabled",
      );
    },
  };
}
