/**
 * Wrong methods: a path that exists under other methods answers 405 with an Allow header (and
 * OPTIONS answers 204 with it), built from the same route list as the OpenAPI document.
 */
export interface PathMethods {
  /** The methods a path accepts (HEAD with GET, OPTIONS always), or null for an unknown path. */
  allowed(path: string): string[] | null;
}

/**
 * The requests an OpenAPI path matches: a `{name}` parameter is one segment, `{path}` (a file in
 * a bundle) one or more; everything else literally.
 */
export function pathPattern(path: string): RegExp {
  const parts = path
    .split(/(\{[^}]+\})/)
    .map((part) =>
      part.startsWith("{")
        ? part === "{path}"
          ? ".+"
          : "[^/]+"
        : part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"),
    );
  return new RegExp(`^${parts.join("")}$`);
}

export function pathMethods(routes: { method: string; path: string }[]): PathMethods {
  const patterns = new Map<string, { regex: RegExp; methods: Set<string> }>();
  for (const { method, path } of routes) {
    const regex = pathPattern(path);
    const entry = patterns.get(path) ?? { regex, methods: new Set<string>() };
    entry.methods.add(method.toUpperCase());
    if (method === "get") entry.methods.add("HEAD");
    patterns.set(path, entry);
  }
  return {
    allowed(path) {
      const methods = new Set<string>();
      for (const { regex, methods: m } of patterns.values()) {
        if (regex.test(path)) for (const x of m) methods.add(x);
      }
      if (methods.size === 0) return null;
      methods.add("OPTIONS");
      return [...methods].sort();
    },
  };
}
