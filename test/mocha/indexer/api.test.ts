import { expect } from "chai";
import { buildManifest } from "@spin/shared";
import { mkdtemp, rm, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { deployChain, deposit, type Chain } from "./helpers/chain.ts";
import { contractChecker } from "./helpers/contract.ts";
import { startTestIndexer, waitForHead } from "./helpers/indexer.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/store.ts";
import { uploadBundle, type UploadTarget } from "./helpers/upload.ts";
import type { Indexer } from "../../../indexer/src/index.ts";

const README =
  "---\ntitle: Pedal grinder\nsummary: A grain mill driven by a bicycle\ntags: [food, bicycle]\nmachines: [laser-cutter]\n---\n# Pedal grinder\n";
const encoder = new TextEncoder();
const bundle = [
  { path: "README.md", bytes: encoder.encode(README) },
  { path: "parts/frame.svg", bytes: encoder.encode("<svg/>\n") },
];

describe("indexer API", function () {
  this.timeout(300_000);
  let chain: Chain;
  let database: TestDatabase;
  let indexer: Indexer;
  let contentDir: string;
  let url: string;
  let target: UploadTarget;
  const contract = contractChecker();

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
    target = { url, chainId: chain.chainId, registry: chain.contracts.CommonsRegistry!.address };
    await waitForHead(chain, indexer.db);
  });

  after(async () => {
    await indexer?.stop();
    await database?.drop();
    await chain?.close();
    if (contentDir) await rm(contentDir, { recursive: true, force: true });
  });

  const get = (route: string, init?: RequestInit) => contract.fetch(`${url}${route}`, init);
  const json = async <T>(route: string) => (await (await get(route)).json()) as T;
  const mixedCase = "0x" + "aB".repeat(20);

  const badRequests: { name: string; route: string; field: string }[] = [
    { name: "a limit above 100", route: "/activity?limit=101", field: "query.limit" },
    { name: "a zero limit", route: "/activity?limit=0", field: "query.limit" },
    { name: "a negative limit", route: "/activity?limit=-1", field: "query.limit" },
    { name: "a non-numeric limit", route: "/activity?limit=ten", field: "query.limit" },
    { name: "a hexadecimal limit", route: "/activity?limit=0x10", field: "query.limit" },
    { name: "an exponent limit", route: "/activity?limit=1e1", field: "query.limit" },
    { name: "a padded limit", route: "/activity?limit=%205%20", field: "query.limit" },
    { name: "a signed limit", route: "/activity?limit=%2B5", field: "query.limit" },
    { name: "a leading-zero limit", route: "/activity?limit=05", field: "query.limit" },
    { name: "a repeated limit", route: "/activity?limit=5&limit=6", field: "query.limit" },
    { name: "an unknown parameter", route: "/activity?colour=red", field: "query.colour" },
    { name: "a garbage cursor", route: "/activity?cursor=%25%25%25", field: "query.cursor" },
    {
      name: "an unsigned cursor of the old kind",
      route: `/activity?cursor=${Buffer.from("[1,2]").toString("base64url")}`,
      field: "query.cursor",
    },
    {
      name: "a malformed contract name",
      route: "/activity?contract=1;drop",
      field: "query.contract",
    },
    { name: "a non-numeric sub-fund id", route: "/funds/abc/movements", field: "params.subFund" },
    {
      name: "a sub-fund id past its column",
      route: "/funds/2147483648/movements",
      field: "params.subFund",
    },
    {
      name: "an oversized sub-fund id",
      route: "/funds/99999999999999999999/movements",
      field: "params.subFund",
    },
    {
      name: "a malformed recipient address",
      route: "/streams?recipient=0x1234",
      field: "query.recipient",
    },
    {
      name: "an address with a wrong checksum",
      route: `/accounts/${mixedCase}/balance`,
      field: "params.account",
    },
    {
      name: "a work id past the safe integers",
      route: "/works/9007199254740993",
      field: "params.workId",
    },
    {
      name: "a proposal id past uint256",
      route: `/proposals/${"9".repeat(78)}`,
      field: "params.proposalId",
    },
    { name: "a malformed content hash", route: "/content/0xabc", field: "params.ref" },
    { name: "an empty search", route: "/content?q=%20", field: "query.q" },
    { name: "a NUL in a search", route: "/works?q=a%00b", field: "query.q" },
    {
      name: "a control character in a filter",
      route: "/participants?machine=laser%1Bcutter",
      field: "query.machine",
    },
    { name: "an oversized search", route: `/works?q=${"a".repeat(201)}`, field: "query.q" },
    {
      name: "too many names",
      route: `/names?${Array.from({ length: 101 }, () => `address=0x${"11".repeat(20)}`).join("&")}`,
      field: "query.address",
    },
    {
      name: "a ledger direction out of its list",
      route: "/funds/ledger?direction=sideways",
      field: "query.direction",
    },
    {
      name: "a ledger page past its bound",
      route: "/funds/ledger?limit=1001",
      field: "query.limit",
    },
  ];

  for (const { name, route, field } of badRequests) {
    it(`answers ${name} with a 400 naming ${field}`, async () => {
      const response = await get(route);
      expect(response.status).to.equal(400);
      const body = (await response.json()) as { error: string; field: string; requestId: string };
      expect(body.error).to.equal("invalid_request");
      expect(body.field).to.equal(field);
      expect(body.requestId).to.equal(response.headers.get("x-request-id"));
    });
  }

  it("accepts an address in lower case or with a valid EIP-55 checksum", async () => {
    const member = chain.members[1].address;
    for (const form of [member, member.toLowerCase()]) {
      const body = await json<{ account: string }>(`/accounts/${form}/balance`);
      expect(body.account).to.equal(member.toLowerCase());
    }
  });

  it("refuses a tampered cursor and a cursor from another route", async () => {
    const first = await json<{ nextCursor: string }>("/activity?limit=1");
    const [version, payload, tag] = first.nextCursor.split(".");
    const forged = Buffer.from(JSON.stringify([999999, 0])).toString("base64url");
    for (const cursor of [
      `${version}.${forged}.${tag}`,
      `${version}.${payload}.${tag.slice(0, -2)}AA`,
    ]) {
      const response = await get(`/activity?limit=1&cursor=${cursor}`);
      expect(response.status).to.equal(400);
      expect(((await response.json()) as { field: string }).field).to.equal("query.cursor");
    }
    const foreign = await get(`/funds/0/movements?cursor=${first.nextCursor}`);
    expect(foreign.status).to.equal(400);
  });

  it("refuses a query parameter its route does not document, on every kind of route", async () => {
    const member = chain.members[1].address;
    for (const [route, name] of [
      ["/health?verbose=1", "verbose"],
      ["/works?limit=2&sort=new", "sort"],
      [`/licences/check?account=${member}&workId=1&as=admin`, "as"],
      [`/accounts/${member}/balance?block=1`, "block"],
      ["/funds/0/movements?limit=1&from=0", "from"],
    ]) {
      const response = await get(route);
      expect(response.status, route).to.equal(400);
      const body = (await response.json()) as { message: string; field: string };
      expect(body.field, route).to.equal(`query.${name}`);
      expect(body.message, route).to.equal(`query.${name} is not a parameter of this route`);
    }
    for (const route of ["/works?limit=2", `/licences/check?account=${member}&workId=1`]) {
      expect((await get(route)).status, route).to.equal(200);
    }
  });

  it("answers a wrong method with 405 and Allow, and OPTIONS with the methods", async () => {
    const wrong = await get("/works", { method: "DELETE" });
    expect(wrong.status).to.equal(405);
    expect(wrong.headers.get("allow")).to.equal("GET, HEAD, OPTIONS");
    expect(((await wrong.json()) as { error: string }).error).to.equal("method_not_allowed");
    const put = await get("/content", { method: "PUT", body: "x" });
    expect(put.status).to.equal(405);
    expect(put.headers.get("allow")).to.equal("GET, HEAD, OPTIONS, POST");
    const options = await fetch(`${url}/funds/0/movements`, { method: "OPTIONS" });
    expect(options.status).to.equal(204);
    expect(options.headers.get("allow")).to.equal("GET, HEAD, OPTIONS");
  });

  it("sends every JSON answer with its content type, a request id of its own and nosniff", async () => {
    const ids = new Set<string | null>();
    for (const route of ["/health", "/works", "/licences/templates", "/works", "/openapi.json"]) {
      const response = await get(route);
      expect(response.status, route).to.equal(200);
      expect(response.headers.get("content-type"), route).to.match(/^application\/json/);
      expect(response.headers.get("x-content-type-options"), route).to.equal("nosniff");
      expect(response.headers.get("x-request-id"), route).to.match(/^[0-9a-f-]{36}$/);
      ids.add(response.headers.get("x-request-id"));
      await response.json();
    }
    expect(ids.size).to.equal(5);
  });

  it("answers an unknown route with a JSON 404 and a request id", async () => {
    // A documented path with a slash added is another path: not found, not a wrong method.
    for (const route of ["/nope", "/works/", "/works/1/", "/health/?verbose=1"]) {
      const response = await get(route);
      expect(response.status, route).to.equal(404);
      expect(((await response.json()) as { error: string }).error, route).to.equal("not_found");
      expect(response.headers.get("x-request-id"), route).to.match(/^[0-9a-f-]{36}$/);
    }
  });

  it("refuses uploads that are not multipart with a 415", async () => {
    for (const type of ["application/json", "text/plain", "application/x-www-form-urlencoded"]) {
      const response = await get("/content", {
        method: "POST",
        headers: { "content-type": type },
        body: "{}",
      });
      expect(response.status).to.equal(415);
      expect(((await response.json()) as { field: string }).field).to.equal("headers.content-type");
    }
  });

  it("stores a signed bundle, serves it by hash and CID, and searches it only once a work names it", async () => {
    const manifest = await buildManifest(bundle);
    const stored = await uploadBundle(target, chain.members[0], bundle);
    expect(stored.status).to.equal(201);
    const body = (await stored.json()) as {
      cid: string;
      frontMatter: { title: string };
      uploader: string;
    };
    expect(body.cid).to.equal(manifest.cid);
    expect(body.frontMatter.title).to.equal("Pedal grinder");
    expect(body.uploader).to.equal(chain.members[0].address.toLowerCase());
    const again = await uploadBundle(target, chain.members[1], bundle);
    expect(again.status).to.equal(200);
    const byCid = await json<{ content_hash: string; entries: unknown[]; registered: boolean }>(
      `/content/${manifest.cid}`,
    );
    expect(byCid.content_hash).to.equal(manifest.contentHash);
    expect(byCid.entries).to.have.length(2);
    expect(byCid.registered).to.equal(false);
    const raw = await get(`/content/${manifest.contentHash}/manifest`);
    expect(new Uint8Array(await raw.arrayBuffer())).to.deep.equal(manifest.bytes);
    const svg = await get(`/content/${manifest.contentHash}/files/parts/frame.svg`);
    expect(svg.headers.get("content-type")).to.equal("image/svg+xml");
    expect(await svg.text()).to.equal("<svg/>\n");
    expect((await get(`/content/${manifest.contentHash}/files/missing.md`)).status).to.equal(404);
    // Not registered: not searchable (a squatter's bundle never shows up in search).
    expect((await json<{ items: unknown[] }>("/content?q=laser")).items).to.deep.equal([]);
  });

  it("refuses to serve a stored file whose bytes no longer match its hash, with a request id", async () => {
    const files = [
      { path: "README.md", bytes: encoder.encode(README.replace("grinder", "press")) },
    ];
    const manifest = await buildManifest(files);
    expect((await uploadBundle(target, chain.members[0], files)).status).to.equal(201);
    expect((await get(`/content/${manifest.contentHash}/files/README.md`)).status).to.equal(200);
    const blob = path.join(contentDir, "blobs", manifest.entries[0].sha256);
    await writeFile(blob, "tampered");
    const response = await get(`/content/${manifest.contentHash}/files/README.md`);
    expect(response.status).to.equal(500);
    const body = (await response.json()) as { error: string; requestId: string };
    expect(body.error).to.equal("content_corrupted");
    expect(body.requestId).to.equal(response.headers.get("x-request-id"));
    expect((await readdir(path.join(contentDir, "blobs"))).length).to.be.greaterThan(0);
  });

  it("pages through activity with signed cursors, newest first, without gaps or repeats", async () => {
    const all = await json<{ items: { block_number: number; log_index: number }[] }>(
      "/activity?limit=100",
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const page: {
        items: { block_number: number; log_index: number }[];
        nextCursor: string | null;
      } = await json(`/activity?limit=7${query}`);
      seen.push(...page.items.map((i) => `${i.block_number}:${i.log_index}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).to.deep.equal(all.items.map((i) => `${i.block_number}:${i.log_index}`));
    const deposits = await json<{ items: unknown[] }>(
      "/activity?contract=CommonFund&event=Deposited",
    );
    expect(deposits.items).to.have.length(3);
  });

  it("lists sub-funds and their movements", async () => {
    const funds = await json<{ items: { sub_fund: number; balance: string }[] }>("/funds");
    expect(funds.items).to.have.length(4);
    const movements = await json<{ items: { kind: string }[] }>("/funds/0/movements");
    expect(movements.items.every((m) => m.kind === "deposit")).to.equal(true);
    expect((await get("/funds/9/movements")).status).to.equal(404);
  });

  it("keeps a public ledger with names, pages it past 100 rows, and gives it as CSV", async () => {
    await deposit(chain, 3, 7);
    await waitForHead(chain, indexer.db);
    const ledger = await json<{
      items: {
        direction: string;
        amount: string;
        counterparty: string;
        counterpartyName: string | null;
        time: number;
        subFundName: string;
      }[];
    }>("/funds/ledger?limit=1000");
    expect(ledger.items).to.have.length(6);
    expect(
      ledger.items.every((m) => m.direction === "in" && /^[1-9][0-9]*$/.test(m.amount)),
    ).to.equal(true);
    expect(ledger.items.every((m) => typeof m.time === "number" && m.time > 0)).to.equal(true);
    const member = chain.members[(0 + 7) % chain.members.length].address.toLowerCase();
    const theirs = await json<{ items: { counterparty: string }[] }>(
      `/funds/ledger?counterparty=${member}`,
    );
    expect(theirs.items.length).to.be.greaterThan(0);
    expect(theirs.items.every((m) => m.counterparty === member)).to.equal(true);
    expect((await json<{ items: unknown[] }>("/funds/ledger?direction=out")).items).to.deep.equal(
      [],
    );
    const pooled = await json<{ items: { subFund: number }[] }>("/funds/ledger?subFund=0");
    expect(pooled.items.every((m) => m.subFund === 0)).to.equal(true);
    const later = await json<{ items: unknown[] }>(
      `/funds/ledger?from=${ledger.items[0].time + 1}`,
    );
    expect(later.items).to.deep.equal([]);
    const csv = await get("/funds/ledger?limit=4", { headers: { accept: "text/csv" } });
    expect(csv.headers.get("content-type")).to.match(/^text\/csv/);
    expect(csv.headers.get("x-next-cursor")).to.match(/^v1\./);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).to.equal(
      "time,blockNumber,logIndex,transactionHash,subFund,subFundName,direction,kind,amount,counterparty,counterpartyName,memo,streamId,proposalId",
    );
    expect(lines).to.have.length(5);
    const series = await json<{ items: { balance: string; change: string }[] }>(
      "/funds/0/balances",
    );
    let running = 0n;
    for (const point of series.items) {
      running += BigInt(point.change);
      expect(point.balance).to.equal(running.toString());
    }
    const funds = await json<{ items: { sub_fund: number; balance: string }[] }>("/funds");
    expect(running.toString()).to.equal(funds.items.find((f) => f.sub_fund === 0)!.balance);
  });

  it("names SPIN's contracts and leaves strangers unnamed, in the order asked", async () => {
    const fund = chain.contracts.CommonFund!.address.toLowerCase();
    const stranger = `0x${"12".repeat(20)}`;
    const names = await json<{
      items: { address: string; name: string | null; source: string | null }[];
    }>(`/names?address=${fund}&address=${stranger}`);
    expect(names.items.map((n) => [n.address, n.name, n.source])).to.deep.equal([
      [fund, "SPIN Common Fund", "contract"],
      [stranger, null, null],
    ]);
  });

  it("answers an account's coin balance and transfers as the coin holds them", async () => {
    const member = chain.members[1].address;
    const balance = await json<{ balance: string }>(`/accounts/${member.toLowerCase()}/balance`);
    expect(balance.balance).to.equal((await chain.coin.balanceOf(member)).toString());
    const transfers = await json<{ items: unknown[] }>(
      `/accounts/${member.toLowerCase()}/transfers`,
    );
    expect(transfers.items.length).to.be.greaterThan(0);
  });

  it("serves the OpenAPI document it was generated from", async () => {
    const document = await json<{ openapi: string; paths: Record<string, unknown> }>(
      "/openapi.json",
    );
    expect(document.openapi).to.equal("3.1.0");
    expect(Object.keys(document.paths)).to.include.members([
      "/health",
      "/activity",
      "/content",
      "/content/{ref}/files/{path}",
      "/funds/ledger",
      "/names",
      "/delegates",
      "/proposals/{proposalId}",
    ]);
  });

  it("reports health and Prometheus metrics", async () => {
    const health = await json<{ status: string; indexedBlock: number; headBlock: number }>(
      "/health",
    );
    expect(health.status).to.equal("ok");
    const metrics = await (await get("/metrics")).text();
    for (const name of [
      "spin_indexer_head_block",
      "spin_indexer_lag_blocks",
      "spin_api_sse_clients",
      "spin_api_uploads_stored_total",
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

  it("checked every JSON response above against its schema in /openapi.json", () => {
    const total = [...contract.checked.values()].reduce((a, b) => a + b, 0);
    expect(total).to.be.greaterThan(50);
  });
});
