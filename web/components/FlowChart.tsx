"use client";
import type { Movement } from "@/hooks/data";
import type { SubFund } from "@/lib/model";
import { formatSpin } from "@/lib/format";
import { useT } from "@/lib/i18n/context";

/** Inflows up, outflows down, one pair of bars per sub-fund, from the indexer's fund movements. */
export function FlowChart({
  funds,
  movements,
}: {
  funds: SubFund[];
  movements: Record<number, Movement[]>;
}) {
  const { t, locale } = useT();
  const totals = funds.map((f) => {
    let inflow = 0n;
    let outflow = 0n;
    for (const m of movements[f.id] ?? []) {
      const amount = BigInt(m.amount);
      if (amount >= 0n) inflow += amount;
      else outflow -= amount;
    }
    return { fund: f, inflow, outflow };
  });
  const max = totals.reduce(
    (m, x) => (x.inflow > m ? x.inflow : x.outflow > m ? x.outflow : m),
    1n,
  );
  const width = 100 * funds.length + 20;
  const half = 80;
  const scale = (v: bigint) => (v === 0n ? 0 : Math.max(2, Number((v * BigInt(half - 10)) / max)));
  return (
    <figure>
      <svg
        className="chart"
        viewBox={`0 0 ${width} ${half * 2 + 40}`}
        role="img"
        aria-label={t("fund.flowsAlt")}
        style={{ maxWidth: "36rem" }}
      >
        <line x1={10} x2={width - 10} y1={half} y2={half} stroke="#7b8a80" />
        {totals.map((x, i) => {
          const cx = 20 + i * 100;
          return (
            <g key={x.fund.id}>
              <rect
                x={cx}
                y={half - scale(x.inflow)}
                width={36}
                height={scale(x.inflow)}
                fill="#14532d"
              >
                <title>{`${x.fund.name} · ${t("fund.in")}: ${formatSpin(x.inflow, locale)} SPIN`}</title>
              </rect>
              <rect x={cx + 40} y={half} width={36} height={scale(x.outflow)} fill="#b45309">
                <title>{`${x.fund.name} · ${t("fund.out")}: ${formatSpin(x.outflow, locale)} SPIN`}</title>
              </rect>
              <text x={cx + 38} y={half * 2 + 24} textAnchor="middle" fontSize="10">
                {x.fund.name.slice(0, 16)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="small muted">
        <span style={{ color: "#14532d" }}>■</span> {t("fund.in")}{" "}
        <span style={{ color: "#b45309" }}>■</span> {t("fund.out")}
      </figcaption>
      <table className="small">
        <thead>
          <tr>
            <th scope="col">{t("fund.subFunds")}</th>
            <th scope="col">{t("fund.in")}</th>
            <th scope="col">{t("fund.out")}</th>
          </tr>
        </thead>
        <tbody>
          {totals.map((x) => (
            <tr key={x.fund.id}>
              <td>{x.fund.name}</td>
              <td>{formatSpin(x.inflow, locale)}</td>
              <td>{formatSpin(x.outflow, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
