/**
 * Direct answers (indexer/src/server/http/direct.ts): only a GET of the route's exact path with
 * a plain query its schema accepts is answered without the API; everything else, and every
 * answer that fails, is the API's to answer.
 */
import { expect } from "chai";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getAddress } from "viem";
import type { Logger } from "../../../indexer/src/config/logger.ts";
import type { RequestHandler } from "../../../indexer/src/listener.ts";
import { createDirectRoutes, plainQuery } from "../../../indexer/src/server/http/direct.ts";
import { createApiStats } from "../../../indexer/src/server/http/stats.ts";
import { licenceCheckQuery } from "../../../indexer/src/server/routes/works.ts";

const account = "0x" + "ab".repeat(20);
const checksummed = getAddress(account);
/** The checksummed address with the case of its first letter swapped. */
const wrongChecksum = checksummed.replace(/[a-fA-F]/, (c) =>
  c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase(),
);

describe("indexer direct answers", function () {
  let server: Server;
  let url: string;
  const stats = createApiStats();
  const warnings: { message: string; context?: Record<string, unknown> }[] = [];
  const logger: Logger = {
    info: () => {},
    debug: () => {},
    error: () => {},
    warn: (message, context) => warnings.push({ message, context }),
  };
  /** What the answer function does next: answer, fail, or answer what JSON cannot hold. */
  let behaviour: "answer" | "fail" | "throw" | "unserialisable" | "nothing" = "answer";
  const asked: unknown[] = [];
  const api: RequestHandler = (request, response) => {
    response.writeHead(418, { "content-type": "text/plain" });
    response.end(`api ${request.method} ${request.url}`);
  };

  before(async () => {
    const direct = createDirectRoutes(stats, logger);
    const schema = licenceCheckQuery;
    direct.get("/check", schema, (query) => {
      asked.push(query);
      // Thrown before any promise exists, as a function that is not async may do.
      if (behaviour === "throw") throw new Error("the checker is broken");
      if (behaviour === "fail") return Promise.reject(new Error("the store is gone"));
      if (behaviour === "unserialisable") return Promise.resolve({ big: 1n });
      if (behaviour === "nothing") return Promise.resolve(undefined);
      return Promise.resolve({ ok: true, query });
    });
    expect(() => direct.get("/check", schema, async () => null)).to.throw(/already/);
    server = createServer(direct.handler(api));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(() => {
    behaviour = "answer";
    asked.length = 0;
    warnings.length = 0;
  });

  it("answers a plain, valid GET itself, with the API's headers", async () => {
    const before = stats.directAnswers;
    const response = await fetch(`${url}/check?account=${checksummed}&workId=7`);
    expect(response.status).to.equal(200);
    const text = await response.text();
    expect(JSON.parse(text)).to.deep.equal({
      ok: true,
      query: { account, workId: 7 },
    });
    expect(response.headers.get("content-type")).to.equal("application/json");
    expect(response.headers.get("x-content-type-options")).to.equal("nosniff");
    expect(response.headers.get("content-length")).to.equal(String(Buffer.byteLength(text)));
    expect(response.headers.get("x-request-id")).to.match(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(stats.directAnswers).to.equal(before + 1);
  });

  /** Each is a valid question but for the one thing named. */
  const q = `account=${account}&workId=7`;
  const handedOn: [string, string, RequestInit?][] = [
    ["another method", `/check?${q}`, { method: "POST", body: "{}" }],
    ["HEAD", `/check?${q}`, { method: "HEAD" }],
    ["another path", `/other?${q}`],
    ["a trailing slash", `/check/?${q}`],
    ["no query", "/check"],
    ["an empty query", "/check?"],
    ["a percent-encoded character", `/check?account=%30x${"ab".repeat(20)}&workId=7`],
    ["an encoded plus sign", `/check?account=${account}&workId=%2B7`],
    ["a literal plus sign", `/check?account=${account}&workId=+7`],
    ["a name given twice", `/check?${q}&account=${account}`],
    ["a name without a value", `/check?${q}&contentHash`],
    ["an empty value", `/check?account=${account}&workId=`],
    ["an empty part", `/check?account=${account}&&workId=7`],
    ["an unknown name", `/check?${q}&as=admin`],
    ["a prototype key", `/check?${q}&__proto__=1`],
    ["a value the schema refuses", `/check?account=${account}&workId=07`],
    ["a wrong checksum", `/check?account=${wrongChecksum}&workId=7`],
    ["a missing required name", "/check?workId=7"],
    ["both work references", `/check?${q}&contentHash=0x${"00".repeat(32)}`],
    ["an encoded fragment", `/check?account=${account}&workId=7%23x`],
  ];
  for (const [what, route, init] of handedOn) {
    it(`hands ${what} to the API`, async () => {
      const before = stats.directAnswers;
      const response = await fetch(`${url}${route}`, init);
      expect(response.status, route).to.equal(418);
      if (init?.method !== "HEAD") expect(await response.text()).to.match(/^api /);
      expect(asked, "the answer function ran").to.deep.equal([]);
      expect(stats.directAnswers).to.equal(before);
    });
  }

  it("hands a request with a Host header the API would refuse to the API", async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(
        `${url}/check?${q}`,
        { headers: { host: "spin.example/evil" } },
        (response) => {
          let body = "";
          response.on("data", (chunk: Buffer) => (body += chunk.toString()));
          response.on("end", () => resolve({ status: response.statusCode!, body }));
        },
      );
      request.on("error", reject);
      request.end();
    });
    expect(answer.status).to.equal(418);
    expect(asked).to.deep.equal([]);
  });

  const failures = {
    fail: ["fails", /the store is gone/],
    throw: ["throws", /the checker is broken/],
    unserialisable: ["is not JSON", /BigInt/],
    nothing: ["is nothing", /no JSON form/],
  } as const;
  for (const failure of ["fail", "throw", "unserialisable", "nothing"] as const) {
    it(`hands a request whose answer ${failures[failure][0]} to the API, and says so`, async () => {
      behaviour = failure;
      const before = stats.directAnswers;
      const response = await fetch(`${url}/check?account=${account}&workId=7`);
      expect(response.status).to.equal(418);
      expect(await response.text()).to.equal(`api GET /check?account=${account}&workId=7`);
      expect(asked).to.have.length(1);
      expect(stats.directAnswers).to.equal(before);
      expect(warnings).to.have.length(1);
      expect(warnings[0].message).to.match(/direct answer failed/);
      expect(warnings[0].context).to.include({ path: "/check" });
      expect(String(warnings[0].context?.error)).to.match(failures[failure][1]);
    });
  }

  it("reads a query only when every part is plain and named once", () => {
    expect(plainQuery("a=1&b=x.y_z-0")).to.deep.equal({ a: "1", b: "x.y_z-0" });
    expect(Object.getPrototypeOf(plainQuery("a=1"))).to.equal(null);
    for (const search of [
      "",
      "a",
      "a=",
      "=1",
      "a=1&",
      "a=1&a=2",
      "a=%31",
      "a=+",
      "a b=1",
      "1a=1",
    ]) {
      expect(plainQuery(search), search).to.equal(null);
    }
  });
});
