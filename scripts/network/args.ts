import { getAddress, isAddress, type Address } from "viem";

/** A required flag, or exit with the usage. */
export function required(value: string | undefined, flag: string, usage: string): string {
  if (value !== undefined && value !== "") return value;
  process.stderr.write(`missing ${flag}\n\n${usage}`);
  process.exit(2);
}

export function addressFlag(value: string, flag: string): Address {
  if (!isAddress(value, { strict: false }))
    throw new Error(`${flag} must be an address, got "${value}"`);
  return getAddress(value);
}

export function positiveInteger(value: string, flag: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed <= 0) {
    throw new Error(`${flag} must be a positive integer, got "${value}"`);
  }
  return parsed;
}
