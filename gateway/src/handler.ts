/**
 * One JSON-RPC payload, item by item: the client's rate, then the method allow-list, then
 * node-signing's flag, then (within the client's and the node's concurrency caps) the registry's
 * rule for whoever signs, and only then the node. Every refusal is an error with a reason,
 * counted and logged once here.
 */
import { rpcMethodKind } from "@spin/shared";
import {
  describeError,
  internalError,
  invalidRequest,
  JsonRpcError,
  limitExceeded,
  methodNotEnabled,
  methodNotFound,
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
import type { ClientLimits } from "./client-limits.ts";
import type { Limiter } from "./limiter.ts";
import type { GatewayLogger } from "./log.ts";
import type { Metrics, Transport } from "./metrics.ts";
import type { NodeSigning } from "./node-signing.ts";
import type { PermissionCheck } from "./permission.ts";
import type { Refusals } from "./refusals.ts";
import { SIGNING_METHODS } from "./transaction-intent.ts";

/** Sends one request to the node and returns its answer unchanged. */
export type Forward = (request: JsonRpcRequest) => Promise<JsonRpcResponse>;

/** What a transport gets back: one response, a batch of them, or nothing (notifications only). */
export type HandlerResult = JsonRpcResponse | JsonRpcResponse[] | undefined;

/** A WebSocket connection's subscriptions, bounded: a slot is reserved before eth_subscribe. */
export type SubscriptionSlots = {
  max: number;
  reserve(): boolean;
  /** The node answered: keep the subscription under its id, or free the slot. */
  settle(id: string | undefined): void;
  remove(id: string): void;
};

/** Who sent the payload, and over what. */
export type RequestContext = {
  client: string;
  transport: Transport;
  forward: Forward;
  /** WebSocket only: the connection's subscriptions. */
  subscriptions?: SubscriptionSlots;
};

export type RequestHandler = (payload: unknown, context: RequestContext) => Promise<HandlerResult>;

export type RequestHandlerOptions = {
  permission: PermissionCheck;
  nodeSigning: NodeSigning;
  clientLimits: ClientLimits;
  limiter: Limiter;
  metrics: Metrics;
  refusals: Refusals;
  logger: GatewayLogger;
  maxBatchSize: number;
  clientRatePerSecond: number;
};

const result = (request: JsonRpcRequest, value: unknown): JsonRpcResponse => ({
  jsonrpc: "2.0",
  id: request.id ?? null,
  result: value,
});

export function createRequestHandler(options: RequestHandlerOptions): RequestHandler {
  const { permission, nodeSigning, clientLimits, limiter, metrics, refusals, logger } = options;

  /** The allow-list: which methods are served at all, and to whom. */
  async function checkMethod(request: JsonRpcRequest, context: RequestContext) {
    const { method } = request;
    switch (rpcMethodKind(method)) {
      case "public":
        return undefined;
      case "subscription":
        if (context.transport === "ws") return undefined;
        throw methodNotEnabled(`${method} needs a WebSocket connection to this gateway`);
      case "node-signing": {
        const refusal = await nodeSigning.refusal(method);
        // Not a refusal: the honest answer is that this endpoint holds no accounts for anyone.
        if (refusal !== undefined && method === "eth_accounts") return result(request, []);
        if (refusal !== undefined) throw refusal;
        return undefined;
      }
      case "disabled":
        throw methodNotEnabled(`${method} is not served by this gateway`);
      case "unknown":
        throw methodNotFound(method);
    }
  }

  /** The registry's rule for the sender and every EIP-7702 authority of what is signed. */
  async function checkSigners(request: JsonRpcRequest): Promise<void> {
    const readIntent = SIGNING_METHODS.get(request.method);
    if (readIntent === undefined) return;
    const intent = await readIntent(request.params, request.method);
    const refused = await permission.refused(intent);
    if (refused === undefined) return;
    const error = senderNotAuthorized("authority" in refused ? refused.authority : undefined);
    error.logFields = {
      sender: intent.sender,
      target: intent.target,
      value: intent.value,
      ...refused,
      registry: permission.registry() ?? null,
    };
    throw error;
  }

  async function forwardSubscribe(request: JsonRpcRequest, context: RequestContext) {
    const slots = context.subscriptions;
    if (slots === undefined) {
      metrics.forwarded();
      return context.forward(request);
    }
    if (!slots.reserve()) {
      throw limitExceeded(
        `a connection holds at most ${slots.max} subscriptions; eth_unsubscribe one first`,
        "websocket_subscriptions",
      );
    }
    let id: string | undefined;
    try {
      metrics.forwarded();
      const response = await context.forward(request);
      if ("result" in response && typeof response.result === "string") id = response.result;
      return response;
    } finally {
      slots.settle(id);
    }
  }

  async function toNode(request: JsonRpcRequest, context: RequestContext) {
    await checkSigners(request);
    if (request.method === "eth_subscribe") return forwardSubscribe(request, context);
    metrics.forwarded();
    const response = await context.forward(request);
    if (request.method === "eth_unsubscribe" && "result" in response && response.result === true) {
      const [id] = Array.isArray(request.params) ? request.params : [];
      if (typeof id === "string") context.subscriptions?.remove(id);
    }
    return response;
  }

  async function answer(request: JsonRpcRequest, context: RequestContext) {
    if (!clientLimits.take(context.client)) {
      throw limitExceeded(
        `this client may send ${options.clientRatePerSecond} requests per second`,
        "rate_limited",
      );
    }
    const local = await checkMethod(request, context);
    if (local !== undefined) return local;
    return clientLimits.run(context.client, () => limiter.run(() => toNode(request, context)));
  }

  function refused(error: unknown, context: RequestContext, method?: string): JsonRpcError {
    if (!(error instanceof JsonRpcError)) {
      logger.error("request failed", {
        method,
        client: context.client,
        reason: describeError(error),
      });
      return internalError(describeError(error));
    }
    if (error.reason !== undefined) {
      refusals.record(error.reason, {
        client: context.client,
        transport: context.transport,
        method,
        ...error.logFields,
      });
    }
    return error;
  }

  async function handleItem(item: unknown, context: RequestContext) {
    let request: JsonRpcRequest;
    try {
      request = parseRequest(item);
    } catch (error) {
      return errorResponse(idOf(item), refused(error, context));
    }
    let response: JsonRpcResponse;
    try {
      response = await answer(request, context);
    } catch (error) {
      response = errorResponse(request.id ?? null, refused(error, context, request.method));
    }
    return isNotification(request) ? undefined : response;
  }

  return async (payload, context) => {
    if (!Array.isArray(payload)) {
      metrics.request(context.transport);
      return handleItem(payload, context);
    }
    metrics.request(context.transport, Math.max(1, payload.length));
    if (payload.length === 0) {
      return errorResponse(null, refused(invalidRequest("empty batch"), context));
    }
    if (payload.length > options.maxBatchSize) {
      const error = invalidRequest(
        `a batch holds at most ${options.maxBatchSize} requests`,
        "batch_too_large",
      );
      return errorResponse(null, refused(error, context));
    }
    const responses = await Promise.all(payload.map((item) => handleItem(item, context)));
    const answered = responses.filter((r): r is JsonRpcResponse => r !== undefined);
    return answered.length === 0 ? undefined : answered;
  };
}
