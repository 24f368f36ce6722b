/**
 * The address book a deployment writes to deployments/<chainId>.json: where each SPIN contract
 * lives on a chain, from which block to read its events, and which ABI export describes it.
 * Scripts, the indexer and the web app read addresses only from here.
 */
import { abis, type ContractName } from "../abi/generated.ts";

export type Address = `0x${string}`;

export interface ContractEntry {
  address: Address;
  /** The block the contract was deployed in: indexers start reading its events there. */
  deploymentBlock: number;
  /** The name of the ABI's export in the shared module (`@spin/shared`), e.g. "commonsRegistryAbi". */
  abi: string;
}

export interface AddressBook {
  chainId: number;
  /** Where the ABIs are: the shared module's generated file. */
  abiSource: "shared/src/abi/generated.ts";
  contracts: Record<ContractName, ContractEntry>;
}

export class AddressBookError extends Error {
  override name = "AddressBookError";
}

const addressPattern = /^0x[0-9a-fA-F]{40}$/;

/** Validates parsed JSON as an address book for every SPIN contract; throws AddressBookError. */
export function parseAddressBook(json: unknown): AddressBook {
  if (typeof json !== "object" || json === null) throw new AddressBookError("not an object");
  const book = json as Partial<AddressBook>;
  if (!Number.isSafeInteger(book.chainId) || book.chainId! <= 0) {
    throw new AddressBookError(`chainId must be a positive integer, got ${String(book.chainId)}`);
  }
  if (typeof book.contracts !== "object" || book.contracts === null) {
    throw new AddressBookError("contracts is missing");
  }
  for (const name of Object.keys(abis) as ContractName[]) {
    const entry = book.contracts[name] as Partial<ContractEntry> | undefined;
    if (!entry) throw new AddressBookError(`contract ${name} is missing`);
    if (typeof entry.address !== "string" || !addressPattern.test(entry.address)) {
      throw new AddressBookError(`${name}.address is not an address: ${String(entry.address)}`);
    }
    if (!Number.isSafeInteger(entry.deploymentBlock) || entry.deploymentBlock! < 0) {
      throw new AddressBookError(`${name}.deploymentBlock must be a block number`);
    }
  }
  return book as AddressBook;
}

/** The address book's file name for a chain, relative to the deployments folder. */
export function addressBookFileName(chainId: number): string {
  return `${chainId}.json`;
}
