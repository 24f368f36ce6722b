"use client";
/**
 * Buying a commercial licence in one transaction: the enterprise signs a permit for at most the
 * price it accepts, then Licensing takes the fee. Offered only to the enterprise the check was for.
 */
import { permitTypes } from "@spin/shared";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { formatUnits, parseUnits } from "viem";
import { getBlock, readContract } from "viem/actions";
import { useAccount, useClient, useConfig } from "wagmi";
import { TxStatus } from "@/components/TxStatus";
import { withWallet } from "@/components/wallet/Scope";
import { useAccountInfo } from "@/hooks/data";
import { useTransaction, write } from "@/hooks/useTransaction";
import { useContracts } from "@/lib/contracts";
import { formatSpin } from "@/lib/format";
import { Kind } from "@/lib/guards";
import { useT } from "@/lib/i18n/context";
import { splitSignature } from "@/lib/signature";
import { useSpin } from "@/lib/spin";

const PERMIT_LIFETIME = 3_600n;

function BuyLicence({ workId, account }: { workId: bigint; account: string }) {
  const { t, locale } = useT();
  const router = useRouter();
  const wagmi = useConfig();
  const client = useClient();
  const contracts = useContracts();
  const { config } = useSpin();
  const { address } = useAccount();
  const info = useAccountInfo(address);
  const tx = useTransaction();
  const price = useQuery<bigint>({
    queryKey: ["price", workId.toString()],
    queryFn: () =>
      readContract(client!, { ...contracts.licensing, functionName: "priceOf", args: [workId] }),
    enabled: Boolean(client),
  });
  const [max, setMax] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (price.data !== undefined && !max) setMax(formatUnits(price.data, 18));
  }, [price.data, max]);
  if (!address || address.toLowerCase() !== account.toLowerCase()) return null;
  if (!info.data || info.data.kind !== Kind.Enterprise) return null;

  async function buy() {
    let maxPrice: bigint;
    try {
      maxPrice = parseUnits(max || "0", 18);
    } catch {
      return setProblem(t("form.badAmount"));
    }
    setProblem(null);
    const receipt = await tx.run(async (owner) => {
      const [nonce, domain, block] = await Promise.all([
        readContract(client!, { ...contracts.coin, functionName: "nonces", args: [owner] }),
        readContract(client!, { ...contracts.coin, functionName: "eip712Domain" }),
        getBlock(client!),
      ]);
      const deadline = block.timestamp + PERMIT_LIFETIME;
      const actions = await import(/* webpackExports: ["signTypedData"] */ "wagmi/actions");
      const signature = await actions.signTypedData(wagmi, {
        account: owner,
        domain: {
          name: domain[1],
          version: domain[2],
          chainId: config.chainId,
          verifyingContract: contracts.coin.address,
        },
        types: permitTypes,
        primaryType: "Permit",
        message: { owner, spender: contracts.licensing.address, value: maxPrice, nonce, deadline },
      });
      const { v, r, s } = splitSignature(signature);
      return write({
        ...contracts.licensing,
        functionName: "purchase",
        args: [workId, maxPrice, deadline, v, r, s],
      });
    });
    if (receipt) router.refresh();
  }

  return (
    <section aria-labelledby="buy-h" className="card stack">
      <h2 id="buy-h">{t("licences.buy")}</h2>
      {price.data !== undefined && (
        <p>{t("licences.price", { price: formatSpin(price.data, locale) })}</p>
      )}
      {price.isError && (
        <p className="error">{t("common.error", { message: price.error.message })}</p>
      )}
      <form className="row" onSubmit={(e) => (e.preventDefault(), void buy())}>
        <label>
          {t("licences.maxPrice")}
          <input
            value={max}
            onChange={(e) => setMax(e.target.value)}
            inputMode="decimal"
            name="maxPrice"
          />
        </label>
        <button type="submit" className="primary" disabled={tx.busy} data-testid="buy">
          {t("licences.buyButton")}
        </button>
      </form>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <TxStatus state={tx.state} />
    </section>
  );
}

export default withWallet(BuyLicence);
