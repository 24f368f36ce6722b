"use client";
/** The pieces every write form shares: labelled fields, and a form that ends in a transaction. */
import type { FormEvent, ReactNode } from "react";
import { TxStatus } from "./TxStatus";
import type { TxState } from "@/hooks/useTransaction";

export function TextField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  name?: string;
  required?: boolean;
  /** An account or a hash: monospaced, spaces trimmed as typed. */
  address?: boolean;
  /** A decimal amount or coordinate: the phone's number keyboard. */
  decimal?: boolean;
  type?: "text" | "date";
  maxLength?: number;
}) {
  return (
    <label>
      {props.label}
      <input
        type={props.type ?? "text"}
        required={props.required}
        value={props.value}
        onChange={(e) => props.onChange(props.address ? e.target.value.trim() : e.target.value)}
        className={props.address ? "mono" : undefined}
        inputMode={props.decimal ? "decimal" : undefined}
        maxLength={props.maxLength}
        name={props.name}
      />
    </label>
  );
}

/** A form whose submit button starts a transaction: a stated problem, the button, its status. */
export function TxForm(props: {
  onSubmit: () => void;
  submitLabel: string;
  busy: boolean;
  tx: TxState;
  problem?: string | null;
  submitTestId?: string;
  formTestId?: string;
  children: ReactNode;
}) {
  return (
    <form
      className="stack"
      data-testid={props.formTestId}
      onSubmit={(e: FormEvent) => (e.preventDefault(), props.onSubmit())}
    >
      {props.children}
      {props.problem && (
        <p className="error" role="alert">
          {props.problem}
        </p>
      )}
      <button
        type="submit"
        className="primary"
        disabled={props.busy}
        data-testid={props.submitTestId}
      >
        {props.submitLabel}
      </button>
      <TxStatus state={props.tx} />
    </form>
  );
}
