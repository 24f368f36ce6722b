/** A licence record read from the Licensing contract itself, so its page proves what it says. */
import "./only";
import { abis } from "@spin/shared";
import { createPublicClient, http } from "viem";
import { decodeFailure } from "../errors";
import { serverConfig } from "../server-config";
import { getBook } from "./api";

export async function readLicenceRecord(id: bigint) {
  const book = await getBook();
  if (!book) return null;
  const client = createPublicClient({ transport: http(serverConfig().rpcUrl) });
  try {
    return await client.readContract({
      address: book.contracts.Licensing.address,
      abi: abis.Licensing,
      functionName: "recordOf",
      args: [id],
    });
  } catch (error) {
    const failure = decodeFailure(error);
    if (failure.kind === "contract" && failure.name === "LicensingUnknownRecord") return null;
    throw error;
  }
}
