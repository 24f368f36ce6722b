import { describe, expect, it } from "vitest";
import { catalogues, interpolate, negotiateLocale, translate } from "@/lib/i18n";
import { en } from "@/lib/i18n/en";

describe("catalogues", () => {
  it("give French and Spanish every English key, none empty", () => {
    for (const locale of ["fr", "es"] as const) {
      expect(Object.keys(catalogues[locale]).sort()).toEqual(Object.keys(en).sort());
      for (const value of Object.values(catalogues[locale])) expect(value.trim()).not.toBe("");
    }
  });
  it("keep the same placeholders in every language", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(catalogues.fr[key]), key).toEqual(placeholders(en[key]));
      expect(placeholders(catalogues.es[key]), key).toEqual(placeholders(en[key]));
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

describe("interpolate", () => {
  it("fills values and leaves unknown placeholders visible", () => {
    expect(interpolate("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });
  it("translates with values", () => {
    expect(translate("es", "works.count", { n: 3 })).toBe("3 obras");
  });
});
