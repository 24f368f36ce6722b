"use client";
/**
 * The wallet's runtime, shared by every wallet island on a page: one wagmi configuration and one
 * query cache for the whole visit, so islands see the same account. The stored connection is
 * restored once, when the runtime is created; islands only provide the shared configuration
 * (a WagmiProvider per island would reset the connection each time one mounts).
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, type ComponentType, type ReactNode } from "react";
import { useAccount, WagmiContext, type Config } from "wagmi";
import { reconnect } from "wagmi/actions";
import type { SpinConfig } from "@/lib/config";
import { useSpin } from "@/lib/spin";
import { rememberConnection } from "@/lib/wallet/state";
import { createWagmiConfig } from "@/lib/wallet/wagmi";
import { BootProviders } from "./Boot";

let runtime: { wagmi: Config; queries: QueryClient; chainId: number } | undefined;

function runtimeFor(config: SpinConfig) {
  if (!runtime || runtime.chainId !== config.chainId) {
    const wagmi = createWagmiConfig(config);
    runtime = {
      wagmi,
      chainId: config.chainId,
      queries: new QueryClient({
        defaultOptions: { queries: { staleTime: 4_000, retry: 1, refetchOnWindowFocus: false } },
      }),
    };
    // Write pages render their form on the server too, where there is no wallet to reconnect.
    if (typeof window !== "undefined") void reconnect(wagmi);
  }
  return runtime;
}

/** Keeps "this browser uses a wallet" in step with the connection. */
function ConnectionMemory() {
  const { status } = useAccount();
  useEffect(() => {
    if (status === "connected") rememberConnection(true);
  }, [status]);
  return null;
}

export function WalletScope({ children }: { children: ReactNode }) {
  const { config } = useSpin();
  const { wagmi, queries } = runtimeFor(config);
  return (
    <WagmiContext.Provider value={wagmi}>
      <QueryClientProvider client={queries}>
        <ConnectionMemory />
        {children}
      </QueryClientProvider>
    </WagmiContext.Provider>
  );
}

/** A component that runs inside the wallet's runtime. */
export function withWallet<P extends object>(Component: ComponentType<P>): ComponentType<P> {
  function Wrapped(props: P) {
    return (
      <BootProviders>
        <WalletScope>
          <Component {...props} />
        </WalletScope>
      </BootProviders>
    );
  }
  Wrapped.displayName = `withWallet(${Component.displayName ?? Component.name})`;
  return Wrapped;
}
