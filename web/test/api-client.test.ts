/**
 * The typed API client: answers come back typed from the OpenAPI document, refusals become
 * ApiError with the API's JSON body, lists are followed by cursor, and (through `tsc -p web`)
 * a misspelled route, parameter or field does not compile.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  allPages,
  ApiError,
  apiClient,
  contentFilePath,
  contentFileUrl,
  findInPages,
  findPageCursor,
  must,
  orNull,
  type ApiClient,
} from "@/lib/api/client";

const ACCOUNT = "0x1111111111111111111111111111111111111111";

function refuse(status: number, error: string, message: string, extra: object = {}) {
  return { status, body: { error, message, field: "query.limit", requestId: "r1", ...extra } };
}

/** A stand-in API: answers by path and query, and records what it was asked. */
function fakeApi(seen: string[]) {
  return createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    seen.push(`${req.method} ${url.pathname}${url.search}`);
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/participants") {
      const cursor = url.searchParams.get("cursor");
      const page = cursor === "v1.p2" ? 2 : 1;
      return reply(200, {
        items: [{ account: `0x${String(page).repeat(40)}`, name: `Member ${page}` }],
        nextCursor: page === 1 ? "v1.p2" : null,
      });
    }
    if (url.pathname === `/participants/${ACCOUNT}`)
      return reply(404, refuse(404, "not_found", `no participant ${ACCOUNT}`).body);
    if (url.pathname === "/works") {
      const r = refuse(400, "invalid_request", "query.limit must be a decimal from 1 to 100");
      return reply(r.status, r.body);
    }
    if (url.pathname === "/names")
      return reply(200, {
        items: url.searchParams.getAll("address").map((address) => ({
          address,
          name: null,
          source: null,
          kindName: null,
          statusName: null,
        })),
      });
    if (url.pathname === "/health") {
      res.writeHead(502, { "content-type": "text/plain" });
      return res.end("bad gateway");
    }
    reply(500, {});
  });
}

describe("the API client", () => {
  let server: Server;
  let api: ApiClient;
  const seen: string[] = [];

  beforeAll(async () => {
    server = fakeApi(seen);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    api = apiClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends the route's parameters: repeated addresses, path segments", async () => {
    const names = await must(
      api.GET("/names", { params: { query: { address: [ACCOUNT, ACCOUNT.replace(/1/g, "2")] } } }),
    );
    expect(names.items.map((n) => n.address)).toEqual([ACCOUNT, ACCOUNT.replace(/1/g, "2")]);
    expect(seen).toContain(`GET /names?address=${ACCOUNT}&address=${ACCOUNT.replace(/1/g, "2")}`);
  });

  it("turns a refusal into an ApiError carrying the API's error body", async () => {
    const refusal = await must(api.GET("/works", { params: { query: { limit: "0" } } })).catch(
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(ApiError);
    expect(refusal).toMatchObject({
      status: 400,
      code: "invalid_request",
      field: "query.limit",
      message: "query.limit must be a decimal from 1 to 100",
    });
  });

  it("answers null for a 404 when asked, and still throws anything else", async () => {
    const missing = await orNull(
      api.GET("/participants/{account}", { params: { path: { account: ACCOUNT } } }),
    );
    expect(missing).toBeNull();
    await expect(orNull(api.GET("/works", {}))).rejects.toMatchObject({ status: 400 });
  });

  it("says what it got when a refusal is not the API's JSON", async () => {
    await expect(must(api.GET("/health"))).rejects.toMatchObject({
      status: 502,
      code: "http_502",
      message: "HTTP 502",
    });
  });

  it("follows the cursor through every page, within a bound", async () => {
    const all = await allPages((cursor) =>
      api.GET("/participants", { params: { query: { limit: "100", cursor } } }),
    );
    expect(all.map((p) => p.name)).toEqual(["Member 1", "Member 2"]);
    const first = await allPages(
      (cursor) => api.GET("/participants", { params: { query: { limit: "100", cursor } } }),
      1,
    );
    expect(first).toHaveLength(1);
  });

  it("finds an item on a later page and stops reading once it has it", async () => {
    const before = seen.length;
    const found = await findInPages(
      (cursor) => api.GET("/participants", { params: { query: { limit: "100", cursor } } }),
      (p) => p.name === "Member 2",
    );
    expect(found?.name).toBe("Member 2");
    expect(seen.slice(before)).toHaveLength(2);
    const first = await findInPages(
      (cursor) => api.GET("/participants", { params: { query: { limit: "100", cursor } } }),
      (p) => p.name === "Member 1",
    );
    expect(first?.name).toBe("Member 1");
    expect(seen.slice(before)).toHaveLength(3);
  });

  it("answers null when no page within the bound holds the item", async () => {
    const byName = (name: string) => (p: { name: string | null }) => p.name === name;
    const read = (cursor: string | undefined) =>
      api.GET("/participants", { params: { query: { limit: "100", cursor } } });
    expect(await findInPages(read, byName("Nobody"))).toBeNull();
    expect(await findInPages(read, byName("Member 2"), 1)).toBeNull();
  });

  it("finds the cursor of the page that holds an item, or null past the bound", async () => {
    const read = (cursor: string | undefined) =>
      must(api.GET("/participants", { params: { query: { limit: "100", cursor } } }));
    expect(await findPageCursor(read, (p) => p.name === "Member 1")).toEqual({
      cursor: undefined,
    });
    expect(await findPageCursor(read, (p) => p.name === "Member 2")).toEqual({ cursor: "v1.p2" });
    expect(await findPageCursor(read, (p) => p.name === "Member 2", 1)).toBeNull();
    expect(await findPageCursor(read, (p) => p.name === "Nobody")).toBeNull();
  });

  it("encodes each segment of a bundle file's path, keeping its folders", () => {
    expect(contentFilePath("0xab", "images/a cover#1.svg")).toBe(
      "/content/0xab/files/images/a%20cover%231.svg",
    );
    expect(contentFileUrl("0xab", "README.md")).toBe("/api/spin/content/0xab/files/README.md");
  });

  it("refuses misspelled routes, parameters and fields at compile time", () => {
    // The lines below are the test: each @ts-expect-error fails `tsc -p web` if it compiles.
    const typed = (client: ApiClient) => {
      // @ts-expect-error: there is no route /participant (singular)
      void client.GET("/participant");
      // @ts-expect-error: /funds/ledger has no "kind" filter
      void client.GET("/funds/ledger", { params: { query: { kind: "grant" } } });
      // @ts-expect-error: a work's id is a path parameter named workId
      void client.GET("/works/{workId}", { params: { path: { id: "1" } } });
      return async () => {
        const page = await must(client.GET("/delegates"));
        // @ts-expect-error: a delegate has votes, not "weight"
        return page.items[0].weight;
      };
    };
    expect(typeof typed).toBe("function");
  });
});
