"use client";
/** Copies an address to the clipboard; hidden without JavaScript, where it could not work. */
import { useEffect, useState } from "react";
import { useT } from "@/lib/i18n/context";

export function CopyAddress({ address }: { address: string }) {
  const { t } = useT();
  const [ready, setReady] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setReady(typeof navigator !== "undefined" && Boolean(navigator.clipboard)), []);
  if (!ready) return null;
  return (
    <button
      type="button"
      className="copy"
      aria-label={t("common.copyAddress", { address })}
      title={copied ? t("common.copied") : t("common.copyAddress", { address })}
      onClick={() =>
        void navigator.clipboard.writeText(address).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
    >
      {copied ? "✓" : "⧉"}
    </button>
  );
}
