#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { GatewayOptions } from "./config.ts";
import { describeError } from "./errors.ts";
import { createLogger, logFormatFrom } from "./log.ts";
import { startGateway } from "./server.ts";

const USAGE = `Usage: node gateway/src/main.ts --upstream <http-url> [options]

  --config <file.json>      every setting (docs/operations.md lists them), as a JSON object;
                            the flags below override it
  --upstream <url>          the node's HTTP JSON-RPC endpoint (required here or in --config)
  --upstream-ws <url>       the node's WebSocket endpoint (default: --upstream with ws://)
  --host <host>             address to listen on (default 127.0.0.1)
  --port <port>             port for HTTP and WebSocket (default 8546)
  --registry <address>      the commons registry; every transaction is checked against it
  --allow <address>         bootstrap mode only (no --registry): an account that may send,
                            repeatable; every other sender is refused
  --allowed-origin <origin> a browser origin allowed to call, repeatable
                            (default http://127.0.0.1:3000 and http://localhost:3000)
  --trusted-proxy <ip>      a reverse proxy whose X-Forwarded-For names the client, repeatable
  --dev-node-signing        serve eth_sendTransaction, eth_sign*, eth_signTransaction and
                            eth_accounts with the node's keys; only while the node's chain id
                            is 31337 (a local development chain). Off by default
  --timeout-ms <ms>         per upstream request (default 30000)
  --max-concurrency <n>     upstream requests in flight, all clients (default 32)
  --client-rate <n>         requests per second per client (default 100)
  --client-burst <n>        requests at once per client after a quiet spell (default 200)
  --max-batch <n>           requests per batch (default 100)
  --metrics-path <path>     where GET serves Prometheus metrics (default /metrics)
  --log-format <text|json>  plain lines for people (default) or JSON lines; also SPIN_LOG_FORMAT
`;

function integer(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new Error(`${flag} must be an integer, got "${value}"`);
  return parsed;
}

function readConfigFile(file: string | undefined): Partial<GatewayOptions> {
  if (file === undefined) return {};
  const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${file} must hold a JSON object of gateway settings`);
  }
  return parsed as Partial<GatewayOptions>;
}

function optionsFromArgs(args: string[]): { options: GatewayOptions; logFormat: string } {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      config: { type: "string" },
      upstream: { type: "string" },
      "upstream-ws": { type: "string" },
      host: { type: "string" },
      port: { type: "string" },
      registry: { type: "string" },
      allow: { type: "string", multiple: true },
      "allowed-origin": { type: "string", multiple: true },
      "trusted-proxy": { type: "string", multiple: true },
      "dev-node-signing": { type: "boolean" },
      "timeout-ms": { type: "string" },
      "max-concurrency": { type: "string" },
      "client-rate": { type: "string" },
      "client-burst": { type: "string" },
      "max-batch": { type: "string" },
      "metrics-path": { type: "string" },
      "log-format": { type: "string" },
      help: { type: "boolean" },
    },
  });
  const file = readConfigFile(values.config);
  if (values.help === true || (values.upstream === undefined && file.upstream === undefined)) {
    process.stdout.write(USAGE);
    process.exit(values.help === true ? 0 : 2);
  }
  if ((values.registry ?? file.registry) !== undefined && values.allow !== undefined) {
    throw new Error("--allow applies only before a registry exists; drop it or --registry");
  }
  const flags: Partial<GatewayOptions> = {
    upstream: values.upstream,
    upstreamWs: values["upstream-ws"],
    host: values.host,
    port: integer(values.port, "--port"),
    registry: values.registry,
    bootstrapAccounts: values.allow,
    allowedOrigins: values["allowed-origin"],
    trustedProxies: values["trusted-proxy"],
    devNodeSigning: values["dev-node-signing"],
    timeoutMs: integer(values["timeout-ms"], "--timeout-ms"),
    maxConcurrency: integer(values["max-concurrency"], "--max-concurrency"),
    clientRatePerSecond: integer(values["client-rate"], "--client-rate"),
    clientBurst: integer(values["client-burst"], "--client-burst"),
    maxBatchSize: integer(values["max-batch"], "--max-batch"),
    metricsPath: values["metrics-path"],
  };
  // Unset flags keep the file's values, and the file's unset fields take the schema's defaults.
  const set = Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined));
  return {
    options: { ...file, ...set } as GatewayOptions,
    logFormat: values["log-format"] ?? process.env.SPIN_LOG_FORMAT ?? "text",
  };
}

let logger = createLogger("text");
try {
  const { options, logFormat } = optionsFromArgs(process.argv.slice(2));
  logger = createLogger(logFormatFrom(logFormat));
  const gateway = await startGateway(options, logger);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      gateway.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error("gateway did not close cleanly", { reason: describeError(error) });
          process.exit(1);
        },
      );
    });
  }
} catch (error) {
  logger.error("gateway failed to start", { reason: describeError(error) });
  process.exit(1);
}
