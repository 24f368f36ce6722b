/** JSON-RPC error codes the gateway answers with (JSON-RPC 2.0 and Besu's permissioning code). */
export const RpcErrorCode = {
  parseError: -32700,
  invalidRequest: -32600,
  invalidParams: -32602,
  internalError: -32603,
  limitExceeded: -32005,
  /** Besu: the method exists but is not enabled on this endpoint. */
  methodNotEnabled: -32604,
  /** Besu: the sender is not on the accounts allowlist. */
  senderNotAuthorized: -32007,
} as const;

/** The message Besu returns with -32007; clients match on it, so it is kept verbatim. */
export const SENDER_NOT_AUTHORIZED_MESSAGE = "Sender account not authorized to send transactions";

/** An error the gateway answers with, in place of a result. */
export class JsonRpcError extends Error {
  readonly code: number;
  readonly data: unknown;

  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.name = "JsonRpcError";
    this.code = code;
    this.data = data;
  }

  toJSON(): { code: number; message: string; data?: unknown } {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }
}

export function parseError(detail: string): JsonRpcError {
  return new JsonRpcError(RpcErrorCode.parseError, "Parse error", detail);
}

export function invalidRequest(detail: string): JsonRpcError {
  return new JsonRpcError(RpcErrorCode.invalidRequest, "Invalid Request", detail);
}

export function invalidParams(detail: string): JsonRpcError {
  return new JsonRpcError(RpcErrorCode.invalidParams, "Invalid params", detail);
}

export function internalError(detail: string): JsonRpcError {
  return new JsonRpcError(RpcErrorCode.internalError, "Internal error", detail);
}

export function limitExceeded(detail: string): JsonRpcError {
  return new JsonRpcError(RpcErrorCode.limitExceeded, "Limit exceeded", detail);
}

export function methodNotEnabled(method: string): JsonRpcError {
  return new JsonRpcError(
    RpcErrorCode.methodNotEnabled,
    "Method not enabled",
    `${method} controls the node; the gateway does not forward it`,
  );
}

export function senderNotAuthorized(): JsonRpcError {
  return new JsonRpcError(RpcErrorCode.senderNotAuthorized, SENDER_NOT_AUTHORIZED_MESSAGE);
}

/** The message of anything thrown, for error details and log lines. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split("\n")[0] ?? error.name;
  return String(error);
}
