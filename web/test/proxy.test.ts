import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { newNonce } from "@/lib/csp";
import { proxy } from "@/proxy";

const NONCE = /'nonce-([A-Za-z0-9+/]{22}==)'/;

function visit(path: string, headers: Record<string, string> = {}) {
  const response = proxy(
    new NextRequest(`http://spin.test${path}`, {
      headers: { "sec-fetch-dest": "document", ...headers },
    }),
  );
  const policy = response.headers.get("content-security-policy") ?? "";
  return {
    response,
    policy,
    nonce: NONCE.exec(policy)?.[1] ?? null,
    /** What the page is rendered with: the request headers the proxy passes on. */
    passedOn: (name: string) => response.headers.get(`x-middleware-request-${name}`),
    rewrittenTo: response.headers.get("x-middleware-rewrite"),
  };
}

function expectSafetyHeaders(response: Response) {
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("x-frame-options")).toBe("DENY");
  expect(response.headers.get("referrer-policy")).toBe("same-origin");
}

describe("the page proxy", () => {
  it("gives every page a fresh nonce, in its policy and in what the page is rendered with", () => {
    const first = visit("/works/new");
    const second = visit("/works/new");
    expect(first.nonce).not.toBeNull();
    expect(second.nonce).not.toBe(first.nonce);
    expect(first.passedOn("x-nonce")).toBe(first.nonce);
    expect(first.passedOn("content-security-policy")).toBe(first.policy);
    expectSafetyHeaders(first.response);
  });

  it("sends a visitor's read page to its light twin, with the same headers", () => {
    const page = visit("/works?tag=wood");
    expect(page.rewrittenTo).toBe("http://spin.test/lite/works?tag=wood");
    expect(page.passedOn("x-nonce")).toBe(page.nonce);
    expectSafetyHeaders(page.response);
  });

  it("keeps the first pass's nonce for the light page it rewrote to, and sets the headers again", () => {
    const first = visit("/works");
    const again = visit("/lite/works", {
      "x-nonce": first.nonce!,
      "content-security-policy": first.policy,
    });
    expect(again.rewrittenTo).toBeNull();
    expect(again.nonce).toBe(first.nonce);
    expect(again.policy).toBe(first.policy);
    expect(again.passedOn("x-nonce")).toBe(first.nonce);
    expectSafetyHeaders(again.response);
  });

  it("hands a nonce to the light page it rewrote to once, and only from a rewrite", () => {
    const first = visit("/works");
    const again = () => visit("/lite/works", { "x-nonce": first.nonce! });
    expect(again().nonce).toBe(first.nonce);
    // Sent again, as a client that saw it could: taken already.
    expect(again().nonce).not.toBe(first.nonce);
    // A page that was not rewritten hands its nonce to no one.
    const full = visit("/works/new");
    expect(visit("/lite/works", { "x-nonce": full.nonce! }).nonce).not.toBe(full.nonce);
  });

  it("serves a light page asked for directly with a policy and the safety headers", () => {
    const page = visit("/lite/fund");
    expect(page.rewrittenTo).toBeNull();
    expect(page.nonce).not.toBeNull();
    expect(page.passedOn("x-nonce")).toBe(page.nonce);
    expectSafetyHeaders(page.response);
  });

  it("never takes a nonce it did not make from a client, nor leaves the headers off for one", () => {
    for (const [path, given] of [
      ["/lite/works", "\"'><script>alert(1)</script>"],
      ["/lite/works", "short"],
      // Well formed, but never made here: a client's own choice.
      ["/lite/works", "AAAAAAAAAAAAAAAAAAAAAA=="],
      ["/lite/works", newNonce()],
      ["/works/new", "AAAAAAAAAAAAAAAAAAAAAA=="],
      ["/works", "AAAAAAAAAAAAAAAAAAAAAA=="],
    ]) {
      const page = visit(path, { "x-nonce": given, "content-security-policy": "script-src *" });
      expect(page.nonce, path).not.toBeNull();
      expect(page.nonce, path).not.toBe(given);
      expect(page.policy, path).not.toContain("script-src *");
      expect(page.passedOn("x-nonce"), path).toBe(page.nonce);
      expect(page.passedOn("content-security-policy"), path).toBe(page.policy);
      expectSafetyHeaders(page.response);
    }
  });
});
