"use client";
import { permitTypes } from "@spin/shared";
import { getBlock, readContract } from "viem/actions";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { formatUnits, isAddress, parseUnits, type Address } from "viem";
import { useAccount, useConfig, useClient } from "wagmi";
import { useQuery } from "@tanstack/react-query";
import {
  checkLicence,
  LicenceTerms,
  Verdict,
  type LicenceVerdict,
} from "@/components/LicenceTerms";
import { TxStatus } from "@/components/TxStatus";
import { useAccountInfo, useTemplates } from "@/hooks/data";
import { useTransaction } from "@/hooks/useTransaction";
import { formatSpin } from "@/lib/format";
import { useT } from "@/lib/i18n/context";
import { splitSignature } from "@/lib/signature";
import { useSpin } from "@/lib/spin";
import { parseWorkRef } from "@/lib/work-ref";

const ENTERPRISE = 4;
const PERMIT_LIFETIME = 3_600n;

interface Checked {
  workId: bigint | null;
  account: Address;
  verdict: LicenceVerdict;
}

export default function LicencesPage() {
  const { t } = useT();
  const router = useRouter();
  const { address } = useAccount();
  const templates = useTemplates();
  const [work, setWork] = useState("");
  const [account, setAccount] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [recordId, setRecordId] = useState("");

  useEffect(() => {
    const fromUrl = new URLSearchParams(window.location.search).get("work");
    if (fromUrl) setWork(fromUrl);
  }, []);
  useEffect(() => {
    if (address && !account) setAccount(address);
  }, [address, account]);

  async function check(): Promise<void> {
    setProblem(null);
    const ref = parseWorkRef(work);
    if (!ref) return setProblem(t("licences.badWork"));
    if (!isAddress(account)) return setProblem(t("licences.badAccount"));
    try {
      const verdict = await checkLicence(
        ref.kind === "id" ? { workId: ref.id } : { contentHash: ref.hash },
        account,
      );
      setChecked({ workId: verdict.workId, account, verdict });
    } catch (error) {
      setProblem(
        t("common.error", { message: error instanceof Error ? error.message : String(error) }),
      );
    }
  }

  const template = checked && templates.data?.find((tpl) => tpl.id === checked.verdict.licenceId);
  return (
    <div className="page narrow">
      <h1>{t("licences.title")}</h1>
      <section aria-labelledby="check-h" className="card stack">
        <h2 id="check-h">{t("licences.check")}</h2>
        <form className="stack" onSubmit={(e) => (e.preventDefault(), void check())}>
          <label>
            {t("licences.work")}
            <input value={work} onChange={(e) => setWork(e.target.value)} name="work" required />
          </label>
          <label>
            {t("licences.account")}
            <input
              value={account}
              onChange={(e) => setAccount(e.target.value.trim())}
              name="account"
              className="mono"
              required
            />
          </label>
          <button type="submit" className="primary" data-testid="check">
            {t("licences.checkButton")}
          </button>
        </form>
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        {checked && (
          <div aria-live="polite">
            <Verdict verdict={checked.verdict} />
            {template && <LicenceTerms template={template} />}
            {checked.workId !== null && (
              <p>
                <Link href={`/works/${checked.workId}`}>#{checked.workId.toString()}</Link>
              </p>
            )}
          </div>
        )}
      </section>
      {checked?.workId != null &&
        !checked.verdict.allowed &&
        address?.toLowerCase() === checked.account.toLowerCase() &&
        [7, 8].includes(checked.verdict.reason) && (
          <BuyLicence workId={checked.workId} onBought={() => void check()} />
        )}
      <section aria-labelledby="record-h" className="card stack">
        <h2 id="record-h">{t("licences.findRecord")}</h2>
        <form
          className="row"
          onSubmit={(e) => (
            e.preventDefault(),
            /^\d+$/.test(recordId) && router.push(`/licences/${recordId}`)
          )}
        >
          <label>
            {t("licences.recordId")}
            <input
              value={recordId}
              onChange={(e) => setRecordId(e.target.value.trim())}
              inputMode="numeric"
            />
          </label>
          <button type="submit">{t("licences.open")}</button>
        </form>
      </section>
    </div>
  );
}

function BuyLicence({ workId, onBought }: { workId: bigint; onBought: () => void }) {
  const { t, locale } = useT();
  const wagmi = useConfig();
  const client = useClient();
  const { contracts, config } = useSpin();
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
  useEffect(() => {
    if (price.data !== undefined && !max) setMax(formatUnits(price.data, 18));
  }, [price.data, max]);
  if (info.data && info.data.kind !== ENTERPRISE) return null;

  async function buy() {
    let maxPrice: bigint;
    try {
      maxPrice = parseUnits(max || "0", 18);
    } catch {
      return;
    }
    const receipt = await tx.run(async (owner) => {
      const [nonce, domain, block] = await Promise.all([
        readContract(client!, { ...contracts.coin, functionName: "nonces", args: [owner] }),
        readContract(client!, { ...contracts.coin, functionName: "eip712Domain" }),
        getBlock(client!),
      ]);
      const deadline = block.timestamp + PERMIT_LIFETIME;
      // The signing code loads only when someone buys.
      const { signTypedData } = await import("wagmi/actions");
      const signature = await signTypedData(wagmi, {
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
      return {
        ...contracts.licensing,
        functionName: "purchase",
        args: [workId, maxPrice, deadline, v, r, s],
      };
    });
    if (receipt) onBought();
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
      <TxStatus state={tx.state} />
    </section>
  );
}
