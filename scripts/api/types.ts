/**
 * Generates the dApp's API types (web/lib/api/schema.ts) from the indexer's OpenAPI document,
 * which the routes' zod schemas generate: one source for routes, validation, the document and
 * the client's types. `--check` fails instead of writing when the committed file is stale.
 */
import { readFile, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import { format, resolveConfig } from "prettier";
import { openApiDocument } from "../../indexer/src/server/document.ts";

const root = path.resolve(import.meta.dirname, "../..");
const target = path.join(root, "web/lib/api/schema.ts");

const header = `/**
 * The indexer API's types, generated from its OpenAPI document (npm run api:types); do not edit.
 * paths["/route"]["get"]["responses"][200]["content"]["application/json"] is a route's answer;
 * components["schemas"] holds the named shapes (Participant, LedgerEntry, ProposalDetail...).
 */
`;

async function render(): Promise<string> {
  const document = openApiDocument();
  const ast = await openapiTS(JSON.parse(JSON.stringify(document)), { alphabetize: true });
  const text = header + astToString(ast);
  return format(text, { ...(await resolveConfig(target)), filepath: target });
}

const check = process.argv.includes("--check");
const text = await render();
if (check) {
  const current = await readFile(target, "utf8").catch(() => "");
  if (current !== text) {
    process.stderr.write(`${path.relative(root, target)} is stale: run npm run api:types\n`);
    process.exit(1);
  }
  process.stdout.write(`${path.relative(root, target)} matches the API\n`);
} else {
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, text);
  process.stdout.write(`wrote ${path.relative(root, target)}\n`);
}
