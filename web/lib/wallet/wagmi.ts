import { createConfig, http, injected, type Config } from "wagmi";
import { LOCAL_CHAIN_ID, type SpinConfig } from "../config";
import { createLazyBurnerProvider } from "./burner-lazy";
import { pageRpcUrl, spinChain } from "./chain";

export const BURNER_ID = "spin-burner";

/**
 * Wallets come from EIP-6963 discovery (every injected wallet announces itself); the local chain
 * adds the burner. All reads go through the app's RPC route.
 */
export function createWagmiConfig(config: SpinConfig): Config {
  const chain = spinChain(config);
  const rpcUrl = pageRpcUrl();
  let burner: ReturnType<typeof createLazyBurnerProvider> | undefined;
  const connectors =
    config.chainId === LOCAL_CHAIN_ID && typeof window !== "undefined"
      ? [
          injected({
            target: {
              id: BURNER_ID,
              name: "Burner",
              provider: () => (burner ??= createLazyBurnerProvider(chain, rpcUrl)),
            },
          }),
        ]
      : [];
  return createConfig({
    chains: [chain],
    connectors,
    multiInjectedProviderDiscovery: true,
    transports: { [chain.id]: http(rpcUrl, { batch: false }) },
    // Created in the browser only (the wallet never renders on the server): the stored
    // connection and the announced wallets are read at once, with no hydration step.
    ssr: false,
    pollingInterval: 1_000,
  });
}
