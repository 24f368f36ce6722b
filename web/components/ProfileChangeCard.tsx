/**
 * A signed profile change that an applicant shared as a link (`/members?change=…`): whose it is,
 * until when it may be submitted, how many vouches submitting it discards, and the member's
 * "Submit" island. A link that holds no valid change says so.
 */
import { AccountName } from "@/components/Account";
import { Island } from "@/components/wallet/Island";
import { formatDate } from "@/lib/format";
import type { ServerI18n } from "@/lib/i18n";
import { decodeProfileChange } from "@/lib/profile-change";
import { getParticipant } from "@/lib/server/api";

export async function ProfileChangeCard({ encoded, i18n }: { encoded: string; i18n: ServerI18n }) {
  const { t, locale } = i18n;
  const signed = decodeProfileChange(encoded);
  if (!signed)
    return (
      <section className="card" id="profile-change" aria-labelledby="profile-change-h">
        <h2 id="profile-change-h">{t("profileChange.title")}</h2>
        <p className="error" data-testid="profile-change-invalid">
          {t("profileChange.invalidLink")}
        </p>
      </section>
    );
  const { change } = signed;
  const applicant = await getParticipant(change.applicant);
  const vouches = applicant?.vouches ?? 0;
  return (
    <section
      className="card stack"
      id="profile-change"
      aria-labelledby="profile-change-h"
      data-testid="profile-change"
    >
      <h2 id="profile-change-h">{t("profileChange.title")}</h2>
      <p>
        {t("profileChange.signedBy")}{" "}
        <AccountName t={t} address={change.applicant} name={applicant?.name ?? undefined} />
      </p>
      <p className="small muted">
        {t("profileChange.until", { date: formatDate(change.deadline, locale, true) })}
      </p>
      <Island
        name="relayProfileChange"
        props={{ encoded, vouches }}
        fallback={<p className="muted">{t("profileChange.connect", { n: vouches })}</p>}
      />
    </section>
  );
}
