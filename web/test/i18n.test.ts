import { describe, expect, it } from "vitest";
import { catalogues, negotiateLocale, translate } from "@/lib/i18n";
import { en } from "@/lib/i18n/en";
import { formatMessage, placeholdersOf } from "@/lib/i18n/message";

describe("catalogues", () => {
  it("give French and Spanish every English key, none empty", () => {
    for (const locale of ["fr", "es"] as const) {
      expect(Object.keys(catalogues[locale]).sort()).toEqual(Object.keys(en).sort());
      for (const value of Object.values(catalogues[locale])) expect(value.trim()).not.toBe("");
    }
  });
  it("keep the same placeholders in every language", () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholdersOf(catalogues.fr[key]), key).toEqual(placeholdersOf(en[key]));
      expect(placeholdersOf(catalogues.es[key]), key).toEqual(placeholdersOf(en[key]));
    }
  });
  it("close every brace they open", () => {
    for (const locale of ["en", "fr", "es"] as const)
      for (const [key, value] of Object.entries(catalogues[locale])) {
        let depth = 0;
        for (const c of value) {
          depth += c === "{" ? 1 : c === "}" ? -1 : 0;
          expect(depth, `${locale} ${key}`).toBeGreaterThanOrEqual(0);
        }
        expect(depth, `${locale} ${key}`).toBe(0);
      }
  });
});

describe("negotiateLocale", () => {
  it("follows the browser's preference order and weights", () => {
    expect(negotiateLocale("fr-CA,fr;q=0.9,en;q=0.8")).toBe("fr");
    expect(negotiateLocale("de-DE,es;q=0.7,en;q=0.5")).toBe("es");
    expect(negotiateLocale("en;q=0.2,es;q=0.9")).toBe("es");
  });
  it("falls back to English", () => {
    expect(negotiateLocale(null)).toBe("en");
    expect(negotiateLocale("de,ja")).toBe("en");
    expect(negotiateLocale("fr;q=0")).toBe("en");
  });
});

describe("formatMessage (ICU plural and select)", () => {
  const works = "{n, plural, =0 {no work} one {# work} other {# works}}";
  it("uses each language's plural rules", () => {
    expect(formatMessage(works, { n: 0 }, "en")).toBe("no work");
    expect(formatMessage(works, { n: 1 }, "en")).toBe("1 work");
    expect(formatMessage(works, { n: 2 }, "en")).toBe("2 works");
    // French counts 0 and 1 as "one"; English counts 0 as "other".
    const fr = "{n, plural, one {# œuvre} other {# œuvres}}";
    expect(formatMessage(fr, { n: 0 }, "fr")).toBe("0 œuvre");
    expect(formatMessage(fr, { n: 1 }, "fr")).toBe("1 œuvre");
    expect(formatMessage("{n, plural, one {# obra} other {# obras}}", { n: 0 }, "es")).toBe(
      "0 obras",
    );
  });
  it("formats the number for the locale and fills nested values", () => {
    expect(
      formatMessage("{n, plural, other {# votes by {who}}}", { n: 1234, who: "Amara" }, "fr"),
    ).toBe("1\u202f234 votes by Amara");
  });
  it("selects by value, falling back to other", () => {
    const m = "{kind, select, place {a place} other {someone}}";
    expect(formatMessage(m, { kind: "place" })).toBe("a place");
    expect(formatMessage(m, { kind: "x" })).toBe("someone");
  });
  it("leaves a placeholder without a value visible", () => {
    expect(formatMessage("{a} and {b}", { a: 1 })).toBe("1 and {b}");
    expect(formatMessage("{n, plural, other {#}}", {})).toBe("{n, plural, other {#}}");
  });
  it("names the values a template uses, not the words in its cases", () => {
    expect(placeholdersOf("{n, plural, one {1 work by {who}} other {# works}}")).toEqual([
      "n",
      "who",
    ]);
  });
  it("translates the catalogues with plurals", () => {
    expect(translate("en", "works.count", { n: 1 })).toBe("1 work");
    expect(translate("en", "works.count", { n: 3 })).toBe("3 works");
    expect(translate("es", "works.count", { n: 3 })).toBe("3 obras");
    expect(translate("fr", "works.count", { n: 0 })).toBe("0 œuvre");
  });
});
