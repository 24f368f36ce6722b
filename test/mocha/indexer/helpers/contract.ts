/**
 * Holds the API to its own document: every JSON response a test reads through `checkedFetch` is
 * validated (JSON Schema 2020-12, as OpenAPI 3.1 uses) against the schema /openapi.json gives
 * for its route, method and status; a response that does not match fails the test.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { openApiDocument } from "../../../../indexer/src/server/document.ts";

type Document = ReturnType<typeof openApiDocument>;

interface Operation {
  regex: RegExp;
  method: string;
  path: string;
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}

export interface ContractChecker {
  /** fetch, then validate the response against the document; returns the response unread. */
  fetch(url: string, init?: RequestInit): Promise<Response>;
  /** Responses validated so far, by "METHOD /path status". */
  readonly checked: Map<string, number>;
}

function operationsOf(document: Document): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const regex = new RegExp(
      `^${path.replace(/\{path\}/, "(.+)").replace(/\{[^}]+\}/g, "[^/]+")}$`,
    );
    for (const [method, operation] of Object.entries(item as Record<string, unknown>)) {
      operations.push({
        regex,
        method: method.toUpperCase(),
        path,
        responses: (operation as Operation).responses,
      });
    }
  }
  // Literal paths before templated ones (/funds/ledger before /funds/{subFund}/...).
  return operations.sort((a, b) => (a.path.includes("{") ? 1 : 0) - (b.path.includes("{") ? 1 : 0));
}

export function contractChecker(document: Document = openApiDocument()): ContractChecker {
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
  const operations = operationsOf(document);
  const compiled = new Map<string, ValidateFunction>();
  const checked = new Map<string, number>();
  const validatorFor = (key: string, schema: object) => {
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile({ ...schema, components: document.components });
      compiled.set(key, validate);
    }
    return validate;
  };
  return {
    checked,
    async fetch(url, init) {
      const response = await fetch(url, init);
      const { pathname } = new URL(url);
      const method = (init?.method ?? "GET").toUpperCase();
      const operation = operations.find((o) => o.method === method && o.regex.test(pathname));
      const type = response.headers.get("content-type") ?? "";
      if (!operation) {
        if (![400, 404, 405].includes(response.status)) {
          throw new Error(
            `${method} ${pathname} answered ${response.status} but the document has no such operation`,
          );
        }
        return response;
      }
      const declared = operation.responses[String(response.status)] ?? operation.responses.default;
      if (!declared)
        throw new Error(
          `${method} ${operation.path} answered ${response.status}, which it does not document`,
        );
      if (!type.startsWith("application/json") || response.status === 304) return response;
      const schema = declared.content?.["application/json"]?.schema;
      if (!schema)
        throw new Error(
          `${method} ${operation.path} ${response.status} answered JSON, documented without it`,
        );
      const body: unknown = await response.clone().json();
      const key = `${method} ${operation.path} ${response.status}`;
      const validate = validatorFor(key, schema);
      if (!validate(body)) {
        throw new Error(
          `${key} does not match its schema: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`,
        );
      }
      checked.set(key, (checked.get(key) ?? 0) + 1);
      return response;
    },
  };
}
