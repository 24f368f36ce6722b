/**
 * The content store as an attacker meets it: unsigned, foreign and stale signatures, quotas,
 * oversized bodies, a database failure mid-upload, unregistered bundles left to expire, and
 * files that try to run script when opened.
 */
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdir, mkdtemp, readdir, rename, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildManifest, toCidV1Raw } from "@spin/shared";
import { expect } from "chai";
import { sql } from "kysely";
import { chromium } from "playwright-core";
import { deployChain, type Chain } from "./helpers/chain.ts";
import { contractChecker } from "./helpers/contract.ts";
import { readmeBundle, startTestIndexer, waitForHead } from "./helpers/indexer.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/store.ts";
import { signedUploadForm, uploadBundle, type UploadTarget } from "./helpers/upload.ts";
import type { Indexer } from "../../../indexer/src/index.ts";

const encoder = new TextEncoder();
const MiB = 1024 * 1024;

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: not seen in ${timeoutMs} ms (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("indexer content store", function () {
  this.timeout(300_000);
  let chain: Chain;
  let database: TestDatabase;
  let indexer: Indexer;
  let contentDir: string;
  let target: UploadTarget;
  const contract = contractChecker();
  const get = (route: string, init?: RequestInit) => contract.fetch(`${indexer.url}${route}`, init);

  before(async () => {
    chain = await deployChain();
    database = await createTestDatabase("postgres");
    contentDir = await mkdtemp(path.join(os.tmpdir(), "spin-content-"));
    indexer = await startTestIndexer(chain, database, {
      server: { host: "127.0.0.1", port: 0 },
      contentDir,
      api: { content: { accountPendingBundles: 4, graceSeconds: 3600 } } as never,
    });
    target = {
      url: indexer.url!,
      chainId: chain.chainId,
      registry: chain.contracts.CommonsRegistry!.address,
    };
    await waitForHead(chain, indexer.db);
  });

  after(async () => {
    await indexer?.stop();
    await database?.drop();
    await chain?.close();
    if (contentDir) await rm(contentDir, { recursive: true, force: true });
  });

  const bundleOf = (title: string) =>
    readmeBundle({ title, summary: `About ${title}`, tags: ["test"], machines: [] });
  const errorOf = async (response: Response) =>
    (await response.json()) as {
      error: string;
      field: string | null;
      limit?: number;
      requestId: string;
    };

  describe("who may upload", () => {
    it("refuses an upload without a signature with a 401", async () => {
      const files = bundleOf("Unsigned");
      const form = await signedUploadForm(target, chain.members[0], files);
      form.delete("signature");
      const response = await get("/content", { method: "POST", body: form });
      expect(response.status).to.equal(401);
      expect((await errorOf(response)).field).to.equal("body.signature");
    });

    it("refuses a signature by someone other than the uploader with a 401", async () => {
      const response = await uploadBundle(target, chain.members[1], bundleOf("Forged"), {
        uploader: chain.members[0].address,
      });
      expect(response.status).to.equal(401);
      expect((await errorOf(response)).error).to.equal("bad_signature");
    });

    it("refuses a signature for another registry or chain with a 401", async () => {
      for (const domain of [
        { chainId: chain.chainId, registry: `0x${"99".repeat(20)}` },
        { chainId: chain.chainId + 1, registry: target.registry },
      ]) {
        const response = await uploadBundle(target, chain.members[0], bundleOf("Elsewhere"), {
          domain,
        });
        expect(response.status).to.equal(401);
      }
    });

    it("refuses a signature past its deadline with a 401, and one too far ahead with a 400", async () => {
      const now = BigInt(Math.floor(Date.now() / 1000));
      const stale = await uploadBundle(target, chain.members[0], bundleOf("Stale"), {
        deadline: now - 10n,
      });
      expect(stale.status).to.equal(401);
      expect((await errorOf(stale)).error).to.equal("expired_signature");
      const far = await uploadBundle(target, chain.members[0], bundleOf("Far"), {
        deadline: now + 10n ** 7n,
      });
      expect(far.status).to.equal(400);
    });

    it("refuses an account that is not an admitted member with a 403 and its standing", async () => {
      const [, , , , , , , , stranger] = await chain.ethers.getSigners();
      const response = await uploadBundle(target, stranger, bundleOf("Squatted refund desk"));
      expect(response.status).to.equal(403);
      const body = await errorOf(response);
      expect(body.error).to.equal("not_member");
      expect(body.field).to.equal("body.uploader");
    });

    it("refuses a bundle whose manifest hash is not the signed one", async () => {
      const response = await uploadBundle(target, chain.members[0], bundleOf("Mismatch"), {
        contentHash: `0x${"00".repeat(32)}`,
      });
      expect(response.status).to.equal(400);
      expect((await errorOf(response)).field).to.equal("body.contentHash");
    });

    it("refuses control characters and oversized fields in front matter", async () => {
      for (const title of ["Bad\u0000title", "x".repeat(201)]) {
        const files = [
          { path: "README.md", bytes: encoder.encode(`---\ntitle: "${title}"\nsummary: s\n---\n`) },
        ];
        const response = await uploadBundle(target, chain.members[0], files);
        expect(response.status, title.slice(0, 10)).to.equal(400);
        expect((await errorOf(response)).error).to.equal("invalid_front_matter");
      }
    });
  });

  describe("limits", () => {
    it("stops an account at its quota of unregistered bundles with a 429 giving the limit", async () => {
      const member = chain.members[2];
      const answers: number[] = [];
      for (let i = 0; i < 5; i++)
        answers.push((await uploadBundle(target, member, bundleOf(`Quota ${i}`))).status);
      expect(answers).to.deep.equal([201, 201, 201, 201, 429]);
      const refused = await uploadBundle(target, member, bundleOf("Quota 5"));
      const body = await errorOf(refused);
      expect(body.error).to.equal("quota_exceeded");
      expect(body.limit).to.equal(4);
      // Another member is not held by this one's quota.
      expect(
        (await uploadBundle(target, chain.members[3], bundleOf("Other member"))).status,
      ).to.equal(201);
    });

    it("answers a 47 MiB upload with a 413 JSON body, not a reset connection", async () => {
      const files = [...bundleOf("Huge"), { path: "big.bin", bytes: new Uint8Array(47 * MiB) }];
      const response = await uploadBundle(target, chain.members[0], files);
      expect(response.status).to.equal(413);
      const body = await errorOf(response);
      expect(body.error).to.equal("too_large");
      expect(body.limit).to.equal(32 * MiB);
      expect(await readdir(path.join(contentDir, "incoming"))).to.deep.equal([]);
    });

    it("streams a 20 MiB upload without holding it in memory", async () => {
      const files = [
        ...bundleOf("Twenty"),
        { path: "model.stl", bytes: new Uint8Array(20 * MiB).fill(7) },
      ];
      const request = new Response(await signedUploadForm(target, chain.members[4], files));
      const type = request.headers.get("content-type")!;
      const bodyFile = path.join(contentDir, "..", `upload-${process.pid}.bin`);
      await writeFile(bodyFile, new Uint8Array(await request.arrayBuffer()));
      // The client is another process (curl), so what this process holds is the server's share.
      const held = () => {
        const m = process.memoryUsage();
        return m.heapUsed + m.arrayBuffers;
      };
      const base = held();
      const baseRss = process.memoryUsage().rss;
      let peak = 0;
      let peakRss = 0;
      const sampler = setInterval(() => {
        peak = Math.max(peak, held() - base);
        peakRss = Math.max(peakRss, process.memoryUsage().rss - baseRss);
      }, 2);
      try {
        const status = await new Promise<string>((resolve, reject) =>
          execFile(
            "curl",
            [
              "-s",
              "-o",
              "/dev/null",
              "-w",
              "%{http_code}",
              "-H",
              `content-type: ${type}`,
              "--data-binary",
              `@${bodyFile}`,
              `${indexer.url}/content`,
            ],
            (error, stdout) => (error ? reject(error) : resolve(stdout)),
          ),
        );
        expect(status).to.equal("201");
      } finally {
        clearInterval(sampler);
        await rm(bodyFile, { force: true });
      }
      console.log(
        `      20 MiB upload: server heap + buffers peak +${(peak / MiB).toFixed(1)} MiB, RSS peak +${(peakRss / MiB).toFixed(1)} MiB`,
      );
      // RSS: the process never grew by the upload's size. Heap + buffers also counts the
      // streamed chunks not yet collected, so it is bounded by one copy, never two.
      expect(peakRss).to.be.lessThan(20 * MiB);
      expect(peak).to.be.lessThan(2 * 20 * MiB);
    });
  });

  describe("atomic uploads", () => {
    it("leaves nothing behind when the database refuses the upload", async () => {
      await sql`ALTER TABLE content_bundles ADD CONSTRAINT test_doomed CHECK (title <> 'Doomed')`.execute(
        indexer.db,
      );
      try {
        const files = [
          ...bundleOf("Doomed"),
          { path: "part.svg", bytes: encoder.encode("<svg>doomed</svg>") },
        ];
        const manifest = await buildManifest(files);
        const response = await uploadBundle(target, chain.members[0], files);
        expect(response.status).to.equal(500);
        const body = await errorOf(response);
        expect(body.requestId).to.equal(response.headers.get("x-request-id"));
        for (const route of ["", "/manifest", "/files/README.md", "/files/part.svg"]) {
          expect((await get(`/content/${manifest.contentHash}${route}`)).status, route).to.equal(
            404,
          );
        }
        const blobs = await readdir(path.join(contentDir, "blobs"));
        for (const entry of manifest.entries) expect(blobs).not.to.include(entry.sha256);
        expect(await readdir(path.join(contentDir, "incoming"))).to.deep.equal([]);
      } finally {
        await sql`ALTER TABLE content_bundles DROP CONSTRAINT test_doomed`.execute(indexer.db);
      }
    });
  });

  describe("serving", () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>fetch("BEACON")</script></svg>';
    let hash: `0x${string}`;
    let files: { path: string; bytes: Uint8Array }[];

    before(async () => {
      files = [
        ...bundleOf("Served"),
        { path: "evil.svg", bytes: encoder.encode(svg) },
        { path: "page.html", bytes: encoder.encode("<script>1</script>") },
        { path: "photo.png", bytes: new Uint8Array([137, 80, 78, 71]) },
      ];
      hash = (await buildManifest(files)).contentHash;
      expect((await uploadBundle(target, chain.members[1], files)).status).to.equal(201);
    });

    it("serves active types as attachments and passive images inline, all sandboxed and immutable", async () => {
      for (const [file, disposition, type] of [
        ["evil.svg", "attachment", "image/svg+xml"],
        ["page.html", "attachment", "text/html; charset=utf-8"],
        ["README.md", "attachment", "text/markdown; charset=utf-8"],
        ["photo.png", "inline", "image/png"],
      ]) {
        const response = await get(`/content/${hash}/files/${file}`);
        expect(response.status, file).to.equal(200);
        expect(response.headers.get("content-type"), file).to.equal(type);
        expect(response.headers.get("content-disposition"), file).to.match(
          new RegExp(`^${disposition}`),
        );
        expect(response.headers.get("x-content-type-options")).to.equal("nosniff");
        expect(response.headers.get("content-security-policy")).to.equal(
          "sandbox; default-src 'none'",
        );
        expect(response.headers.get("cache-control")).to.equal(
          "public, max-age=31536000, immutable",
        );
      }
    });

    it("gives each file its CID as ETag and answers If-None-Match with a 304", async () => {
      const entry = (await buildManifest(files)).entries.find((e) => e.path === "evil.svg")!;
      const etag = `"${toCidV1Raw(Buffer.from(entry.sha256, "hex"))}"`;
      const first = await get(`/content/${hash}/files/evil.svg`);
      expect(first.headers.get("etag")).to.equal(etag);
      const again = await get(`/content/${hash}/files/evil.svg`, {
        headers: { "if-none-match": etag },
      });
      expect(again.status).to.equal(304);
      expect(again.headers.get("etag")).to.equal(etag);
      const manifest = await get(`/content/${hash}/manifest`);
      const manifestEtag = manifest.headers.get("etag")!;
      expect(
        (await get(`/content/${hash}/manifest`, { headers: { "if-none-match": manifestEtag } }))
          .status,
      ).to.equal(304);
    });

    it("runs no script of an uploaded SVG opened in Chromium, where the same file served plainly does", async () => {
      let beacons = 0;
      let controls = 0;
      const beacon: Server = createServer((req, res) => {
        if (req.url === "/hit") beacons += 1;
        if (req.url === "/control") controls += 1;
        if (req.url === "/plain.svg" || req.url === "/control.svg") {
          res.writeHead(200, { "content-type": "image/svg+xml" });
          return res.end(svg.replace("BEACON", req.url === "/plain.svg" ? "/hit" : "/control"));
        }
        // The stored file embedded three ways, then a control frame whose script runs: once its
        // beacon is in, so would be any the frames before it sent.
        const api = `${indexer.url}/content/${hash}/files/evil-beacon.svg`;
        res.writeHead(200, { "content-type": "text/html" });
        res.end(
          `<img src="${api}"><iframe src="${api}"></iframe><object data="${api}"></object>` +
            `<iframe src="/control.svg"></iframe>`,
        );
      });
      await new Promise<void>((resolve) => beacon.listen(0, "127.0.0.1", resolve));
      const beaconUrl = `http://127.0.0.1:${(beacon.address() as AddressInfo).port}`;
      const armed = [
        ...bundleOf("Armed"),
        {
          path: "evil-beacon.svg",
          bytes: encoder.encode(svg.replace("BEACON", `${beaconUrl}/hit`)),
        },
      ];
      const armedHash = (await buildManifest(armed)).contentHash;
      expect((await uploadBundle(target, chain.members[1], armed)).status).to.equal(201);
      hash = armedHash;
      const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
      });
      try {
        const page = await browser.newPage();
        // The control: the same script, served without the store's headers, runs.
        await page.goto(`${beaconUrl}/plain.svg`);
        await until("the control's beacon", async () => (beacons > 0 ? true : undefined), 15_000);
        const ran = beacons;
        const embedded = async () => {
          const before = controls;
          await page.goto(`${beaconUrl}/embed`, { waitUntil: "load" });
          await until("the control frame's beacon", async () =>
            controls > before ? true : undefined,
          );
        };
        await embedded();
        expect(beacons).to.equal(ran);
        // Opened directly, the file is a download (Content-Disposition: attachment): no page.
        const opened = await page
          .goto(`${indexer.url}/content/${armedHash}/files/evil-beacon.svg`)
          .then(
            () => "a page",
            (error: Error) => error.message,
          );
        await embedded();
        expect(beacons, `opened directly: ${opened}`).to.equal(ran);
        expect(opened).to.match(/Download is starting/);
      } finally {
        await browser.close();
        await new Promise<void>((resolve) => beacon.close(() => resolve()));
      }
    });
  });

  describe("the grace period and repairs", () => {
    let short: Indexer;
    let shortDir: string;
    let shortDb: TestDatabase;

    before(async () => {
      shortDb = await createTestDatabase("pglite");
      shortDir = await mkdtemp(path.join(os.tmpdir(), "spin-content-"));
      short = await startTestIndexer(chain, shortDb, {
        server: { host: "127.0.0.1", port: 0 },
        contentDir: shortDir,
        api: { content: { graceSeconds: 1, janitorIntervalMs: 100, staleAfterMs: 0 } } as never,
      });
      await waitForHead(chain, short.db);
    });

    after(async () => {
      await short?.stop();
      await shortDb?.drop();
      if (shortDir) await rm(shortDir, { recursive: true, force: true });
    });

    it("removes a bundle no registered work names once its grace period is over", async () => {
      const shortTarget = { ...target, url: short.url! };
      const files = bundleOf("Squatter");
      const manifest = await buildManifest(files);
      expect((await uploadBundle(shortTarget, chain.members[0], files)).status).to.equal(201);
      await until("the expired bundle's removal", async () => {
        const [bundle, file] = await Promise.all([
          fetch(`${short.url}/content/${manifest.contentHash}`),
          fetch(`${short.url}/content/${manifest.contentHash}/files/README.md`),
        ]);
        return bundle.status === 404 && file.status === 404 ? true : undefined;
      });
      await until("its blob's removal", async () =>
        (await readdir(path.join(shortDir, "blobs"))).includes(manifest.entries[0].sha256)
          ? undefined
          : true,
      );
    });

    it("repairs what a crash left: a staged upload, an unused blob, a row without its manifest", async () => {
      // Made an hour old beside the store, then moved in whole (a move keeps the times): the
      // janitor, which takes anything older than nothing as debris, never sees them half made.
      const old = new Date(Date.now() - 3_600_000);
      const prepared = await mkdtemp(path.join(shortDir, "prepared-"));
      await mkdir(path.join(prepared, "crashed"));
      await writeFile(path.join(prepared, "crashed", "0"), "half");
      await utimes(path.join(prepared, "crashed"), old, old);
      await writeFile(path.join(prepared, "blob"), "orphan");
      await utimes(path.join(prepared, "blob"), old, old);
      await rename(path.join(prepared, "crashed"), path.join(shortDir, "incoming", "crashed"));
      await rename(path.join(prepared, "blob"), path.join(shortDir, "blobs", "ab".repeat(32)));
      const lost = `0x${"cd".repeat(32)}`;
      await sql`INSERT INTO content_bundles (content_hash, cid, total_size, file_count, title, summary, tags, machines, stored_at)
        VALUES (${lost}, ${"bafkrei" + "a".repeat(52)}, 1, 1, 'Lost', 'Lost', '[]', '[]', now() - interval '1 hour')`.execute(
        short.db,
      );
      await until("the repairs", async () => {
        const incoming = await readdir(path.join(shortDir, "incoming"));
        const blobs = await readdir(path.join(shortDir, "blobs"));
        const row = await sql`SELECT 1 FROM content_bundles WHERE content_hash = ${lost}`.execute(
          short.db,
        );
        return incoming.length === 0 && !blobs.includes("ab".repeat(32)) && row.rows.length === 0
          ? true
          : undefined;
      });
    });
  });
});
