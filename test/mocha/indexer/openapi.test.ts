import { validate } from "@readme/openapi-parser";
import { expect } from "chai";
import { execFile } from "node:child_process";
import { openApiDocument } from "../../../indexer/src/server/document.ts";

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe("the OpenAPI document", function () {
  this.timeout(120_000);

  it("is a valid OpenAPI 3.1 document for a strict parser", async () => {
    const result = await validate(clone(openApiDocument()) as never);
    expect(result.valid, JSON.stringify(result)).to.equal(true);
  });

  it("is refused by the same parser when a path parameter is left undeclared", async () => {
    const document = clone(openApiDocument()) as {
      paths: Record<string, { get?: { parameters?: { in: string }[] } }>;
    };
    const operation = document.paths["/content/{ref}/files/{path}"].get!;
    operation.parameters = operation.parameters!.filter((p) => p.in !== "path");
    expect((await validate(document as never)).valid).to.equal(false);
  });

  it("gives every success response of every operation a schema", () => {
    const document = openApiDocument() as unknown as {
      paths: Record<
        string,
        Record<
          string,
          { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }
        >
      >;
    };
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (!/^2/.test(status) || status === "204") continue;
          const schemas = Object.values(response.content ?? {}).map((c) => c.schema);
          expect(schemas.length, `${method} ${path} ${status}`).to.be.greaterThan(0);
          expect(schemas.every(Boolean), `${method} ${path} ${status}`).to.equal(true);
        }
      }
    }
  });

  it("matches the dApp's generated API types", async () => {
    const output = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ["scripts/api/types.ts", "--check"], (error, stdout, stderr) =>
        error ? reject(new Error(stderr || stdout)) : resolve(stdout),
      ),
    );
    expect(output).to.match(/matches the API/);
  });
});
