import { expect } from "chai";
import { buildManifest } from "@spin/shared";
import { mkdtemp, rm, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { deployChain, deposit, type Chain } from "./helpers/chain.ts";
import { startTestIndexer, uploadBody, waitForHead } from "./helpers/indexer.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/store.ts";
import type { Indexer } from "../../../indexer/src/index.ts";

const README =
  "---\ntitle: Pedal grinder\nsummary: A grain mill driven by a bicycle\ntags: [food, bicycle]\nmachines: [laser-cutter]\n---\n# Pedal grinder\n";
const encoder = new TextEncoder();
const bundle = [
  { path: "README.md", bytes: encoder.encode(README) },
  { path: "parts/frame.svg", bytes: encoder.encode("<svg/>\n") },
];
const uploadOf = uploadBody;

describe("indexer API", function () {
  this.timeout(300_000);
  let chain: Chain;
  let database: TestDatabase;
  let indexer: Indexer;
  let contentDir: string;
  let url: string;

  before(async () => {
    chain = await deployChain();
    await deposit(chain, 3);
    database = await createTestDatabase("postgres");
    contentDir = await mkdtemp(path.join(os.tmpdir(), "spin-content-"));
    indexer = await startTestIndexer(chain, database, {
      server: { host: "127.0.0.1", port: 0 },
      contentDir,
      maxUploadBytes: 64 * 1024,
    });
    url = indexer.url!;
    await waitForHead(chain, indexer.db);
  });

  after(async () => {
    await indexer.stop();
    await database.drop();
    await chain.close();
    await rm(contentDir, { recursive: true, force: true });
  });

  const get = (route: string) => fetch(`${url}${route}`);
  const post = (route: string, body: unknown) =>
    fetch(`${url}${route}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  const badRequests: { name: string; send: () => Promise<Response>; field: string }[] = [
    { name: "a limit above 100", send: () => get("/activity?limit=101"), field: "query.limit" },
    { name: "a negative limit", send: () => get("/activity?limit=-1"), field: "query.limit" },
    { name: "a non-numeric limit", send: () => get("/activity?limit=ten"), field: "query.limit" },
    { name: "a garbage cursor", send: () => get("/activity?cursor=%%%"), field: "query.cursor" },
    {
      name: "a cursor of another shape",
      send: () => get(`/activity?cursor=${Buffer.from('["x"]').toString("base64url")}`),
      field: "query.cursor",
    },
    {
      name: "a malformed contract name",
      send: () => get("/activity?contract=1;drop"),
      field: "query.contract",
    },
    {
      name: "a non-numeric sub-fund id",
      send: () => get("/funds/abc/movements"),
      field: "params.subFund",
    },
    {
      name: "an oversized sub-fund id",
      send: () => get("/funds/99999999999999999999/movements"),
      field: "params.subFund",
    },
    {
      name: "a malformed recipient address",
      send: () => get("/streams?recipient=0x1234"),
      field: "query.recipient",
    },
    { name: "a malformed content hash", send: () => get("/content/0xabc"), field: "params.ref" },
    { name: "an empty search", send: () => get("/content?q=%20"), field: "query.q" },
    { name: "a body that is not JSON", send: () => post("/content", "{not json"), field: "body" },
    {
      name: "a body without files",
      send: () => post("/content", { contentHash: `0x${"00".repeat(32)}` }),
      field: "body.files",
    },
    {
      name: "a malformed claimed hash",
      send: () => post("/content", uploadOf(bundle, "0x12")),
      field: "body.contentHash",
    },
    {
      name: "a file that is not base64",
      send: () =>
        post("/content", {
          contentHash: `0x${"00".repeat(32)}`,
          files: [{ path: "README.md", data: "***" }],
        }),
      field: "body.files.0.data",
    },
    {
      name: "a hash the bundle does not have",
      send: () => post("/content", uploadOf(bundle, `0x${"00".repeat(32)}`)),
      field: "body.contentHash",
    },
    {
      name: "a path with a dot segment",
      send: async () => {
        const files = [{ path: "../README.md", bytes: bundle[0].bytes }];
        return post("/content", uploadOf(files, `0x${"00".repeat(32)}`));
      },
      field: "body.files",
    },
  ];

  for (const { name, send, field } of badRequests) {
    it(`answers ${name} with a 400 naming ${field}`, async () => {
      const response = await send();
      expect(response.status).to.equal(400);
      const body = (await response.json()) as { error: string; field: string };
      expect(body.error).to.equal("invalid_request");
      expect(body.field).to.equal(field);
    });
  }

  it("refuses an oversize upload with a 413", async () => {
    const big = [...bundle, { path: "big.bin", bytes: new Uint8Array(100 * 1024) }];
    const response = await post("/content", uploadOf(big, `0x${"00".repeat(32)}`));
    expect(response.status).to.equal(413);
  });

  it("answers an unknown route with a JSON 404", async () => {
    const response = await get("/nope");
    expect(response.status).to.equal(404);
    expect(((await response.json()) as { error: string }).error).to.equal("not_found");
  });

  it("stores a bundle under its manifest hash, serves it by hash and CID, and finds it by search", async () => {
    const manifest = await buildManifest(bundle);
    const stored = await post("/content", uploadOf(bundle, manifest.contentHash));
    expect(stored.status).to.equal(201);
    const body = (await stored.json()) as { cid: string; frontMatter: { title: string } };
    expect(body.cid).to.equal(manifest.cid);
    expect(body.frontMatter.title).to.equal("Pedal grinder");
    const byCid = (await (await get(`/content/${manifest.cid}`)).json()) as {
      content_hash: string;
      entries: unknown[];
    };
    expect(byCid.content_hash).to.equal(manifest.contentHash);
    expect(byCid.entries).to.have.length(2);
    const raw = await get(`/content/${manifest.contentHash}/manifest`);
    expect(new Uint8Array(await raw.arrayBuffer())).to.deep.equal(manifest.bytes);
    const svg = await get(`/content/${manifest.contentHash}/files/parts/frame.svg`);
    expect(svg.headers.get("content-type")).to.equal("image/svg+xml");
    expect(await svg.text()).to.equal("<svg/>\n");
    expect((await get(`/content/${manifest.contentHash}/files/missing.md`)).status).to.equal(404);
    const found = (await (await get("/content?q=laser")).json()) as { items: { title: string }[] };
    expect(found.items.map((i) => i.title)).to.deep.equal(["Pedal grinder"]);
    const none = (await (await get("/content?q=welding")).json()) as { items: unknown[] };
    expect(none.items).to.deep.equal([]);
  });

  it("refuses to serve a stored file whose bytes no longer match its hash", async () => {
    const files = [
      { path: "README.md", bytes: encoder.encode(README.replace("grinder", "press")) },
    ];
    const manifest = await buildManifest(files);
    expect((await post("/content", uploadOf(files, manifest.contentHash))).status).to.equal(201);
    const blob = path.join(contentDir, "blobs", manifest.entries[0].sha256);
    await writeFile(blob, "tampered");
    const response = await get(`/content/${manifest.contentHash}/files/README.md`);
    expect(response.status).to.equal(500);
    expect(((await response.json()) as { error: string }).error).to.equal("content_corrupted");
    expect((await readdir(path.join(contentDir, "blobs"))).length).to.be.greaterThan(0);
  });

  it("pages through activity with cursors, newest first, without gaps or repeats", async () => {
    const all = (await (await get("/activity?limit=100")).json()) as {
      items: { block_number: number; log_index: number }[];
    };
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const page = (await (await get(`/activity?limit=7${query}`)).json()) as {
        items: { block_number: number; log_index: number }[];
        nextCursor: string | null;
      };
      seen.push(...page.items.map((i) => `${i.block_number}:${i.log_index}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).to.deep.equal(all.items.map((i) => `${i.block_number}:${i.log_index}`));
    const deposits = (await (
      await get("/activity?contract=CommonFund&event=Deposited")
    ).json()) as { items: unknown[] };
    expect(deposits.items).to.have.length(3);
  });

  it("lists sub-funds and their movements", async () => {
    const funds = (await (await get("/funds")).json()) as {
      items: { sub_fund: number; balance: string }[];
    };
    expect(funds.items).to.have.length(4);
    const movements = (await (await get("/funds/0/movements")).json()) as {
      items: { kind: string }[];
    };
    expect(movements.items.every((m) => m.kind === "deposit")).to.equal(true);
    expect((await get("/funds/9/movements")).status).to.equal(404);
  });

  it("answers an account's coin balance and transfers as the coin holds them", async () => {
    const member = chain.members[1].address;
    const balance = (await (await get(`/accounts/${member}/balance`)).json()) as {
      balance: string;
    };
    expect(balance.balance).to.equal((await chain.coin.balanceOf(member)).toString());
    const transfers = (await (await get(`/accounts/${member}/transfers`)).json()) as {
      items: unknown[];
    };
    expect(transfers.items.length).to.be.greaterThan(0);
    const bad = await get("/accounts/0xnothex/balance");
    expect(bad.status).to.equal(400);
    expect(((await bad.json()) as { field: string }).field).to.equal("params.account");
  });

  it("serves an OpenAPI document listing every route", async () => {
    const document = (await (await get("/openapi.json")).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(document.openapi).to.equal("3.1.0");
    expect(Object.keys(document.paths)).to.include.members([
      "/health",
      "/metrics",
      "/activity",
      "/content",
      "/content/{ref}",
      "/funds/{subFund}/movements",
    ]);
  });

  it("reports health and Prometheus metrics", async () => {
    const health = (await (await get("/health")).json()) as {
      status: string;
      indexedBlock: number;
      headBlock: number;
    };
    expect(health.status).to.equal("ok");
    expect(health.indexedBlock).to.equal(health.headBlock);
    const metrics = await (await get("/metrics")).text();
    for (const name of [
      "spin_indexer_head_block",
      "spin_indexer_indexed_block",
      "spin_indexer_lag_blocks",
      "spin_indexer_events_per_second",
      "spin_indexer_rpc_errors_total",
    ]) {
      expect(metrics).to.match(new RegExp(`^${name} \\d+(\\.\\d+)?$`, "m"));
    }
  });

  it("streams new activity as server-sent events", async () => {
    const controller = new AbortController();
    const response = await fetch(`${url}/activity/stream`, { signal: controller.signal });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const deadline = Date.now() + 20_000;
    let deposited = false;
    while (!text.includes('"eventName":"Deposited"') && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
      if (!deposited && text.includes("event: ready")) {
        deposited = true;
        await deposit(chain, 1, 4);
      }
    }
    controller.abort();
    expect(text).to.include("event: events");
    expect(text).to.include('"eventName":"Deposited"');
  });
});
