/**
 * The ICU MessageFormat subset the catalogues use: `{name}` values, `{n, plural, ...}` with
 * `=N` exact cases, the CLDR categories of `Intl.PluralRules` (one, few, many, other) and `#`
 * for the number, and `{x, select, ...}`. The browser's own plural rules decide, so French
 * "0 œuvre" and English "0 works" both come out right.
 */
export type Values = Record<string, string | number | bigint>;

interface Cases {
  [selector: string]: string;
}

/** Finds the index just past the `}` that closes the `{` at `open`. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i + 1;
  }
  return -1;
}

function parseCases(body: string): Cases | null {
  const cases: Cases = {};
  let i = 0;
  while (i < body.length) {
    while (i < body.length && /\s/.test(body[i])) i++;
    if (i >= body.length) break;
    const start = i;
    while (i < body.length && body[i] !== "{" && !/\s/.test(body[i])) i++;
    const selector = body.slice(start, i);
    while (i < body.length && /\s/.test(body[i])) i++;
    if (body[i] !== "{" || !selector) return null;
    const end = closing(body, i);
    if (end < 0) return null;
    cases[selector] = body.slice(i + 1, end - 1);
    i = end;
  }
  return "other" in cases ? cases : null;
}

const rulesCache = new Map<string, Intl.PluralRules>();
function pluralCategory(locale: string, n: number): string {
  let rules = rulesCache.get(locale);
  if (!rules) rulesCache.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(n);
}

/** Formats `template` for `locale`; a placeholder without a value stays visible as written. */
export function formatMessage(template: string, values: Values = {}, locale = "en"): string {
  let out = "";
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf("{", i);
    if (open < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    const end = closing(template, open);
    if (end < 0) {
      out += template.slice(open);
      break;
    }
    const inner = template.slice(open + 1, end - 1);
    const simple = /^\s*(\w+)\s*$/.exec(inner);
    const complex = /^\s*(\w+)\s*,\s*(plural|select)\s*,([\s\S]*)$/.exec(inner);
    if (simple) {
      out += simple[1] in values ? String(values[simple[1]]) : template.slice(open, end);
    } else if (complex && complex[1] in values) {
      const [, name, kind, body] = complex;
      const cases = parseCases(body);
      const value = values[name];
      if (!cases) out += template.slice(open, end);
      else if (kind === "select") {
        out += formatMessage(cases[String(value)] ?? cases.other, values, locale);
      } else {
        const n = Number(value);
        const chosen = cases[`=${n}`] ?? cases[pluralCategory(locale, n)] ?? cases.other;
        const number = new Intl.NumberFormat(locale).format(n);
        out += formatMessage(chosen.replace(/#/g, number), values, locale);
      }
    } else {
      out += template.slice(open, end);
    }
    i = end;
  }
  return out;
}

/** The names of the values a template uses (case bodies are text, searched for nested values). */
export function placeholdersOf(template: string): string[] {
  const names = new Set<string>();
  const walk = (text: string) => {
    let i = 0;
    while (i < text.length) {
      const open = text.indexOf("{", i);
      if (open < 0) return;
      const end = closing(text, open);
      if (end < 0) return;
      const inner = text.slice(open + 1, end - 1);
      const simple = /^\s*(\w+)\s*$/.exec(inner);
      const complex = /^\s*(\w+)\s*,\s*(?:plural|select)\s*,([\s\S]*)$/.exec(inner);
      if (simple) names.add(simple[1]);
      else if (complex) {
        names.add(complex[1]);
        for (const body of Object.values(parseCases(complex[2]) ?? {})) walk(body);
      }
      i = end;
    }
  };
  walk(template);
  return [...names].sort();
}
