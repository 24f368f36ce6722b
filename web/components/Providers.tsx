"use client";
import type { AddressBook } from "@spin/shared";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { WagmiProvider } from "wagmi";
import type { SpinConfig } from "@/lib/config";
import { I18nProvider } from "@/lib/i18n/context";
import type { Locale } from "@/lib/i18n";
import { SpinProvider } from "@/lib/spin";
import { createWagmiConfig } from "@/lib/wallet/wagmi";

export function Providers(props: {
  config: SpinConfig;
  book: AddressBook;
  locale: Locale;
  children: ReactNode;
}) {
  const [wagmi] = useState(() => createWagmiConfig(props.config));
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 4_000, retry: 1, refetchOnWindowFocus: false } },
      }),
  );
  return (
    <I18nProvider initial={props.locale}>
      <WagmiProvider config={wagmi} reconnectOnMount>
        <QueryClientProvider client={queryClient}>
          <SpinProvider config={props.config} book={props.book}>
            {props.children}
          </SpinProvider>
        </QueryClientProvider>
      </WagmiProvider>
    </I18nProvider>
  );
}
