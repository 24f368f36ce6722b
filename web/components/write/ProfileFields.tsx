"use client";
/**
 * A profile's fields (name, kind, about; a place's location and machines) with their hints and
 * problems, for joining and for changing a pending application's profile; and the profile
 * store's refusals in words.
 */
import { ApiError } from "@/lib/api/client";
import { decodeFailure } from "@/lib/errors";
import { formatBytes } from "@/lib/format";
import { en, type MessageKey } from "@/lib/i18n/en";
import { useT, type I18n } from "@/lib/i18n/context";
import {
  PROFILE_KINDS,
  PROFILE_LIMITS,
  type ProfileForm,
  type ProfileProblems,
} from "@/lib/profile";

function Field(props: {
  prefix: string;
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
  const id = `${props.prefix}-${props.name}`;
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

export function ProfileFields(props: {
  form: ProfileForm;
  onChange: (form: ProfileForm) => void;
  problems: ProfileProblems;
  /** The kind cannot change (an application keeps the kind it was made with). */
  kindLocked?: boolean;
  /** Prefix of the fields' ids, unique on the page. */
  idPrefix: string;
}) {
  const { t } = useT();
  const { form, problems } = props;
  const set = (key: keyof ProfileForm) => (e: { target: { value: string } }) =>
    props.onChange({ ...form, [key]: e.target.value });
  const problem = (key: keyof ProfileForm) =>
    problems[key]
      ? t(`join.problem.${problems[key]}` as MessageKey, {
          max: key === "name" ? PROFILE_LIMITS.name : PROFILE_LIMITS.about,
          limit: PROFILE_LIMITS.machines,
        })
      : undefined;
  return (
    <>
      <Field prefix={props.idPrefix} name="name" label={t("join.name")} problem={problem("name")}>
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
        prefix={props.idPrefix}
        name="kind"
        label={t("members.kind")}
        hint={t(`join.kindHint.${form.kind}` as MessageKey)}
      >
        {(a) => (
          <select
            {...a}
            name="kind"
            value={form.kind}
            onChange={set("kind")}
            disabled={props.kindLocked}
          >
            {PROFILE_KINDS.map((k, i) => (
              <option key={k} value={k}>
                {t(`kind.${i + 1}` as MessageKey)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        prefix={props.idPrefix}
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
            <Field
              prefix={props.idPrefix}
              name="latitude"
              label={t("members.latitude")}
              problem={problem("latitude")}
            >
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
            <Field
              prefix={props.idPrefix}
              name="longitude"
              label={t("members.longitude")}
              problem={problem("longitude")}
            >
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
            <Field
              prefix={props.idPrefix}
              name="country"
              label={t("members.country")}
              problem={problem("country")}
            >
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
            prefix={props.idPrefix}
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
    </>
  );
}

/**
 * A refusal in words: the profile store's or the inbox's (a 400 names the field, 409 says why
 * the application cannot be taken, 413 and 429 their limits), or a declined signature.
 */
export function profileRefusal(error: unknown, { t, locale }: Pick<I18n, "t" | "locale">): string {
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
