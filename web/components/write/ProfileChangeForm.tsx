"use client";
/**
 * Changing a pending application's profile. The applicant cannot send transactions and the API's
 * inbox keeps applications only, so the form stores the new profile, has the wallet sign the
 * profile change (`updateApplicationBySig`) and gives a link for a member to submit it. Changing
 * the profile restarts the application: the vouches collected so far are discarded (the form says
 * so first), because vouchers vouched for the profile they read.
 */
import { profileFromDataUri, type ProfileDocument } from "@spin/shared";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useSignTypedData } from "wagmi";
import { LinkToShare } from "@/components/write/LinkToShare";
import { useProfileForm } from "@/hooks/profile-form";
import { ProfileFields, profileRefusal } from "@/components/write/ProfileFields";
import { orNull, type Schema } from "@/lib/api/client";
import { browserApi } from "@/lib/api/browser";
import { decodeFailure } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { useT } from "@/lib/i18n/context";
import type { MessageKey } from "@/lib/i18n/en";
import { PROFILE_KINDS, type ProfileForm } from "@/lib/profile";
import { profileChangeLink, signProfileChange, type SignedChange } from "@/lib/profile-change";

/** The form's fields filled from a profile document. */
export function formOf(doc: ProfileDocument): ProfileForm {
  return {
    name: doc.name,
    kind: doc.kind,
    about: doc.about ?? "",
    latitude: doc.location ? String(doc.location.latitude) : "",
    longitude: doc.location ? String(doc.location.longitude) : "",
    country: doc.location?.country ?? "",
    machines: (doc.machines ?? []).join("\n"),
  };
}

/** The application's current profile document: in its `data:` URI, or stored by the API. */
function useCurrentProfile(application: Schema<"Application">) {
  return useQuery({
    queryKey: ["profile", application?.profileHash],
    enabled: Boolean(application),
    queryFn: async (): Promise<ProfileDocument | null> => {
      const inline = profileFromDataUri(application!.profileURI);
      if (inline) return inline;
      const stored = await orNull(
        browserApi.GET("/profiles/{profileHash}", {
          params: { path: { profileHash: application!.profileHash } },
        }),
      );
      return (stored as ProfileDocument | null) ?? null;
    },
  });
}

export function ProfileChangeForm({ application }: { application: Schema<"Application"> }) {
  const { t } = useT();
  const current = useCurrentProfile(application);
  if (!application) return null;
  const kind = PROFILE_KINDS[application.kind - 1] ?? "Person";
  return (
    <details className="card stack" data-testid="profile-change-form">
      <summary>{t("profileChange.open")}</summary>
      <p className="warn" data-testid="profile-change-warning">
        {t("profileChange.discards", { n: application.vouches })}
      </p>
      {current.isPending ? (
        <p className="muted">{t("common.loading")}</p>
      ) : (
        <ChangeForm
          initial={
            current.data
              ? { ...formOf(current.data), kind }
              : {
                  name: "",
                  kind,
                  about: "",
                  latitude: "",
                  longitude: "",
                  country: "",
                  machines: "",
                }
          }
        />
      )}
    </details>
  );
}

function ChangeForm({ initial }: { initial: ProfileForm }) {
  const { t, locale } = useT();
  const { signTypedDataAsync } = useSignTypedData();
  const [signed, setSigned] = useState<SignedChange | null>(null);
  const { form, setForm, problems, step, refusal, submitWith } = useProfileForm(initial, (error) =>
    decodeFailure(error).kind === "rejected"
      ? t("profileChange.declined")
      : profileRefusal(error, { t, locale }),
  );
  const submit = submitWith(async (input, setStep) => {
    const result = await signProfileChange({
      ...input,
      sign: (typedData) => {
        setStep("signing");
        return signTypedDataAsync({ ...typedData, account: input.applicant });
      },
    });
    setSigned(result);
  });

  if (signed) {
    const link = profileChangeLink(window.location.origin, signed);
    return (
      <div className="stack" data-testid="profile-change-signed">
        <p>
          {t("profileChange.signed", {
            date: formatDate(signed.change.deadline, locale, true),
          })}
        </p>
        <LinkToShare
          link={link}
          label={t("profileChange.linkLabel")}
          testId="profile-change-link"
        />
      </div>
    );
  }
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
      <ProfileFields
        form={form}
        onChange={setForm}
        problems={problems}
        kindLocked
        idPrefix="change"
      />
      {step && <p role="status">{t(`profileChange.step.${step}` as MessageKey)}</p>}
      {refusal && (
        <p className="error" role="alert" data-testid="profile-change-error">
          {refusal}
        </p>
      )}
      <button type="submit" disabled={step !== null} data-testid="sign-profile-change">
        {t("profileChange.sign")}
      </button>
    </form>
  );
}
