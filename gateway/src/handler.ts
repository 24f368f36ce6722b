import {
  describeError,
  internalError,
  invalidRequest,
  JsonRpcError,
  methodNotEnabled,
  senderNotAuthorized,
} from "./errors.ts";
import {
  errorResponse,
  idOf,
  isNotification,
  parseRequest,
  type JsonRpcRequest,
  type JsonRpcResponse,
} from "./json-rpc.ts";
import type { Limiter } from "./limiter.ts";
import type { GatewayLogger } from "./log.ts";
import type { PermissionCheck } from "./permission.ts";
import { SENDING_METHODS } from "./transaction-intent.ts";

/** Sends one request to the node and returns its answer unchanged. */
export type Forward = (request: JsonRpcRequest) => Promise<JsonRpcResponse>;

/** What a transport gets back: one response, a batch of them, or nothing (notifications only). */
export type HandlerResult = JsonRpcResponse | JsonRpcResponse[] | undefined;

export type RequestHandler = (payload: unknown, forward: Forward) => Promise<HandlerResult>;

export type RequestHandlerOptions = {
  permission: PermissionCheck;
  limiter: Limiter;
  logger: GatewayLogger;
  maxBatchSize: number;
  allowNodeControl: boolean;
};

/**
 * Namespaces of methods that control the node rather than read the chain or send a transaction:
 * development chains' time travel and impersonation, and Besu's admin, consensus and
 * permissioning APIs.
 */
const NODE_CONTROL =
  /^(evm|anvil|hardhat|ganache|admin|debug|miner|perm|qbft|ibft|clique|personal|plugins)_/;

/** Whether `method` controls the node (and is refused unless node control is allowed). */
export function isNodeControl(method: string): boolean {
  return NODE_CONTROL.test(method) && !SENDING_METHODS.has(method);
}

/**
 * Answers a parsed JSON-RPC payload: refuses node control (unless allowed) and transactions
 * whose sender the registry does not allow, forwards everything else, and turns every failure
 * into a JSON-RPC error.
 */
export function createRequestHandler(options: RequestHandlerOptions): RequestHandler {
  const { permission, limiter, logger, maxBatchSize, allowNodeControl } = options;

  async function refuseUnlessAllowed(request: JsonRpcRequest): Promise<void> {
    const readIntent = SENDING_METHODS.get(request.method);
    if (readIntent === undefined) return;
    const intent = await readIntent(request.params, request.method);
    if (await permission.allows(intent)) return;
    logger.warn("refused transaction: sender not authorized", {
      method: request.method,
      sender: intent.sender,
      target: intent.target,
      value: intent.value,
      registry: permission.registry() ?? null,
    });
    throw senderNotAuthorized();
  }

  async function answer(request: JsonRpcRequest, forward: Forward): Promise<JsonRpcResponse> {
    if (!allowNodeControl && isNodeControl(request.method)) {
      logger.warn("refused node control method", { method: request.method });
      throw methodNotEnabled(request.method);
    }
    await refuseUnlessAllowed(request);
    return forward(request);
  }

  async function handleItem(item: unknown, forward: Forward): Promise<JsonRpcResponse | undefined> {
    let request: JsonRpcRequest;
    try {
      request = parseRequest(item);
    } catch (error) {
      return errorResponse(idOf(item), asRpcError(error));
    }
    let response: JsonRpcResponse;
    try {
      response = await limiter.run(() => answer(request, forward));
    } catch (error) {
      if (!(error instanceof JsonRpcError)) {
        logger.error("request failed", { method: request.method, reason: describeError(error) });
      }
      response = errorResponse(request.id ?? null, asRpcError(error));
    }
    return isNotification(request) ? undefined : response;
  }

  return async (payload, forward) => {
    if (!Array.isArray(payload)) return handleItem(payload, forward);
    if (payload.length === 0) return errorResponse(null, invalidRequest("empty batch"));
    if (payload.length > maxBatchSize) {
      return errorResponse(null, invalidRequest(`a batch holds at most ${maxBatchSize} requests`));
    }
    const responses = await Promise.all(payload.map((item) => handleItem(item, forward)));
    const answered = responses.filter((r): r is JsonRpcResponse => r !== undefined);
    return answered.length === 0 ? undefined : answered;
  };
}

function asRpcError(error: unknown): JsonRpcError {
  return error instanceof JsonRpcError ? error : internalError(describeError(error));
}
