"use client";
/**
 * A place on a read page where the wallet may act (vote, adopt, vouch…). Until this browser uses
 * a wallet, the island shows its server-rendered fallback and downloads nothing; once it does,
 * the island's code loads and takes the fallback's place.
 */
import { lazy, Suspense, type ComponentProps, type ComponentType, type ReactNode } from "react";
import { useWalletWanted } from "@/lib/wallet/state";

const loaders = {
  account: () => import("./AccountMenu"),
  workActions: () => import("@/components/islands/WorkActions"),
  proposalActions: () => import("@/components/islands/ProposalActions"),
  delegation: () => import("@/components/islands/Delegation"),
  applicantActions: () => import("@/components/islands/ApplicantActions"),
  relayApplication: () => import("@/components/islands/RelayApplication"),
  suspend: () => import("@/components/islands/SuspendButton"),
  buyLicence: () => import("@/components/islands/BuyLicence"),
  markUnclaimable: () => import("@/components/islands/MarkUnclaimable"),
  relayProfileChange: () => import("@/components/islands/RelayProfileChange"),
} as const;

type Loaders = typeof loaders;
export type IslandName = keyof Loaders;
type IslandProps<N extends IslandName> = ComponentProps<Awaited<ReturnType<Loaders[N]>>["default"]>;

const lazies = Object.fromEntries(
  Object.entries(loaders).map(([name, load]) => [
    name,
    lazy(load as () => Promise<{ default: ComponentType<unknown> }>),
  ]),
) as unknown as { [N in IslandName]: ComponentType<IslandProps<N>> };

export function Island<N extends IslandName>(props: {
  name: N;
  props: IslandProps<N>;
  /** Shown until the wallet is in use, and without JavaScript. */
  fallback?: ReactNode;
}) {
  const wanted = useWalletWanted();
  if (!wanted) return <>{props.fallback ?? null}</>;
  // The name picks the component and, through IslandProps, the props' type.
  const Component = lazies[props.name] as unknown as ComponentType<Record<string, unknown>>;
  return (
    <Suspense fallback={props.fallback ?? null}>
      <Component {...(props.props as Record<string, unknown>)} />
    </Suspense>
  );
}
