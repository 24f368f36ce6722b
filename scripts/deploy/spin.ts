/**
 * Deploys SPIN with Ignition, admits the founding members while the deployer still holds the
 * admin roles, hands every admin role to the timelock, and writes deployments/<chainId>.json.
 * Ignition keeps a journal per deployment id, so running it again continues or does nothing:
 * it never deploys a second system on the same chain under the same id.
 */
import type { NetworkConnection } from "hardhat/types/network";
import { abis, type AddressBook, type ContractEntry, type ContractName } from "@spin/shared";
import { writeAddressBook } from "@spin/shared/node";
import { governedContracts, SpinHandover, SpinSystem } from "../../ignition/modules/Spin.ts";

export interface Founder {
  account: string;
  kind: "Person" | "Cooperative" | "Place" | "Enterprise";
  profileURI: string;
  profileHash: string;
  place?: {
    name: string;
    latitudeE6: number;
    longitudeE6: number;
    country: string;
    machines: string[];
  };
}

export interface DeployOptions {
  /** Ignition parameters of the SpinSystem module (see ignition/modules/Spin.ts). */
  parameters?: Record<string, unknown>;
  /** Members admitted by the deployer before it hands over (idempotent on re-runs). */
  founders?: Founder[];
  deploymentId?: string;
  /** Where to write the address book; the repository's deployments/ by default. */
  deploymentsDir?: string;
  /**
   * Blocks Ignition waits for after each transaction. It asks the node whether it mines on every
   * transaction (hardhat_getAutomine); a permissioning gateway refuses that question, and Ignition
   * then waits for five confirmations that a node mining on demand never produces.
   */
  requiredConfirmations?: number;
  log?: (line: string) => void;
}

const kinds = { Person: 1, Cooperative: 2, Place: 3, Enterprise: 4 } as const;

/**
 * The code at `address` as of block `block`. anvil moves older blocks' states out of memory to a
 * disk cache as the chain grows, and while one is being moved it answers "block out of range"
 * for it: such a read is tried again a few times before it counts as a failure.
 */
async function codeAt(connection: NetworkConnection, address: string, block: number) {
  const attempts = 5;
  for (let attempt = 1; ; attempt++) {
    try {
      return await connection.ethers.provider.getCode(address, block);
    } catch (error) {
      if (attempt === attempts || !/block height is \d+ but requested was/.test(String(error))) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    }
  }
}

/** The block a contract was created in: the first block at which it has code. */
async function creationBlock(connection: NetworkConnection, address: string): Promise<number> {
  let [low, high] = [0, await connection.ethers.provider.getBlockNumber()];
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if ((await codeAt(connection, address, mid)) === "0x") low = mid + 1;
    else high = mid;
  }
  return low;
}

async function admitFounders(
  connection: NetworkConnection,
  registryAddress: string,
  founders: Founder[],
  log: (line: string) => void,
): Promise<void> {
  const registry = await connection.ethers.getContractAt("CommonsRegistry", registryAddress);
  for (const founder of founders) {
    if ((await registry.statusOf(founder.account)) === 2n) continue; // already admitted
    const tx = founder.place
      ? await registry.admitPlace(founder.account, founder.profileURI, founder.profileHash, {
          ...founder.place,
          country: `0x${Buffer.from(founder.place.country, "ascii").toString("hex")}`,
        })
      : await registry.admit(
          founder.account,
          kinds[founder.kind],
          founder.profileURI,
          founder.profileHash,
        );
    await tx.wait();
    log(`admitted ${founder.kind} ${founder.account}`);
  }
}

/** Deploys (or resumes) the whole system and returns its address book. */
export async function deploySpin(
  connection: NetworkConnection,
  options: DeployOptions = {},
): Promise<AddressBook> {
  const log = options.log ?? (() => {});
  const parameters = { SpinSystem: options.parameters ?? {} } as never;
  const deploy = {
    parameters,
    deploymentId: options.deploymentId,
    displayUi: false,
    config:
      options.requiredConfirmations === undefined
        ? {}
        : { requiredConfirmations: options.requiredConfirmations },
  };

  const system = await connection.ignition.deploy(SpinSystem, deploy);
  log("contracts deployed and wired");
  await admitFounders(connection, await system.registry.getAddress(), options.founders ?? [], log);
  const handover: Record<string, string> = {};
  for (const name of [...Object.keys(governedContracts), "timelock"] as const) {
    handover[name] = await system[name as keyof typeof system].getAddress();
  }
  await connection.ignition.deploy(SpinHandover, {
    ...deploy,
    parameters: { SpinHandover: handover } as never,
  });
  log("admin roles handed to the timelock; the deployer keeps none");

  const addresses: Record<ContractName, string> = {
    CommonsRegistry: await system.registry.getAddress(),
    Admissions: await system.admissions.getAddress(),
    SpinCoin: await system.coin.getAddress(),
    SpinTimelock: await system.timelock.getAddress(),
    SpinGovernor: await system.governor.getAddress(),
    CommonFund: await system.fund.getAddress(),
    LicenceTemplates: await system.templates.getAddress(),
    WorksRegistry: await system.works.getAddress(),
    Licensing: await system.licensing.getAddress(),
  };
  const contracts = {} as Record<ContractName, ContractEntry>;
  for (const name of Object.keys(abis) as ContractName[]) {
    contracts[name] = {
      address: addresses[name] as `0x${string}`,
      deploymentBlock: await creationBlock(connection, addresses[name]),
      abi: `${name[0].toLowerCase()}${name.slice(1)}Abi`,
    };
  }
  const { chainId } = await connection.ethers.provider.getNetwork();
  const book: AddressBook = {
    chainId: Number(chainId),
    abiSource: "shared/src/abi/generated.ts",
    contracts,
  };
  const file = await writeAddressBook(book, options.deploymentsDir);
  log(`address book written to ${file}`);
  return book;
}
