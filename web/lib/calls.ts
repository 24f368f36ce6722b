/**
 * How a decoded call's argument is shown: the API names and types every argument (and labels
 * accounts); the page only picks a presentation: an account by name, an amount in SPIN, a
 * sub-fund by name, a time as a date, basis points as a percentage.
 */
export type ArgKind =
  | "account"
  | "amount"
  | "subFund"
  | "time"
  | "bps"
  | "text"
  | "number"
  | "other";

/** The presentation of an argument named `name` of ABI type `type` in a call to `contract`. */
export function argKind(name: string, type: string, contract: string | null): ArgKind {
  const bare = name.replace(/_$/, "");
  if (type === "address") return "account";
  if (type === "string") return "text";
  if (/^uint/.test(type)) {
    if (bare === "subFund") return "subFund";
    if (/bps/i.test(bare)) return "bps";
    if (/^(start|end|lockedUntil|deadline|expiry)$/.test(bare)) return "time";
    if (/^(amount|value|fee|price)$/i.test(bare) && contract !== "LicenceTemplates")
      return "amount";
    return "number";
  }
  return "other";
}

/** An argument's value as text (the API sends uints as decimal strings, tuples as JSON). */
export function argText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value) ?? "";
}
