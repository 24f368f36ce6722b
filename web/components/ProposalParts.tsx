/** Pieces of a proposal shown on the server: its calls in words, the vote bar with quorum. */
import { AccountName } from "@/components/Account";
import type { Schema } from "@/lib/api/client";
import { argKind, argText } from "@/lib/calls";
import { formatBps, formatDate, formatSpin } from "@/lib/format";
import type { ServerI18n } from "@/lib/i18n";
import type { SubFund } from "@/lib/model";

/** The API's decoded calls: each argument named, typed, and accounts labelled by name. */
export function CallList(props: {
  calls: readonly Schema<"DecodedCall">[];
  funds: SubFund[];
  i18n: ServerI18n;
}) {
  const { t, locale } = props.i18n;
  const fundName = (id: string) => props.funds.find((f) => String(f.id) === id)?.name ?? `#${id}`;
  return (
    <ol className="calls" data-testid="calls">
      {props.calls.map((call, i) => {
        const fn = call.function ?? call.calldata.slice(0, 10);
        return (
          <li key={i} className="call">
            <p>
              <strong>
                {call.contract
                  ? t("proposal.callOn", { fn, contract: call.contract })
                  : t("proposal.callRaw", { fn })}
              </strong>
              {!call.contract && (
                <>
                  {" "}
                  <AccountName
                    t={t}
                    address={call.target}
                    name={call.targetName ?? undefined}
                    plain
                  />
                </>
              )}
            </p>
            {call.signature === null ? (
              <p className="muted small">{t("proposal.undecoded")}</p>
            ) : (
              <dl className="facts small">
                {call.args.map((arg) => {
                  const value = argText(arg.value);
                  const kind = argKind(arg.name, arg.type, call.contract);
                  return (
                    <div key={arg.name} className="fact">
                      <dt>{arg.name.replace(/_$/, "")}</dt>
                      <dd>
                        {kind === "account" ? (
                          <AccountName t={t} address={value} name={arg.label ?? undefined} plain />
                        ) : kind === "amount" ? (
                          `${formatSpin(BigInt(value), locale)} SPIN`
                        ) : kind === "subFund" ? (
                          fundName(value)
                        ) : kind === "time" ? (
                          formatDate(Number(value), locale, true)
                        ) : kind === "bps" ? (
                          formatBps(Number(value), locale)
                        ) : kind === "text" ? (
                          `“${value}”`
                        ) : (
                          value
                        )}
                      </dd>
                    </div>
                  );
                })}
              </dl>
            )}
          </li>
        );
      })}
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
