/** A proposal in a list: title linking to its page, state, proposer, what it does, the tally. */
import Link from "next/link";
import { AccountName } from "@/components/Account";
import { formatCountdown, formatSpin } from "@/lib/format";
import type { ServerI18n } from "@/lib/i18n";
import type { MessageKey } from "@/lib/i18n/en";
import type { Names } from "@/lib/names";
import { nameOf } from "@/lib/names";
import { ProposalState, type Proposal } from "@/lib/model";
import { VoteBar } from "./ProposalParts";

export function ProposalSummary(props: {
  proposal: Proposal;
  names: Names;
  now: number;
  i18n: ServerI18n;
  /** Sub-fund names, by id. */
  funds: ReadonlyMap<number, string>;
  level?: 2 | 3;
}) {
  const { proposal: p, names, i18n } = props;
  const { t, locale } = i18n;
  const Heading = props.level === 2 ? "h2" : "h3";
  const title = p.title || t("proposal.untitled", { id: p.id.toString().slice(0, 8) });
  const when =
    p.state === ProposalState.Pending
      ? formatCountdown(p.voteStart, props.now) &&
        t("proposal.startsIn", { time: formatCountdown(p.voteStart, props.now)! })
      : p.state === ProposalState.Active
        ? formatCountdown(p.voteEnd, props.now) &&
          t("proposal.endsIn", { time: formatCountdown(p.voteEnd, props.now)! })
        : p.state === ProposalState.Queued
          ? formatCountdown(p.eta, props.now)
            ? t("proposal.readyIn", { time: formatCountdown(p.eta, props.now)! })
            : t("proposal.ready")
          : null;
  return (
    <article className="card stack" data-testid={`proposal-${p.id}`}>
      <Heading>
        <Link href={`/proposals/${p.id}`}>{title}</Link>
      </Heading>
      <p className="small">
        <span className="state" data-testid="proposal-state">
          {p.state !== undefined
            ? t(`proposal.state.${p.state}` as MessageKey)
            : t("proposal.state.ended")}
        </span>
        {" · "}
        {t("proposal.by")} <AccountName t={t} address={p.proposer} names={names} plain />
        {when && <> · {when}</>}
      </p>
      <ul className="plain small">
        {p.actions.map((a, i) => (
          <li key={i}>
            {a.kind === "grant"
              ? t("proposal.grant", {
                  amount: formatSpin(a.amount, locale),
                  fund: props.funds.get(Number(a.subFund)) ?? `#${a.subFund}`,
                  to: nameOf(names, a.recipient) ?? a.recipient,
                  memo: a.memo,
                })
              : a.kind === "stream"
                ? t("proposal.streamShort", {
                    amount: formatSpin(a.amount, locale),
                    to: nameOf(names, a.recipient) ?? a.recipient,
                    memo: a.memo,
                  })
                : t("proposal.call", { fn: a.fn, contract: a.contract })}
          </li>
        ))}
      </ul>
      <VoteBar votes={p.votes} quorum={p.quorum} i18n={i18n} />
    </article>
  );
}
