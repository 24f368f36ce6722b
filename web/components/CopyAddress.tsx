"use client";
/**
 * Copies an address to the clipboard. Rendered hidden: shown where the clipboard can be written
 * (by this component once it runs, or by the light pages' script, which reads the same `data-`
 * attributes), so a page without JavaScript offers no button that cannot work.
 */
import { useEffect, useState } from "react";

/** `label` names the button ("Copy the address 0x…"), `copied` says it worked. */
export function CopyAddress(props: { address: string; label: string; copied: string }) {
  const { address } = props;
  const [ready, setReady] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setReady(typeof navigator !== "undefined" && Boolean(navigator.clipboard)), []);
  return (
    <button
      type="button"
      className="copy"
      hidden={!ready}
      aria-label={props.label}
      title={copied ? props.copied : props.label}
      data-copy={address}
      data-copied={props.copied}
      data-done={copied ? "" : undefined}
      onClick={() =>
        void navigator.clipboard.writeText(address).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
    >
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
        <path
          className="done-icon"
          d="M3 8.5l3 3 7-7"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        />
        <g className="copy-icon" fill="none" stroke="currentColor" strokeWidth="1.5">
          <rect x="5" y="5" width="9" height="9" rx="1.5" />
          <path d="M3 11V3.5A1.5 1.5 0 0 1 4.5 2H11" />
        </g>
      </svg>
    </button>
  );
}
