import { defineChain, type Chain } from "viem";
import { LOCAL_CHAIN_ID, RPC_PROXY_PATH, type SpinConfig } from "../config";

/** The SPIN chain as wallets should add it (with the public RPC URL). */
export function spinChain(config: SpinConfig): Chain {
  return defineChain({
    id: config.chainId,
    name: config.chainId === LOCAL_CHAIN_ID ? "SPIN (local)" : "SPIN",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [config.rpcUrl] } },
  });
}

/** The RPC URL the page itself uses: this app's forwarding route, never another host. */
export function pageRpcUrl(): string {
  return typeof window === "undefined"
    ? `http://127.0.0.1${RPC_PROXY_PATH}`
    : `${window.location.origin}${RPC_PROXY_PATH}`;
}
