import { describe, expect, it } from "vitest";
import {
  countryToBytes2,
  formatBps,
  formatBytes,
  formatCountdown,
  formatDate,
  formatSpin,
  parseSpin,
  progress,
  shortAddress,
  shortHash,
} from "@/lib/format";

const SPIN = 10n ** 18n;

describe("formatSpin", () => {
  it("groups thousands and keeps two decimals in English", () => {
    expect(formatSpin(1_234_567n * SPIN + SPIN / 4n, "en")).toBe("1,234,567.25");
  });
  it("uses the French separators", () => {
    expect(formatSpin(1_500n * SPIN + SPIN / 2n, "fr")).toMatch(/^1\s500,5$/u);
  });
  it("drops trailing zeros and whole-number decimals", () => {
    expect(formatSpin(42n * SPIN, "en")).toBe("42");
    expect(formatSpin(SPIN / 10n, "en")).toBe("0.1");
  });
  it("truncates rather than rounds beyond the shown digits", () => {
    expect(formatSpin(SPIN - 1n, "en")).toBe("0.99");
  });
  it("keeps the sign of a negative amount", () => {
    expect(formatSpin(-3n * SPIN, "en")).toBe("-3");
  });
});

describe("short forms", () => {
  it("shortens an address to its ends", () => {
    expect(shortAddress("0x1234567890abcdef1234567890abcdef12345678")).toBe("0x1234…5678");
  });
  it("leaves short strings alone", () => {
    expect(shortAddress("0x12")).toBe("0x12");
  });
  it("shortens a hash", () => {
    expect(shortHash(`0x${"ab".repeat(32)}`)).toBe("0xabababab…abab");
  });
});

describe("formatBps", () => {
  it("turns basis points into a percentage", () => {
    expect(formatBps(2_500, "en")).toBe("25%");
    expect(formatBps(125, "en")).toBe("1.25%");
  });
});

describe("formatCountdown", () => {
  it("counts days and hours", () => {
    expect(formatCountdown(2 * 86_400 + 4 * 3_600 + 30, 0)).toBe("2 d 4 h");
  });
  it("counts hours and minutes, then minutes, then seconds", () => {
    expect(formatCountdown(3_600 + 300, 0)).toBe("1 h 5 min");
    expect(formatCountdown(90, 0)).toBe("1 min");
    expect(formatCountdown(1_000_005, 1_000_000)).toBe("5 s");
  });
  it("returns null once the deadline has passed", () => {
    expect(formatCountdown(10, 10)).toBeNull();
    expect(formatCountdown(10, 11)).toBeNull();
  });
});

describe("formatDate", () => {
  it("formats a unix timestamp in UTC", () => {
    expect(formatDate(0, "en")).toBe("Jan 1, 1970");
  });
});

describe("formatBytes", () => {
  it("picks a unit", () => {
    expect(formatBytes(999, "en")).toBe("999 B");
    expect(formatBytes(1_500, "en")).toBe("1.5 kB");
    expect(formatBytes(2_000_000, "en")).toBe("2 MB");
  });
});

describe("progress", () => {
  it("is the clamped ratio", () => {
    expect(progress(1n, 4n)).toBe(0.25);
    expect(progress(8n, 4n)).toBe(1);
  });
  it("is full when something is asked of nothing, empty otherwise", () => {
    expect(progress(0n, 0n)).toBe(0);
    expect(progress(1n, 0n)).toBe(1);
  });
});

describe("country codes", () => {
  it("encodes two letters as bytes2", () => {
    expect(countryToBytes2("fr")).toBe("0x4652");
  });
  it("refuses anything but two letters", () => {
    expect(() => countryToBytes2("FRA")).toThrow(RangeError);
  });
});

describe("parseSpin", () => {
  it("reads a typed amount into base units", () => {
    expect(parseSpin("12.5")).toBe(12_500_000_000_000_000_000n);
    expect(parseSpin(" 250 ")).toBe(250n * 10n ** 18n);
  });
  it("refuses zero, negatives, words and more decimals than SPIN has", () => {
    for (const text of ["", "0", "0.0", "-1", "1e3", "12,5", "ten", `1.${"1".repeat(19)}`])
      expect(parseSpin(text), text).toBeNull();
  });
});
