export { startGateway, type Gateway } from "./server.ts";
export { parseGatewayConfig, type GatewayConfig, type GatewayOptions } from "./config.ts";
export { RpcErrorCode, SENDER_NOT_AUTHORIZED_MESSAGE } from "./errors.ts";
export { stderrLogger, type GatewayLogger } from "./log.ts";
export { serveProvider, type Eip1193Provider, type ProviderServer } from "./provider-server.ts";
