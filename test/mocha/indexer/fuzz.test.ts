/**
 * Walks every route of /openapi.json with bad inputs generated from each parameter's schema
 * (fast-check): values that break a pattern, a bound, an enum, or carry control characters, and
 * unknown parameters. Every answer must be a 4xx JSON error that names a field, never a 5xx; on
 * PGlite and on PostgreSQL.
 */
import { expect } from "chai";
import fc from "fast-check";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { deployChain, deposit, type Chain } from "./helpers/chain.ts";
import { contractChecker } from "./helpers/contract.ts";
import { startTestIndexer, waitForHead } from "./helpers/indexer.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/store.ts";
import type { Indexer } from "../../../indexer/src/index.ts";

interface Parameter {
  name: string;
  in: "path" | "query";
  required?: boolean;
  schema: { type?: string | string[]; pattern?: string; enum?: string[]; maxLength?: number };
}

/** A value the parameter's schema refuses. */
function badValue(p: Parameter): fc.Arbitrary<string> {
  const control = fc.constantFrom("\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\n");
  const broken = [
    fc.constantFrom("0x10", "1e1", " 5 ", "+5", "-1", "05", "1.5", "NaN", "", "%", "0xZZ"),
    fc
      .tuple(fc.string({ maxLength: 8 }), control, fc.string({ maxLength: 8 }))
      .map(([a, c, b]) => a + c + b),
    fc.string({ minLength: 1, maxLength: 20 }).map((s) => `${s}\u0000`),
    fc.constant("9".repeat(80)),
    fc.constant("x".repeat((p.schema.maxLength ?? 1024) + 1)),
  ];
  const controlled = (v: string) => /[\u0000-\u001f\u007f-\u009f]/.test(v);
  return fc.oneof(...broken).filter((v) => {
    const {
      enum: values,
      pattern,
      maxLength,
      minLength,
    } = p.schema as Parameter["schema"] & { minLength?: number };
    if (values) return !values.includes(v);
    if (pattern && !new RegExp(pattern).test(v)) return true;
    if (controlled(v)) return true;
    if (maxLength !== undefined && v.length > maxLength) return true;
    return minLength !== undefined && v.trim().length < minLength;
  });
}

for (const kind of ["pglite", "postgres"] as const) {
  describe(`API fuzzing on ${kind}`, function () {
    this.timeout(600_000);
    let chain: Chain;
    let database: TestDatabase;
    let indexer: Indexer;
    let contentDir: string;
    const contract = contractChecker();

    before(async () => {
      chain = await deployChain();
      await deposit(chain, 2);
      database = await createTestDatabase(kind);
      contentDir = await mkdtemp(path.join(os.tmpdir(), "spin-fuzz-"));
      indexer = await startTestIndexer(chain, database, {
        server: { host: "127.0.0.1", port: 0 },
        contentDir,
      });
      await waitForHead(chain, indexer.db);
    });

    after(async () => {
      await indexer?.stop();
      await database?.drop();
      await chain?.close();
      if (contentDir) await rm(contentDir, { recursive: true, force: true });
    });

    it("answers generated bad inputs on every route with a 4xx naming the field, never a 5xx", async () => {
      const document = (await (await fetch(`${indexer.url}/openapi.json`)).json()) as {
        paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
      };
      const valid: Record<string, string> = {
        subFund: "0",
        account: `0x${"ab".repeat(20)}`,
        workId: "1",
        proposalId: "1",
        ref: `0x${"00".repeat(32)}`,
        profileHash: `0x${"00".repeat(32)}`,
        path: "README.md",
      };
      let requests = 0;
      for (const [route, item] of Object.entries(document.paths)) {
        const get = item.get;
        if (!get || route === "/activity/stream") continue;
        const parameters = get.parameters ?? [];
        const arbitrary = fc
          .record({
            target: parameters.length > 0 ? fc.constantFrom(...parameters) : fc.constant(null),
            bad: fc.constant(null),
            unknown: fc.boolean(),
          })
          .chain(({ target, unknown }) =>
            (target ? badValue(target) : fc.constant("x")).map((value) => ({
              target,
              value,
              unknown,
            })),
          );
        await fc.assert(
          fc.asyncProperty(arbitrary, async ({ target, value, unknown }) => {
            let url = route.replace(/\{(\w+)\}/g, (_m, name: string) =>
              target?.in === "path" && target.name === name
                ? encodeURIComponent(value)
                : valid[name],
            );
            const query = new URLSearchParams();
            if (target?.in === "query") query.set(target.name, value);
            if (unknown || !target) query.set("unknownParameter", value);
            const text = query.toString();
            if (text) url += `?${text}`;
            requests += 1;
            const response = await contract.fetch(`${indexer.url}${url}`);
            expect(response.status, `${url} -> ${response.status}`).to.be.within(400, 499);
            const body = (await response.json()) as { error: string; field: string | null };
            if (response.status === 400) expect(body.field, url).to.be.a("string");
          }),
          { numRuns: 25, seed: 20261201 },
        );
      }
      expect(requests).to.be.greaterThan(400);
    });

    it("answers generated bad signed applications with a 4xx naming the reason, never a 5xx", async () => {
      const applicant = `0x${"cd".repeat(20)}`;
      const valid = {
        application: {
          applicant,
          kind: 1,
          profileURI: "ipfs://profile",
          profileHash: `0x${"11".repeat(32)}`,
          place: { name: "", latitudeE6: 0, longitudeE6: 0, country: "0x0000", machines: [] },
          nonce: "0",
          deadline: String(Math.floor(Date.now() / 1000) + 3600),
        },
        signature: `0x${"ab".repeat(65)}`,
      };
      const text = fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.constantFrom("", "0x", "-1", "1e3", "9".repeat(90), "\u0000", "x".repeat(3000)),
      );
      const value = fc.oneof(
        text,
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.array(text, { maxLength: 70 }),
        fc.dictionary(fc.string({ maxLength: 8 }), text, { maxKeys: 3 }),
      );
      const paths = [
        ["application", "applicant"],
        ["application", "kind"],
        ["application", "profileURI"],
        ["application", "profileHash"],
        ["application", "place"],
        ["application", "place", "name"],
        ["application", "place", "latitudeE6"],
        ["application", "place", "country"],
        ["application", "place", "machines"],
        ["application", "nonce"],
        ["application", "deadline"],
        ["application", "extra"],
        ["signature"],
        ["profile"],
        ["unknown"],
      ];
      let requests = 0;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...paths), value, async (path, bad) => {
          const body = structuredClone(valid) as Record<string, unknown>;
          let target = body;
          for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
          target[path[path.length - 1]] = bad;
          requests += 1;
          const response = await contract.fetch(`${indexer.url}/applications`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
          });
          const answer = (await response.json()) as { error: string; field: string | null };
          expect(response.status, `${path.join(".")} = ${JSON.stringify(bad)}`).to.be.within(
            400,
            499,
          );
          expect(answer.error).to.be.a("string");
          if (response.status === 400) expect(answer.field, path.join(".")).to.be.a("string");
        }),
        { numRuns: 300, seed: 20261202 },
      );
      expect(requests).to.equal(300);
      const notJson = await contract.fetch(`${indexer.url}/applications`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{not json",
      });
      expect(notJson.status).to.equal(400);
    });
  });
}
