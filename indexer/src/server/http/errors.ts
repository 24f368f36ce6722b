/**
 * Errors as the API answers them: a JSON body naming the error, the field at fault and the
 * request's id (also in every response's X-Request-Id header and in the log line of any
 * failure). A database error that the input caused (a value the column refuses, a text too long
 * for the search index) is a 400, not a 500.
 */
import { z } from "@hono/zod-openapi";

export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 429 | 500 | 503;

export class ApiError extends Error {
  override name = "ApiError";
  readonly status: ErrorStatus;
  readonly code: string;
  readonly field: string | null;
  /** Extra fields of the body (a limit, what was used). */
  readonly details: Record<string, unknown>;
  constructor(
    status: ErrorStatus,
    code: string,
    message: string,
    field: string | null = null,
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.details = details;
  }
}

export const errorSchema = z
  .object({
    error: z.string().openapi({ example: "invalid_request" }),
    message: z.string(),
    field: z.string().nullable(),
    requestId: z.string(),
    limit: z.number().optional().openapi({ description: "The limit that was exceeded (413, 429)" }),
    used: z.number().optional().openapi({ description: "What is already used of it" }),
  })
  .openapi("Error");

/** SQLSTATE classes an input can cause: data exceptions (22), program limits (54). */
export function isInputDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === "string" && /^(22|54)[0-9A-Z]{3}$/.test(code);
}

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown })?.code === "23505";
}

/** The first issue of a zod error as "where.path message", and its field. */
export function describeIssue(
  where: string,
  error: z.ZodError,
): { field: string; message: string } {
  const issue = error.issues[0];
  const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]] : issue.path;
  const field = [where, ...path.map(String)].join(".");
  const message =
    issue.code === "unrecognized_keys" ? "is not a parameter of this route" : issue.message;
  return { field, message: `${field} ${message}` };
}
