/** The sub-funds: balance, lock and cap per proposal. */
import { formatBps, formatDate, formatSpin } from "@/lib/format";
import type { ServerI18n } from "@/lib/i18n";
import type { SubFund } from "@/lib/model";

export function SubFundCards({
  funds,
  now,
  i18n,
}: {
  funds: SubFund[];
  now: number;
  i18n: ServerI18n;
}) {
  const { t, locale } = i18n;
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
