/**
 * The fund's streams, newest first, one page of the API's cursor: who receives what from which
 * sub-fund, over which period, what was claimed, and from when governance may sweep what a
 * recipient who cannot claim left behind. "Mark unclaimable" is the wallet's island.
 */
import { AccountName } from "@/components/Account";
import { PageLinks } from "@/components/PageLinks";
import { Island } from "@/components/wallet/Island";
import type { Schema } from "@/lib/api/client";
import { formatDate, formatSpin } from "@/lib/format";
import type { ServerI18n } from "@/lib/i18n";
import type { Names } from "@/lib/names";
import { nameOf } from "@/lib/names";
import type { SubFund } from "@/lib/model";

export function StreamList(props: {
  page: Schema<"StreamPage">;
  names: Names;
  funds: SubFund[];
  /** The link to the next page, or null on the last one. */
  next: string | null;
  /** The link to the first page when this is a later one. */
  first: string | null;
  i18n: ServerI18n;
}) {
  const { t, locale } = props.i18n;
  const fund = (id: number) => props.funds.find((f) => f.id === id)?.name ?? `#${id}`;
  return (
    <section aria-labelledby="streams-h">
      <h2 id="streams-h">{t("fund.streams")}</h2>
      {props.page.items.length === 0 ? (
        <p className="muted">{t("fund.noStreams")}</p>
      ) : (
        <ul className="plain stack" data-testid="fund-streams">
          {props.page.items.map((s) => {
            const amount = BigInt(s.amount);
            const claimed = BigInt(s.claimed);
            return (
              <li
                key={s.stream_id}
                className="card"
                id={`stream-${s.stream_id}`}
                data-testid={`stream-${s.stream_id}`}
              >
                <p>
                  {t("fund.streamLine", {
                    id: s.stream_id,
                    amount: formatSpin(amount, locale),
                    fund: fund(s.sub_fund),
                  })}{" "}
                  <AccountName t={t} address={s.recipient} names={props.names} plain />
                </p>
                <p className="small muted">
                  {t("fund.streamPeriod", {
                    start: formatDate(s.start_time, locale),
                    end: formatDate(s.end_time, locale),
                    claimed: formatSpin(claimed, locale),
                  })}
                  {s.cancelled && <> · {t("fund.streamEnded")}</>}
                  {s.memo && <> · {s.memo}</>}
                </p>
                {amount > claimed && (
                  <Island
                    name="markUnclaimable"
                    props={{
                      target: { kind: "stream", streamId: BigInt(s.stream_id) },
                      name: nameOf(props.names, s.recipient) ?? s.recipient,
                    }}
                    fallback={
                      s.sweepable_at !== null && (
                        <p className="small">
                          {t("unclaimable.marked", {
                            date: formatDate(s.sweepable_at, locale, true),
                          })}
                        </p>
                      )
                    }
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
      <PageLinks
        first={props.first}
        next={props.next}
        firstText={t("common.firstPage")}
        nextText={t("fund.moreStreams")}
        label={t("fund.streams")}
      />
    </section>
  );
}
