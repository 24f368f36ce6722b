export { startGateway, type Gateway, type GatewayClock } from "./server.ts";
export {
  DEFAULT_ALLOWED_ORIGINS,
  parseGatewayConfig,
  type GatewayConfig,
  type GatewayOptions,
} from "./config.ts";
export { RpcErrorCode, SENDER_NOT_AUTHORIZED_MESSAGE } from "./errors.ts";
export {
  createLogger,
  defaultLogger,
  formatLine,
  logFormatFrom,
  type GatewayLogger,
  type LogFormat,
} from "./log.ts";
export { REFUSAL_REASONS, type MetricsSnapshot, type RefusalReason } from "./metrics.ts";
export { LOCAL_CHAIN_ID } from "./node-signing.ts";
export { serveProvider, type Eip1193Provider, type ProviderServer } from "./provider-server.ts";
