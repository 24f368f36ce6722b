/** "Delegate to": a typed name or address, resolved to one admitted person, or why not. */
import { isAddress, type Address } from "viem";
import { Kind } from "./guards";
import { findByName, type Names } from "./names";

export type DelegateProblem = "empty" | "unknown" | "ambiguous" | "notPerson" | "self";

/** The delegate a typed text names: an address, or exactly one person's name. */
export function resolveDelegate(
  typed: string,
  names: Names,
  self: string,
): { address: Address } | { problem: DelegateProblem; options?: string[] } {
  const text = typed.trim();
  if (!text) return { problem: "empty" };
  if (isAddress(text)) {
    if (text.toLowerCase() === self.toLowerCase()) return { problem: "self" };
    const known = names[text.toLowerCase()];
    if (known && known.kind !== Kind.Person) return { problem: "notPerson" };
    return { address: text };
  }
  const matches = findByName(names, text);
  const persons = matches.filter((m) => m.entry.kind === Kind.Person);
  if (persons.length === 0) return { problem: matches.length ? "notPerson" : "unknown" };
  if (persons.length > 1)
    return { problem: "ambiguous", options: persons.map((m) => m.entry.name) };
  if (persons[0].address === self.toLowerCase()) return { problem: "self" };
  return { address: persons[0].address as Address };
}
