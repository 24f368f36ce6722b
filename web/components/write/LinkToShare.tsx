"use client";
/** A link for the reader to pass on: shown in full (to select by hand) with a copy button. */
import { useState } from "react";
import { useT } from "@/lib/i18n/context";

export function LinkToShare(props: { link: string; label: string; testId: string }) {
  const { t } = useT();
  const [copied, setCopied] = useState(false);
  return (
    <p className="row">
      <input
        readOnly
        value={props.link}
        aria-label={props.label}
        className="mono"
        data-testid={props.testId}
      />
      <button
        type="button"
        onClick={() =>
          void navigator.clipboard?.writeText(props.link).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? t("common.copied") : t("join.copyLink")}
      </button>
    </p>
  );
}
