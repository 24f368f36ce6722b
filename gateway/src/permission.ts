import { createPublicClient, http, type Address } from "viem";
import { describeError, internalError } from "./errors.ts";
import type { GatewayLogger } from "./log.ts";
import { commonsRegistryAbi } from "@spin/shared";
import type { TransactionIntent } from "./transaction-intent.ts";

/** The first account of a transaction the rule refuses: its sender, or one of its authorities. */
export type Refused = { sender: Address } | { authority: Address; delegate: Address };

/**
 * Decides whether a transaction may reach the node. Fails closed: with no registry only the
 * bootstrap accounts may send; once a registry is set (a one-way switch) every sender is checked
 * against it, and a registry that cannot be read refuses everything. A type-4 transaction needs
 * its sender and every authority of its authorization list allowed.
 */
export type PermissionCheck = {
  /** Undefined when the sender and every authority are allowed; else who is refused. */
  refused(intent: TransactionIntent): Promise<Refused | undefined>;
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

  async function askRegistry(
    address: Address,
    intent: Omit<TransactionIntent, "authorities">,
  ): Promise<boolean> {
    try {
      return await client.readContract({
        address,
        abi: commonsRegistryAbi,
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

  function allows(intent: Omit<TransactionIntent, "authorities">): Promise<boolean> | boolean {
    if (registry === undefined) return bootstrap.has(intent.sender);
    return askRegistry(registry, intent);
  }

  return {
    async refused(intent) {
      if (!(await allows(intent))) return { sender: intent.sender };
      for (const { authority, delegate } of intent.authorities) {
        // The authority lets its account run `delegate`'s code: asked as if it sent to it.
        const asSender = {
          ...intent,
          sender: authority,
          target: delegate,
          value: 0n,
          payload: "0x" as const,
        };
        if (!(await allows(asSender))) return { authority, delegate };
      }
      return undefined;
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
