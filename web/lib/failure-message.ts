/** The sentence a person reads for a failed transaction, in their language. */
import type { Failure } from "./errors";
import type { MessageKey } from "./i18n/en";
import type { Values } from "./i18n";

export type Translate = (key: MessageKey, values?: Values) => string;
export type TranslateDynamic = (key: string, fallback: MessageKey, values?: Values) => string;

function argText(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return String(value);
  }
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

/** The reason, without the "it did not go through" frame; null for a calm rejection. */
export function reasonOf(failure: Failure, t: Translate, tx: TranslateDynamic): string | null {
  switch (failure.kind) {
    case "rejected":
      return null;
    case "unauthorized":
      return t("tx.unauthorized");
    case "network":
      return t("tx.network", { message: failure.message });
    case "reverted":
      return t(failure.outOfGas ? "tx.outOfGas" : "tx.minedReverted");
    case "unknown":
      return failure.message;
    case "contract": {
      const values: Values = { name: failure.name };
      failure.args.forEach((arg, index) => (values[String(index)] = argText(arg)));
      return tx(`err.${failure.name}`, "err.generic", values);
    }
  }
}

/** The full sentence shown under a form. */
export function failureMessage(failure: Failure, t: Translate, tx: TranslateDynamic): string {
  const reason = reasonOf(failure, t, tx);
  return reason === null ? t("tx.rejected") : t("tx.failed", { reason });
}
