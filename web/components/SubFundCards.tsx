"use client";
import { useChainTime } from "@/hooks/data";
import type { SubFund } from "@/lib/model";
import { formatBps, formatDate, formatSpin } from "@/lib/format";
import { useT } from "@/lib/i18n/context";

export function SubFundCards({ funds }: { funds: SubFund[] }) {
  const { t, locale } = useT();
  const now = useChainTime().data ?? Math.floor(Date.now() / 1000);
  return (
    <div className="grid">
      {funds.map((f) => (
        <section
          key={f.id}
          className="card"
          aria-labelledby={`fund-${f.id}`}
          data-testid={`subfund-${f.id}`}
        >
          <h3 id={`fund-${f.id}`}>{f.name}</h3>
          <p className="verdict" data-testid={`subfund-balance-${f.id}`}>
            {formatSpin(f.balance, locale)} SPIN
          </p>
          <p className="muted small">
            {f.lockedUntil > now
              ? t("fund.locked", { date: formatDate(f.lockedUntil, locale) })
              : t("fund.spendable")}
            {" · "}
            {t("fund.cap", { cap: formatBps(f.capBps, locale) })}
          </p>
        </section>
      ))}
    </div>
  );
}
