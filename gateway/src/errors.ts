import type { RefusalReason } from "./metrics.ts";

/** JSON-RPC error codes the gateway answers with (JSON-RPC 2.0 and Besu's permissioning code). */
export const RpcErrorCode = {
  parseError: -32700,
  invalidRequest: -32600,
  invalidParams: -32602,
  internalError: -32603,
  limitExceeded: -32005,
  /** Besu: no such method. */
  methodNotFound: -32601,
  /** Besu: the method exists but is not enabled on this endpoint. */
  methodNotEnabled: -32604,
  /** Besu: the sender is not on the accounts allowlist. */
  senderNotAuthorized: -32007,
} as const;

/** The message Besu returns with -32007; clients match on it, so it is kept verbatim. */
export const SENDER_NOT_AUTHORIZED_MESSAGE = "Sender account not authorized to send transactions";

/**
 * An error the gateway answers with, in place of a result. `reason` is set when the gateway
 * refused the request (counted and logged as a refusal); unset for failures (the node is down).
 */
export class JsonRpcError extends Error {
  readonly code: number;
  readonly data: unknown;
  readonly reason: RefusalReason | undefined;
  /** What the refusal's log line adds (the refused sender, the limit...). */
  logFields: Record<string, unknown> = {};

  constructor(code: number, message: string, data?: unknown, reason?: RefusalReason) {
    super(message);
    this.name = "JsonRpcError";
    this.code = code;
    this.data = data;
    this.reason = reason;
  }

  toJSON(): { code: number; message: string; data?: unknown } {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }
}

export function parseError(detail: string): JsonRpcError {
  return new JsonRpcError(RpcErrorCode.parseError, "Parse error", detail, "parse_error");
}

export function invalidRequest(
  detail: string,
  reason: RefusalReason = "invalid_request",
): JsonRpcError {
  return new JsonRpcError(RpcErrorCode.invalidRequest, "Invalid Request", detail, reason);
}

export function invalidParams(detail: string): JsonRpcError {
  return new JsonRpcError(RpcErrorCode.invalidParams, "Invalid params", detail, "invalid_params");
}

export function internalError(detail: string): JsonRpcError {
  return new JsonRpcError(RpcErrorCode.internalError, "Internal error", detail);
}

export function limitExceeded(detail: string, reason: RefusalReason): JsonRpcError {
  return new JsonRpcError(RpcErrorCode.limitExceeded, "Limit exceeded", detail, reason);
}

/** Besu's answer for a method it does not know; `data` says what the gateway serves. */
export function methodNotFound(method: string): JsonRpcError {
  return new JsonRpcError(
    RpcErrorCode.methodNotFound,
    "Method not found",
    `${method} is not a method this gateway serves`,
    "method_not_found",
  );
}

/** Besu's answer for a method it knows but does not serve here; `detail` says why. */
export function methodNotEnabled(
  detail: string,
  reason: RefusalReason = "method_not_enabled",
): JsonRpcError {
  return new JsonRpcError(RpcErrorCode.methodNotEnabled, "Method not enabled", detail, reason);
}

/**
 * Besu's refusal, verbatim for a transaction's sender; `detail` names any other signer refused
 * (an EIP-7702 authority), since the sender alone would not explain it.
 */
export function senderNotAuthorized(authority?: string): JsonRpcError {
  return authority === undefined
    ? new JsonRpcError(
        RpcErrorCode.senderNotAuthorized,
        SENDER_NOT_AUTHORIZED_MESSAGE,
        undefined,
        "sender_not_authorized",
      )
    : new JsonRpcError(
        RpcErrorCode.senderNotAuthorized,
        SENDER_NOT_AUTHORIZED_MESSAGE,
        `the EIP-7702 authorization signed by ${authority} is not authorized`,
        "authority_not_authorized",
      );
}

/** The message of anything thrown, for error details and log lines. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split("\n")[0] ?? error.name;
  return String(error);
}
