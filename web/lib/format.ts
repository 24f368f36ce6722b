/** Formatting helpers: amounts, addresses, shares, dates and countdowns, in the reader's locale. */
import { formatUnits, parseUnits } from "viem";

export const SPIN_DECIMALS = 18;

/** An amount of SPIN in base units, with at most `digits` decimals, grouped for `locale`. */
export function formatSpin(amount: bigint, locale = "en", digits = 2): string {
  const text = formatUnits(amount, SPIN_DECIMALS);
  const [whole, fraction = ""] = text.split(".");
  const negative = whole.startsWith("-");
  const grouped = new Intl.NumberFormat(locale).format(BigInt(negative ? whole.slice(1) : whole));
  const kept = fraction.slice(0, digits).replace(/0+$/, "");
  const decimal = new Intl.NumberFormat(locale)
    .formatToParts(1.5)
    .find((p) => p.type === "decimal");
  const separator = decimal?.value ?? ".";
  return `${negative ? "-" : ""}${grouped}${kept ? `${separator}${kept}` : ""}`;
}

/** A typed amount of SPIN ("12.5") in base units, or null when it is not a positive number. */
export function parseSpin(text: string): bigint | null {
  const trimmed = text.trim();
  // At most SPIN's 18 decimals: parseUnits would round more away without a word.
  if (!/^\d+(\.\d{1,18})?$/.test(trimmed)) return null;
  const value = parseUnits(trimmed, SPIN_DECIMALS);
  return value > 0n ? value : null;
}

/** 0x1234…abcd */
export function shortAddress(address: string): string {
  return address.length <= 12 ? address : `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/** 0xabcdef12…3456 for a 32-byte hash. */
export function shortHash(hash: string): string {
  return hash.length <= 14 ? hash : `${hash.slice(0, 10)}…${hash.slice(-4)}`;
}

/** Basis points as a percentage: 2500 -> "25 %" (in the reader's locale). */
export function formatBps(bps: number, locale = "en"): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(
    bps / 10_000,
  );
}

/** A unix timestamp (seconds) as a date, or a date and time. */
export function formatDate(seconds: number | bigint, locale = "en", withTime = false): string {
  const date = new Date(Number(seconds) * 1000);
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    ...(withTime ? { timeStyle: "short" } : {}),
    timeZone: "UTC",
  }).format(date);
}

/** The time left until `deadline` (seconds) from `now`, e.g. "2 d 4 h", "5 min", or null if past. */
export function formatCountdown(deadline: number, now: number): string | null {
  let left = Math.floor(deadline - now);
  if (left <= 0) return null;
  const days = Math.floor(left / 86_400);
  left -= days * 86_400;
  const hours = Math.floor(left / 3_600);
  left -= hours * 3_600;
  const minutes = Math.floor(left / 60);
  const seconds = left - minutes * 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  if (minutes > 0) return `${minutes} min`;
  return `${seconds} s`;
}

/** Bytes in B, kB or MB. */
export function formatBytes(bytes: number, locale = "en"): string {
  const units = ["B", "kB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** A fraction for a progress bar, clamped to [0, 1]. */
export function progress(part: bigint, whole: bigint): number {
  if (whole <= 0n) return part > 0n ? 1 : 0;
  const ratio = Number((part * 10_000n) / whole) / 10_000;
  return Math.min(1, Math.max(0, ratio));
}

/** "FR" -> 0x4652 for a bytes2 argument. */
export function countryToBytes2(code: string): `0x${string}` {
  const upper = code.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper)) throw new RangeError(`not a two-letter country code: ${code}`);
  const hex = [...upper].map((c) => c.charCodeAt(0).toString(16).padStart(2, "0")).join("");
  return `0x${hex}`;
}
