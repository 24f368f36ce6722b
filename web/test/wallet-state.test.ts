import { afterEach, describe, expect, it, vi } from "vitest";
import { WALLET_COOKIE, WALLET_STORAGE_KEY } from "@/lib/lite";
import { chooserDismissed, rememberConnection } from "@/lib/wallet/state";

/** A browser's storage and cookie jar, as the wallet state sees them. */
function browser(stored: Record<string, string> = {}, cookies: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  const jar = new Map(Object.entries(cookies));
  vi.stubGlobal("window", {
    localStorage: {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
      removeItem: (k: string) => void storage.delete(k),
    },
  });
  vi.stubGlobal("document", {
    set cookie(text: string) {
      const [pair, ...attributes] = text.split(";").map((s) => s.trim());
      const [name, value] = pair.split("=");
      if (attributes.includes("Max-Age=0")) jar.delete(name);
      else jar.set(name, value);
    },
  });
  return { storage, jar };
}

afterEach(() => vi.unstubAllGlobals());

describe("the wallet's memory in the browser", () => {
  it("forgets the visit's cookie when the chooser closes in a browser that never connected", () => {
    const { jar } = browser({}, { [WALLET_COOKIE]: "1" });
    chooserDismissed();
    expect(jar.has(WALLET_COOKIE)).toBe(false);
  });

  it("keeps it for a browser that connected before", () => {
    const { jar } = browser({ [WALLET_STORAGE_KEY]: "1" }, { [WALLET_COOKIE]: "1" });
    chooserDismissed();
    expect(jar.get(WALLET_COOKIE)).toBe("1");
  });

  it("remembers a connection in both places, and forgets it in both", () => {
    const { storage, jar } = browser();
    rememberConnection(true);
    expect(storage.get(WALLET_STORAGE_KEY)).toBe("1");
    expect(jar.get(WALLET_COOKIE)).toBe("1");
    chooserDismissed();
    expect(jar.get(WALLET_COOKIE)).toBe("1");
    rememberConnection(false);
    expect(storage.has(WALLET_STORAGE_KEY)).toBe(false);
    expect(jar.has(WALLET_COOKIE)).toBe(false);
  });
});
