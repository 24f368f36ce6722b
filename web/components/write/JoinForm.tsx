"use client";
/**
 * Joining: a real profile (name, kind, about; a place's location and machines), checked field by
 * field and stored as a content-addressed profile; the newcomer signs the application (it cannot
 * send transactions) and the API keeps it until a member relays it with a vouch. Then what
 * happens next: who can vouch, how many vouches, until when, and a link to share.
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { Address } from "viem";
import { getBlock, readContract } from "viem/actions";
import { useAccount, useClient, useSignTypedData } from "wagmi";
import { withWallet } from "@/components/wallet/Scope";
import { useParticipant, useRules } from "@/hooks/data";
import { ApiError, findInPages } from "@/lib/api/client";
import { browserApi } from "@/lib/api/browser";
import { shareLink, submitApplication } from "@/lib/apply";
import { useContracts } from "@/lib/contracts";
import { decodeFailure } from "@/lib/errors";
import { formatBytes, formatDate } from "@/lib/format";
import { Status } from "@/lib/guards";
import { useSpin } from "@/lib/spin";
import { useT } from "@/lib/i18n/context";
import { en, type MessageKey } from "@/lib/i18n/en";
import type { Participant } from "@/lib/model";
import {
  PROFILE_KINDS,
  PROFILE_LIMITS,
  validateProfile,
  type ProfileForm,
  type ProfileProblems,
} from "@/lib/profile";
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

function Field(props: {
  name: keyof ProfileForm;
  label: string;
  hint?: string;
  problem?: string;
  children: (attrs: {
    id: string;
    "aria-invalid"?: true;
    "aria-describedby"?: string;
  }) => React.ReactNode;
}) {
  const id = `join-${props.name}`;
  const described = [props.hint && `${id}-hint`, props.problem && `${id}-problem`]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children({
        id,
        ...(props.problem ? { "aria-invalid": true } : {}),
        ...(described ? { "aria-describedby": described } : {}),
      })}
      {props.hint && (
        <p id={`${id}-hint`} className="small muted">
          {props.hint}
        </p>
      )}
      {props.problem && (
        <p id={`${id}-problem`} className="error small">
          {props.problem}
        </p>
      )}
    </div>
  );
}

function JoinForm() {
  const { t, locale } = useT();
  const contracts = useContracts();
  const { config } = useSpin();
  const client = useClient();
  const { address } = useAccount();
  const { signTypedDataAsync } = useSignTypedData();
  const me = useParticipant(address);
  const pending = usePendingApplication(address);
  const [form, setForm] = useState<ProfileForm>(EMPTY);
  const [problems, setProblems] = useState<ProfileProblems>({});
  const [step, setStep] = useState<"storing" | "signing" | "sending" | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  useEffect(() => wantWallet(false), []);
  const set = (key: keyof ProfileForm) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  const problem = (key: keyof ProfileForm) =>
    problems[key]
      ? t(`join.problem.${problems[key]}` as MessageKey, {
          max: key === "name" ? PROFILE_LIMITS.name : PROFILE_LIMITS.about,
          limit: PROFILE_LIMITS.machines,
        })
      : undefined;

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

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const checked = validateProfile(form);
    if ("problems" in checked) return setProblems(checked.problems);
    if (!address || !client) return;
    setProblems({});
    setRefusal(null);
    setStep("storing");
    try {
      const [nonce, block] = await Promise.all([
        readContract(client, {
          ...contracts.admissions,
          functionName: "nonces",
          args: [address],
        }),
        getBlock(client),
      ]);
      await submitApplication({
        applicant: address,
        profile: checked.profile,
        chainId: config.chainId,
        admissions: contracts.admissions.address,
        nonce,
        now: block.timestamp,
        sign: async (typedData) => {
          setStep("signing");
          const signature = await signTypedDataAsync({ ...typedData, account: address });
          setStep("sending");
          return signature;
        },
      });
      await pending.refetch();
    } catch (error) {
      setRefusal(refusalOf(error));
    } finally {
      setStep(null);
    }
  }

  /**
   * A refusal in words: the profile store's or the inbox's (a 400 names the field, 409 says
   * why the application cannot be taken, 413 and 429 their limits), or a declined signature.
   */
  function refusalOf(error: unknown): string {
    const message = error instanceof Error ? error.message : String(error);
    if (!(error instanceof ApiError)) {
      if (decodeFailure(error).kind === "rejected") return t("join.declined");
      return t("join.profileRefused", { message });
    }
    if (error.status === 413)
      return t("join.profileTooLarge", { limit: formatBytes(error.limit ?? 0, locale) });
    if (error.status === 429) return t("join.profileBusy");
    const known = `join.refused.${error.code}`;
    if (known in en) return t(known as MessageKey);
    return t("join.profileRefused", { message });
  }

  return (
    <form
      className="stack card"
      onSubmit={(e) => void submit(e)}
      noValidate
      data-testid="join-form"
    >
      <Field name="name" label={t("join.name")} problem={problem("name")}>
        {(a) => (
          <input
            {...a}
            name="name"
            value={form.name}
            onChange={set("name")}
            maxLength={PROFILE_LIMITS.name}
            autoComplete="name"
            required
          />
        )}
      </Field>
      <Field
        name="kind"
        label={t("members.kind")}
        hint={t(`join.kindHint.${form.kind}` as MessageKey)}
      >
        {(a) => (
          <select {...a} name="kind" value={form.kind} onChange={set("kind")}>
            {PROFILE_KINDS.map((k, i) => (
              <option key={k} value={k}>
                {t(`kind.${i + 1}` as MessageKey)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        name="about"
        label={t("join.about")}
        hint={t("join.aboutHint")}
        problem={problem("about")}
      >
        {(a) => (
          <textarea
            {...a}
            name="about"
            value={form.about}
            onChange={set("about")}
            maxLength={PROFILE_LIMITS.about}
            required
          />
        )}
      </Field>
      {form.kind === "Place" && (
        <fieldset className="stack">
          <legend>{t("join.placeDetails")}</legend>
          <div className="row">
            <Field name="latitude" label={t("members.latitude")} problem={problem("latitude")}>
              {(a) => (
                <input
                  {...a}
                  name="latitude"
                  inputMode="decimal"
                  value={form.latitude}
                  onChange={set("latitude")}
                />
              )}
            </Field>
            <Field name="longitude" label={t("members.longitude")} problem={problem("longitude")}>
              {(a) => (
                <input
                  {...a}
                  name="longitude"
                  inputMode="decimal"
                  value={form.longitude}
                  onChange={set("longitude")}
                />
              )}
            </Field>
            <Field name="country" label={t("members.country")} problem={problem("country")}>
              {(a) => (
                <input
                  {...a}
                  name="country"
                  maxLength={2}
                  value={form.country}
                  onChange={set("country")}
                  autoComplete="country"
                />
              )}
            </Field>
          </div>
          <Field
            name="machines"
            label={t("members.machines")}
            hint={t("join.machinesHint")}
            problem={problem("machines")}
          >
            {(a) => (
              <textarea {...a} name="machines" value={form.machines} onChange={set("machines")} />
            )}
          </Field>
        </fieldset>
      )}
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
  const [copied, setCopied] = useState(false);
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
      <p className="row">
        <input
          readOnly
          value={link}
          aria-label={t("join.shareLabel")}
          className="mono"
          data-testid="share-link"
        />
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard?.writeText(link).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? t("common.copied") : t("join.copyLink")}
        </button>
      </p>
    </section>
  );
}

export default withWallet(JoinForm);
