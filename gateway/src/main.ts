#!/usr/bin/env node
import { parseArgs } from "node:util";
import type { GatewayOptions } from "./config.ts";
import { describeError } from "./errors.ts";
import { stderrLogger } from "./log.ts";
import { startGateway } from "./server.ts";

const USAGE = `Usage: node gateway/src/main.ts --upstream <http-url> [options]

  --upstream <url>        the node's HTTP JSON-RPC endpoint (required)
  --upstream-ws <url>     the node's WebSocket endpoint (default: --upstream with ws://)
  --host <host>           address to listen on (default 127.0.0.1)
  --port <port>           port for HTTP and WebSocket (default 8546)
  --registry <address>    the commons registry; every transaction is checked against it
  --allow <address>       bootstrap mode only (no --registry): an account that may send,
                          repeatable; every other sender is refused
  --timeout-ms <ms>       per upstream request (default 30000)
  --max-concurrency <n>   upstream requests in flight (default 32)
  --max-batch <n>         requests per batch (default 100)
  --allow-node-control    forward evm_*, anvil_*, hardhat_*, admin_*, debug_*, perm_*, ...
                          (a local development chain only; refused by default)
`;

function integer(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new Error(`${flag} must be an integer, got "${value}"`);
  return parsed;
}

function optionsFromArgs(args: string[]): GatewayOptions {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      upstream: { type: "string" },
      "upstream-ws": { type: "string" },
      host: { type: "string" },
      port: { type: "string" },
      registry: { type: "string" },
      allow: { type: "string", multiple: true },
      "timeout-ms": { type: "string" },
      "max-concurrency": { type: "string" },
      "max-batch": { type: "string" },
      "allow-node-control": { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help === true || values.upstream === undefined) {
    process.stdout.write(USAGE);
    process.exit(values.help === true ? 0 : 2);
  }
  if (values.registry !== undefined && values.allow !== undefined) {
    throw new Error("--allow applies only before a registry exists; drop it or --registry");
  }
  const options: GatewayOptions = {
    upstream: values.upstream,
    upstreamWs: values["upstream-ws"],
    host: values.host,
    port: integer(values.port, "--port"),
    registry: values.registry,
    bootstrapAccounts: values.allow,
    timeoutMs: integer(values["timeout-ms"], "--timeout-ms"),
    maxConcurrency: integer(values["max-concurrency"], "--max-concurrency"),
    maxBatchSize: integer(values["max-batch"], "--max-batch"),
    allowNodeControl: values["allow-node-control"],
  };
  // Unset flags take the schema's defaults.
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as GatewayOptions;
}

try {
  const gateway = await startGateway(optionsFromArgs(process.argv.slice(2)));
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      gateway.close().then(
        () => process.exit(0),
        (error: unknown) => {
          stderrLogger.error("gateway did not close cleanly", { reason: describeError(error) });
          process.exit(1);
        },
      );
    });
  }
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error);
  stderrLogger.error("gateway failed to start", { reason });
  process.exit(1);
}
