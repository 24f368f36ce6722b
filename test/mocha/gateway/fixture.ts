/**
 * SPIN on a real anvil node, deployed through the gateway as `npm start` deploys it, for the
 * tests that attack the gateway. Three founding Persons (anvil accounts 1-3) are members; any
 * other key is a stranger. Tests start their own gateways in front of `node`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  createPublicClient,
  http,
  keccak256,
  toBytes,
  toHex,
  type Address,
  type Hex,
  type PublicClient,
} from "viem";
import { generatePrivateKey, mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { commonsRegistryAbi, jsonRpc, type AddressBook } from "@spin/shared";
import type { MetricsSnapshot } from "@spin/gateway";
import { startAnvil, type Anvil } from "../../../scripts/chain/anvil.ts";
import { freePort } from "../../../scripts/lib/net.ts";
import { deployBehindGateway, type GatewaySettings } from "../../../scripts/start/deploy.ts";
import { ANVIL_MNEMONIC } from "../../../scripts/seed/demo-commons.ts";
import { memoryLogger, type LogEntry } from "./rpc.ts";

/** anvil's well-known development key `index` (public test keys). */
export function devKey(index: number): Hex {
  const key = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index }).getHdKey().privateKey;
  if (!key) throw new Error(`no key for account ${index}`);
  return toHex(key);
}

export const members = { alice: 1, bob: 2, carol: 3 } as const;

export type SpinNode = {
  anvil: Anvil;
  book: AddressBook;
  chainId: number;
  /** Reads straight from the node, past the gateway. */
  chain: PublicClient;
  /** A request straight to the node (to fund a stranger, or to show what an attack would do). */
  node<T = unknown>(method: string, params?: unknown[]): Promise<T>;
  /** What the deployment's gateway counted and logged while SPIN was deployed through it. */
  deployment: { metrics: MetricsSnapshot; log: LogEntry[] };
  registry: Address;
  /** A fresh key the registry has never heard of, with gas to spend. */
  stranger(): Promise<ReturnType<typeof privateKeyToAccount>>;
  stop(): Promise<void>;
};

/**
 * Deploys SPIN through a gateway with `deploymentGateway` settings (the defaults unless told),
 * then closes that gateway: tests start the gateways they attack.
 */
export async function spinOnAnvil(
  options: { chainId?: number; deploymentGateway?: GatewaySettings } = {},
): Promise<SpinNode> {
  const dir = await mkdtemp(path.join(tmpdir(), "spin-gateway-"));
  const deploymentId = `gateway-test-${process.pid}-${Date.now()}`;
  // Coverage runs instrument the contracts past EIP-170; npm test checks the real ones.
  const anvil = await startAnvil({
    port: await freePort(),
    chainId: options.chainId,
    unlimitedCodeSize: true,
  });
  const stop = async () => {
    await anvil.stop();
    await rm(dir, { recursive: true, force: true });
    const journal = path.join(import.meta.dirname, "../../../ignition/deployments", deploymentId);
    await rm(journal, { recursive: true, force: true });
  };
  try {
    const logger = memoryLogger();
    const founders = Object.entries(members).map(([name, index]) => ({
      account: privateKeyToAccount(devKey(index)).address,
      kind: "Person" as const,
      profileURI: `https://spin.example/profiles/${name}`,
      profileHash: keccak256(toBytes(name)),
    }));
    const { gateway, book } = await deployBehindGateway({
      chainUrl: anvil.url,
      rpcPort: 0,
      founders,
      deploymentId,
      deploymentsDir: dir,
      seed: async () => {},
      log: () => {},
      gatewayLogger: logger,
      gatewaySettings: options.deploymentGateway,
    });
    const metrics = gateway.metrics();
    await gateway.close();
    const node = <T>(method: string, params: unknown[] = []) =>
      jsonRpc<T>(anvil.url, method, params);
    const chain = createPublicClient({ transport: http(anvil.url) });
    return {
      anvil,
      book,
      chainId: book.chainId,
      chain,
      node,
      deployment: { metrics, log: logger.entries },
      registry: book.contracts.CommonsRegistry.address,
      async stranger() {
        const account = privateKeyToAccount(generatePrivateKey());
        await node("anvil_setBalance", [account.address, toHex(10n ** 20n)]);
        return account;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Whether the registry lets `account` act (admitted and not suspended). */
export function isAllowed(spin: SpinNode, account: Address): Promise<boolean> {
  return spin.chain.readContract({
    address: spin.registry,
    abi: commonsRegistryAbi,
    functionName: "isAllowed",
    args: [account],
  });
}
