"use client";
/**
 * Joining: a real profile (name, kind, about; a place's location and machines), checked field by
 * field, stored as a content-addressed profile with the application. Then what happens next:
 * who can vouch, how many vouches, until when, and a link to share.
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useAccount } from "wagmi";
import { TxStatus } from "@/components/TxStatus";
import { withWallet } from "@/components/wallet/Scope";
import { useParticipant } from "@/hooks/data";
import { useTransaction } from "@/hooks/useTransaction";
import { apiGet } from "@/lib/api";
import { applicationRequest, shareLink } from "@/lib/apply";
import { useContracts } from "@/lib/contracts";
import { formatDate } from "@/lib/format";
import { Status } from "@/lib/guards";
import { useT } from "@/lib/i18n/context";
import type { MessageKey } from "@/lib/i18n/en";
import {
  PROFILE_KINDS,
  PROFILE_LIMITS,
  validateProfile,
  type ProfileForm,
  type ProfileProblem,
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
  const { t } = useT();
  const contracts = useContracts();
  const { address } = useAccount();
  const me = useParticipant(address);
  const tx = useTransaction();
  const [form, setForm] = useState<ProfileForm>(EMPTY);
  const [problems, setProblems] = useState<Partial<Record<keyof ProfileForm, ProfileProblem>>>({});
  useEffect(() => wantWallet(false), []);
  const set = (key: keyof ProfileForm) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  const problem = (key: keyof ProfileForm) =>
    problems[key]
      ? t(`join.problem.${problems[key]}` as MessageKey, {
          max: key === "name" ? PROFILE_LIMITS.name : PROFILE_LIMITS.about,
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
  if (me.data && me.data.status !== Status.None)
    return (
      <WhatNext status={me.data.status} windowEnd={me.data.windowEnd} vouches={me.data.vouches} />
    );

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const checked = validateProfile(form);
    if ("problems" in checked) return setProblems(checked.problems);
    setProblems({});
    void tx.run(applicationRequest(contracts, checked.profile));
  }

  return (
    <form className="stack card" onSubmit={submit} noValidate data-testid="join-form">
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
      <button type="submit" className="primary" disabled={tx.busy} data-testid="apply">
        {t("members.applyButton")}
      </button>
      <TxStatus state={tx.state} />
    </form>
  );
}

function WhatNext({
  status,
  windowEnd,
  vouches,
}: {
  status: number;
  windowEnd: number;
  vouches: number;
}) {
  const { t, locale } = useT();
  const { address } = useAccount();
  const rules = useQuery({
    queryKey: ["rules"],
    queryFn: () =>
      apiGet<{ vouchThreshold: number; vouchWindowSeconds: number }>("/registry/rules"),
  });
  const [copied, setCopied] = useState(false);
  if (status !== Status.Applicant)
    return (
      <p className="card" data-testid="my-status">
        {status === Status.Admitted
          ? t("members.isMember")
          : `${t("wallet.status")}: ${t(`status.${status}` as MessageKey)}`}
      </p>
    );
  const link = shareLink(window.location.origin, address!);
  return (
    <section className="card stack" aria-labelledby="next-h" data-testid="what-next">
      <h2 id="next-h">{t("join.nextTitle")}</h2>
      <p data-testid="my-status">{t("members.waiting")}</p>
      <ul>
        <li>{t("join.whoVouches")}</li>
        <li>{t("join.howMany", { n: rules.data?.vouchThreshold ?? 0, have: vouches })}</li>
        <li>{t("join.until", { date: formatDate(windowEnd, locale, true) })}</li>
        <li>{t("join.orGovernance")}</li>
      </ul>
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
