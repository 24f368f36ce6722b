import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
vi.mock("@/lib/server-config", () => ({ serverConfig: () => ({ apiUrl: "http://unused" }) }));

const { forward } = await import("@/lib/api/proxy");

const safety = {
  "content-type": "image/svg+xml",
  "content-disposition": 'attachment; filename="evil.svg"',
  "x-content-type-options": "nosniff",
  "content-security-policy": "sandbox; default-src 'none'",
  "cache-control": "public, max-age=31536000, immutable",
  etag: '"bafkreiexample"',
  "x-request-id": "abc",
};

describe("the /api/spin proxy", () => {
  let server: Server;
  let apiUrl: string;
  const seen: { method?: string; ifNoneMatch?: string; body?: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        seen.push({
          method: req.method,
          ifNoneMatch: req.headers["if-none-match"],
          body: Buffer.concat(chunks).toString(),
        });
        if (req.headers["if-none-match"] === safety.etag) {
          res.writeHead(304, { etag: safety.etag, "cache-control": safety["cache-control"] });
          return res.end();
        }
        res.writeHead(200, { ...safety, "set-cookie": "a=b", server: "indexer" });
        res.end("<svg><script>alert(1)</script></svg>");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("keeps the indexer's safety headers on a bundle file and drops the rest", async () => {
    const response = await forward(
      new Request("http://app/api/spin/content/x/files/evil.svg"),
      ["content", "x", "files", "evil.svg"],
      apiUrl,
    );
    expect(response.status).toBe(200);
    for (const [name, value] of Object.entries(safety)) {
      expect(response.headers.get(name)).toBe(value);
    }
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await response.text()).toContain("<svg>");
  });

  it("passes If-None-Match on and answers 304 without a body", async () => {
    const response = await forward(
      new Request("http://app/api/spin/content/x/files/evil.svg", {
        headers: { "if-none-match": safety.etag },
      }),
      ["content", "x", "files", "evil.svg"],
      apiUrl,
    );
    expect(response.status).toBe(304);
    expect(response.headers.get("etag")).toBe(safety.etag);
    expect(seen.at(-1)?.ifNoneMatch).toBe(safety.etag);
  });

  it("streams a POST body through", async () => {
    await forward(
      new Request("http://app/api/spin/content", { method: "POST", body: "form bytes" }),
      ["content"],
      apiUrl,
    );
    expect(seen.at(-1)).toMatchObject({ method: "POST", body: "form bytes" });
  });
});
