/** Reading and writing address books on disk (Node only: the web app imports the JSON). */
import { readFile, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { addressBookFileName, parseAddressBook, type AddressBook } from "./address-book.ts";

/** The repository's deployments/ folder. */
export const deploymentsDir = path.resolve(import.meta.dirname, "../../../deployments");

export async function readAddressBook(chainId: number, dir = deploymentsDir): Promise<AddressBook> {
  const file = path.join(dir, addressBookFileName(chainId));
  return parseAddressBook(JSON.parse(await readFile(file, "utf8")));
}

export async function writeAddressBook(book: AddressBook, dir = deploymentsDir): Promise<string> {
  parseAddressBook(book);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, addressBookFileName(book.chainId));
  await writeFile(file, `${JSON.stringify(book, null, 2)}\n`);
  return file;
}
