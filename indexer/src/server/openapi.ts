/**
 * The OpenAPI document, built from the same zod schemas the routes validate with, so the
 * document cannot drift from what the server accepts.
 */
import { z } from "zod";

export interface RouteDoc {
  method: "get" | "post";
  /** OpenAPI path, e.g. /content/{ref}. */
  path: string;
  summary: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<string, string>;
}

function parameters(schema: z.ZodObject | undefined, location: "path" | "query") {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === "path" || (json.required ?? []).includes(name),
    schema: property,
  }));
}

export function openApiDocument(routes: readonly RouteDoc[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const errorResponse = {
      description: "Invalid request: the JSON body names the field",
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    };
    paths[route.path] ??= {};
    paths[route.path][route.method] = {
      summary: route.summary,
      parameters: [...parameters(route.params, "path"), ...parameters(route.query, "query")],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: {
                "application/json": {
                  schema: z.toJSONSchema(route.body, { io: "input", unrepresentable: "any" }),
                },
              },
            },
          }
        : {}),
      responses: {
        ...Object.fromEntries(
          Object.entries(route.responses).map(([code, description]) => [code, { description }]),
        ),
        ...(route.params || route.query || route.body ? { 400: errorResponse } : {}),
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "SPIN indexer API",
      version: "0.1.0",
      description: "SPIN's contract events, indexed: activity, the common fund, content bundles.",
    },
    paths,
    components: {
      schemas: {
        Error: {
          type: "object",
          required: ["error", "message"],
          properties: {
            error: { type: "string" },
            message: { type: "string" },
            field: { type: ["string", "null"] },
          },
        },
      },
    },
  };
}
