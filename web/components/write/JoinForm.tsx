"use client";
/**
 * Joining: a real profile (name, kind, about; a place's location and machines), checked field by
 * field and stored as a content-addressed profile; the newcomer signs the application (it cannot
 * send transactions) and the API keeps it until a member relays it with a vouch. Then what
 * happens next: who can vouch, how many vouches, until when, and a link to share.
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import type { Address } from "viem";
import { useAccount, useSignTypedData } from "wagmi";
import { withWallet } from "@/components/wallet/Scope";
import { LinkToShare } from "@/components/write/LinkToShare";
import { ProfileChangeForm } from "@/components/write/ProfileChangeForm";
import { ProfileFields, profileRefusal } from "@/components/write/ProfileFields";
import { useParticipant, useRules } from "@/hooks/data";
import { useProfileForm } from "@/hooks/profile-form";
import { findInPages } from "@/lib/api/client";
import { browserApi } from "@/lib/api/browser";
import { shareLink, submitApplication } from "@/lib/apply";
import { formatDate } from "@/lib/format";
import { Status } from "@/lib/guards";
import { useT } from "@/lib/i18n/context";
import type { MessageKey } from "@/lib/i18n/en";
import type { Participant } from "@/lib/model";
import type { ProfileForm } from "@/lib/profile";
import { wantWallet } from "@/lib/wallet/state";

const EMPTY: ProfileForm = {
  name: "",
  kind: "Person",
  about: "",
  latitude: "",
  longitude: "",
  country: "",
  machines: "",
};

function JoinForm() {
  const { t, locale } = useT();
  const { signTypedDataAsync } = useSignTypedData();
  const { address, form, setForm, problems, step, refusal, submitWith } = useProfileForm(
    EMPTY,
    (error) => profileRefusal(error, { t, locale }),
  );
  const me = useParticipant(address);
  const pending = usePendingApplication(address);
  useEffect(() => wantWallet(false), []);
  if (!address)
    return (
      <div className="card stack">
        <p>{t("join.connectFirst")}</p>
        <p>
          <button type="button" className="primary" onClick={() => wantWallet(true)}>
            {t("wallet.connect")}
          </button>
        </p>
      </div>
    );
  const onChain = me.data?.application;
  const closed = onChain?.state === "rejected" || onChain?.state === "expired";
  const coolingUntil = closed ? (onChain?.mayApplyFrom ?? 0) : 0;
  if (me.data && closed && coolingUntil * 1000 > Date.now())
    return <WhatNext closedUntil={coolingUntil} />;
  if (me.data && !closed && (me.data.status !== Status.None || onChain))
    return <WhatNext participant={me.data} />;
  if (pending.data) return <WhatNext signedUntil={pending.data.deadline} />;

  const submit = submitWith(async (input, setStep) => {
    await submitApplication({
      ...input,
      sign: async (typedData) => {
        setStep("signing");
        const signature = await signTypedDataAsync({ ...typedData, account: input.applicant });
        setStep("sending");
        return signature;
      },
    });
    await pending.refetch();
  });

  return (
    <form
      className="stack card"
      onSubmit={(e) => void submit(e)}
      noValidate
      data-testid="join-form"
    >
      <ProfileFields form={form} onChange={setForm} problems={problems} idPrefix="join" />
      <p className="small muted">{t("join.stored")}</p>
      {step && (
        <p role="status" data-testid="join-step">
          {t(`join.step.${step}` as MessageKey)}
        </p>
      )}
      {refusal && (
        <p className="error" role="alert" data-testid="join-refused">
          {refusal}
        </p>
      )}
      <button type="submit" className="primary" disabled={step !== null} data-testid="apply">
        {t("members.applyButton")}
      </button>
    </form>
  );
}

/** The connected newcomer's signed application, while it waits in the API for a member. */
function usePendingApplication(account: Address | undefined) {
  return useQuery({
    queryKey: ["pendingApplication", account],
    enabled: Boolean(account),
    // Every waiting application, page by page (the inbox may hold more than one page).
    queryFn: () =>
      findInPages(
        (cursor) =>
          browserApi.GET("/applications", { params: { query: { limit: "100", cursor } } }),
        (a) => a.applicant.toLowerCase() === account!.toLowerCase(),
      ),
  });
}

function WhatNext({
  participant,
  signedUntil,
  closedUntil,
}: {
  participant?: Participant;
  signedUntil?: number;
  closedUntil?: number;
}) {
  const { t, locale } = useT();
  const { address } = useAccount();
  const rules = useRules();
  if (closedUntil !== undefined)
    return (
      <p className="card" data-testid="my-status">
        {t("join.closed", { date: formatDate(closedUntil, locale, true) })}
      </p>
    );
  const application = participant?.application;
  const state = application?.state;
  if (participant && participant.status !== Status.None && participant.status !== Status.Applicant)
    return (
      <p className="card" data-testid="my-status">
        {participant.status === Status.Admitted
          ? t("members.isMember")
          : `${t("wallet.status")}: ${t(`status.${participant.status}` as MessageKey)}`}
      </p>
    );
  const link = shareLink(window.location.origin, address!);
  const threshold = application?.threshold ?? rules.data?.vouchThreshold ?? 0;
  const seniorityDays = Math.ceil((rules.data?.voucherSenioritySeconds ?? 0) / 86_400);
  return (
    <section className="card stack" aria-labelledby="next-h" data-testid="what-next">
      <h2 id="next-h">{t("join.nextTitle")}</h2>
      <p data-testid="my-status">
        {signedUntil !== undefined
          ? t("join.signedWaiting", { date: formatDate(signedUntil, locale, true) })
          : state === "scheduled"
            ? t("join.scheduled", {
                date: formatDate(application!.admissibleAt ?? 0, locale, true),
              })
            : state === "admissible"
              ? t("join.admissible")
              : t("members.waiting")}
      </p>
      {(signedUntil !== undefined || state === "open") && (
        <ul>
          <li>{t("join.whoVouches", { days: seniorityDays })}</li>
          <li>{t("join.howMany", { n: threshold, have: application?.vouches ?? 0 })}</li>
          {application && (
            <li>{t("join.until", { date: formatDate(application.windowEnd, locale, true) })}</li>
          )}
          <li>{t("join.orGovernance")}</li>
        </ul>
      )}
      <p>{t("join.share")}</p>
      <LinkToShare link={link} label={t("join.shareLabel")} testId="share-link" />
      {(state === "open" || state === "scheduled" || state === "admissible") && (
        <ProfileChangeForm application={application!} />
      )}
    </section>
  );
}

export default withWallet(JoinForm);
