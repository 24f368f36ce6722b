/** Pieces of a proposal shown on the server: its calls in words, the vote bar with quorum. */
import Link from "next/link";
import { AccountName } from "@/components/Account";
import type { DecodedCall } from "@/lib/calls";
import { formatBps, formatDate, formatSpin } from "@/lib/format";
import type { ServerI18n } from "@/lib/i18n/server";
import type { Names } from "@/lib/names";
import type { SubFund } from "@/lib/model";

export function CallList(props: {
  calls: DecodedCall[];
  names: Names;
  funds: SubFund[];
  i18n: ServerI18n;
}) {
  const { t, locale } = props.i18n;
  const fundName = (id: string) => props.funds.find((f) => String(f.id) === id)?.name ?? `#${id}`;
  return (
    <ol className="calls" data-testid="calls">
      {props.calls.map((call, i) => (
        <li key={i} className="call">
          <p>
            <strong>
              {call.contract
                ? t("proposal.callOn", { fn: call.fn, contract: call.contract })
                : t("proposal.callRaw", { fn: call.fn })}
            </strong>
            {!call.contract && (
              <>
                {" "}
                <AccountName address={call.target} names={props.names} plain />
              </>
            )}
          </p>
          {call.raw ? (
            <p className="muted small">{t("proposal.undecoded")}</p>
          ) : (
            <dl className="facts small">
              {call.args.map((arg) => (
                <div key={arg.name} className="fact">
                  <dt>{arg.name}</dt>
                  <dd>
                    {arg.kind === "account" ? (
                      <AccountName address={arg.value} names={props.names} plain />
                    ) : arg.kind === "amount" ? (
                      `${formatSpin(BigInt(arg.value), locale)} SPIN`
                    ) : arg.kind === "subFund" ? (
                      fundName(arg.value)
                    ) : arg.kind === "time" ? (
                      formatDate(Number(arg.value), locale, true)
                    ) : arg.kind === "bps" ? (
                      formatBps(Number(arg.value), locale)
                    ) : arg.kind === "text" ? (
                      `“${arg.value}”`
                    ) : (
                      arg.value
                    )}
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </li>
      ))}
    </ol>
  );
}

/** For, Against and Abstain as one bar, with the quorum marked (For and Abstain count to it). */
export function VoteBar(props: {
  votes: { for: bigint; against: bigint; abstain: bigint };
  quorum?: bigint;
  i18n: ServerI18n;
}) {
  const { t } = props.i18n;
  const v = props.votes;
  const total = v.for + v.against + v.abstain;
  const scale = [total, props.quorum ?? 0n].reduce((a, b) => (a > b ? a : b), 1n);
  const w = (x: bigint) => Number((x * 1000n) / scale) / 10;
  const label = t("proposal.tally", {
    for: v.for.toString(),
    against: v.against.toString(),
    abstain: v.abstain.toString(),
  });
  const quorumText =
    props.quorum !== undefined
      ? t("proposal.quorum", {
          have: (v.for + v.abstain).toString(),
          need: props.quorum.toString(),
        })
      : t("proposal.quorumUnknown");
  return (
    <div className="votebar">
      <svg
        viewBox="0 0 100 6"
        preserveAspectRatio="none"
        role="img"
        aria-label={`${label}. ${quorumText}`}
      >
        <rect x="0" y="0" width="100" height="6" className="track" />
        <rect x="0" y="0" width={w(v.for)} height="6" className="for" />
        <rect x={w(v.for)} y="0" width={w(v.abstain)} height="6" className="abstain" />
        <rect x={w(v.for + v.abstain)} y="0" width={w(v.against)} height="6" className="against" />
        {props.quorum !== undefined && (
          <rect
            x={Math.min(99.5, w(props.quorum))}
            y="0"
            width="0.5"
            height="6"
            className="quorum"
          />
        )}
      </svg>
      <p className="small">
        <span className="dot for" aria-hidden="true" /> {t("proposal.for")} {v.for.toString()} ·{" "}
        <span className="dot against" aria-hidden="true" /> {t("proposal.against")}{" "}
        {v.against.toString()} · <span className="dot abstain" aria-hidden="true" />{" "}
        {t("proposal.abstain")} {v.abstain.toString()}
      </p>
      <p className="small muted">{quorumText}</p>
    </div>
  );
}

export function ProposalLink({ id, title }: { id: bigint; title: string }) {
  return <Link href={`/proposals/${id}`}>{title}</Link>;
}
