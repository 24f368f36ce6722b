import { createPublicClient, http, type Address } from "viem";
import { describeError, internalError } from "./errors.ts";
import type { GatewayLogger } from "./log.ts";
import { transactionRuleAbi } from "./registry-abi.ts";
import type { TransactionIntent } from "./transaction-intent.ts";

/**
 * Decides whether a transaction may reach the node. Fails closed: with no registry only the
 * bootstrap accounts may send; once a registry is set (a one-way switch) every sender is checked
 * against it, and a registry that cannot be read refuses everything.
 */
export type PermissionCheck = {
  /** True when the registry (or, before it is set, the bootstrap allowlist) allows the sender. */
  allows(intent: TransactionIntent): Promise<boolean>;
  /** Starts checking against `registry`; the bootstrap allowlist stops applying. */
  setRegistry(registry: Address): void;
  registry(): Address | undefined;
};

export type PermissionCheckOptions = {
  upstream: string;
  timeoutMs: number;
  registry?: Address | undefined;
  bootstrapAccounts: readonly Address[];
  logger: GatewayLogger;
};

export function createPermissionCheck(options: PermissionCheckOptions): PermissionCheck {
  const client = createPublicClient({
    transport: http(options.upstream, { timeout: options.timeoutMs, retryCount: 0 }),
  });
  const bootstrap = new Set(options.bootstrapAccounts);
  let registry = options.registry;

  function logMode(): void {
    if (registry !== undefined) {
      options.logger.info("checking every transaction against the commons registry", { registry });
    } else {
      options.logger.warn("no registry set: bootstrap mode, only the listed accounts may send", {
        bootstrapAccounts: [...bootstrap],
      });
    }
  }
  logMode();

  async function askRegistry(address: Address, intent: TransactionIntent): Promise<boolean> {
    try {
      return await client.readContract({
        address,
        abi: transactionRuleAbi,
        functionName: "transactionAllowed",
        args: [
          intent.sender,
          intent.target,
          intent.value,
          intent.gasPrice,
          intent.gasLimit,
          intent.payload,
        ],
      });
    } catch (error) {
      options.logger.error("registry read failed; refusing the transaction", {
        registry: address,
        sender: intent.sender,
        reason: describeError(error),
      });
      throw internalError(`cannot read the commons registry: ${describeError(error)}`);
    }
  }

  return {
    async allows(intent) {
      if (registry === undefined) return bootstrap.has(intent.sender);
      return askRegistry(registry, intent);
    },
    setRegistry(address) {
      if (registry === address) return;
      if (registry !== undefined) {
        throw new Error(`the gateway already checks against registry ${registry}`);
      }
      registry = address;
      logMode();
    },
    registry: () => registry,
  };
}
