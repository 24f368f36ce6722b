/**
 * SPIN on a fresh local chain, deployed through the permissioning gateway: the gateway starts in
 * bootstrap mode (only the deployer may send), SPIN is deployed with its founders, the gateway
 * then asks the registry about every transaction, and a seed fills the commons. The deployer and
 * the seed sign with the chain's well-known development keys here and send raw transactions, as
 * any wallet does: the gateway never has to sign with the node's keys.
 */
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import type { AddressBook } from "@spin/shared";
import {
  startGateway,
  type Gateway,
  type GatewayLogger,
  type GatewayOptions,
} from "../../gateway/src/index.ts";
import { deploySpin, type Founder } from "../deploy/spin.ts";
import { ANVIL_MNEMONIC } from "../seed/demo-commons.ts";

/** anvil's first default account: deploys SPIN, then holds no power at all. */
export const DEPLOYER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

export type Connection = NetworkConnection;

export interface DeployOptions {
  /** The node's own URL (the gateway forwards to it). */
  chainUrl: string;
  /** The gateway's port; 0 for any free port. */
  rpcPort: number;
  founders: Founder[];
  /** Ignition parameters of the SpinSystem module (timings, thresholds). */
  parameters?: Record<string, unknown>;
  deploymentId: string;
  deploymentsDir: string;
  /** Fills the commons once SPIN is deployed, through the gateway. */
  seed: (connection: Connection, book: AddressBook) => Promise<void>;
  log: (line: string) => void;
  gatewayLogger?: GatewayLogger;
  /** Gateway settings beyond upstream, port and registry (allowed origins, limits). */
  gatewaySettings?: GatewaySettings;
}

/** What callers may set on the gateway; the node, port and permission mode are set here. */
export type GatewaySettings = Omit<
  GatewayOptions,
  "upstream" | "port" | "registry" | "bootstrapAccounts"
>;

/** The gateway in front of a node that already holds SPIN. */
export function startGatewayFor(
  chainUrl: string,
  rpcPort: number,
  book: AddressBook,
  logger?: GatewayLogger,
  settings: GatewaySettings = {},
): Promise<Gateway> {
  return startGateway(
    {
      ...settings,
      upstream: chainUrl,
      port: rpcPort,
      registry: book.contracts.CommonsRegistry.address,
    },
    logger,
  );
}

export async function deployBehindGateway(
  options: DeployOptions,
): Promise<{ gateway: Gateway; book: AddressBook }> {
  const { log } = options;
  const gateway = await startGateway(
    {
      ...options.gatewaySettings,
      upstream: options.chainUrl,
      port: options.rpcPort,
      bootstrapAccounts: [DEPLOYER],
    },
    options.gatewayLogger,
  );
  try {
    log("deploying SPIN through the gateway (bootstrap mode: only the deployer may send)");
    // Signing here, with the gas margin the `local` network's configuration gives every estimate.
    const connection = await network.create({
      network: "local",
      override: {
        url: gateway.url,
        accounts: { mnemonic: ANVIL_MNEMONIC, count: 20 },
      },
    });
    try {
      const book = await deploySpin(connection, {
        founders: options.founders,
        parameters: options.parameters,
        deploymentId: options.deploymentId,
        deploymentsDir: options.deploymentsDir,
        // The local node mines every transaction, but the gateway refuses to say so.
        requiredConfirmations: 1,
        log,
      });
      gateway.setRegistry(book.contracts.CommonsRegistry.address);
      log("the gateway now asks the registry about every transaction");
      await options.seed(connection, book);
      return { gateway, book };
    } finally {
      await connection.close();
    }
  } catch (error) {
    await gateway.close();
    throw error;
  }
}
