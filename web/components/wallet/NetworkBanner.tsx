"use client";
import { numberToHex } from "viem";
import { useAccount, useSwitchChain } from "wagmi";
import { useSpin } from "@/lib/spin";
import { useT } from "@/lib/i18n/context";
import { spinChain } from "@/lib/wallet/chain";

/** Says so when the wallet is on another chain, and offers to switch (adding the chain if needed). */
export function NetworkBanner() {
  const { t } = useT();
  const { config } = useSpin();
  const { isConnected, chainId, connector } = useAccount();
  const { switchChain, isPending } = useSwitchChain();
  if (!isConnected || chainId === config.chainId) return null;
  const chain = spinChain(config);
  const addThenSwitch = async () => {
    const provider = (await connector?.getProvider()) as
      | { request(args: { method: string; params: unknown[] }): Promise<unknown> }
      | undefined;
    await provider?.request({
      method: "wallet_addEthereumChain",
      params: [
        {
          chainId: numberToHex(chain.id),
          chainName: chain.name,
          nativeCurrency: chain.nativeCurrency,
          rpcUrls: chain.rpcUrls.default.http,
        },
      ],
    });
  };
  return (
    <div className="banner" role="alert">
      <span>{t("wallet.wrongNetwork", { actual: chainId ?? "?", expected: config.chainId })}</span>
      <button
        type="button"
        disabled={isPending}
        onClick={() =>
          switchChain(
            { chainId: config.chainId },
            { onError: () => void addThenSwitch().catch(() => undefined) },
          )
        }
      >
        {t("wallet.switch")}
      </button>
    </div>
  );
}
