/**
 * The works registry: works with their current content, every version, lineage (parents, so
 * children are found by the reverse index), stewards and adoptions, and suspensions; where each
 * content hash points now (an older commitment takes a hash over, governance releases or
 * reserves one) and the commitments that precede registrations.
 */
import { zeroAddress } from "viem";
import type { ContractHandlers } from "../types.ts";
import type { Writer } from "../writer.ts";

/** The hash names version `version` of `workId` now (WorksRegistry._claimHash). */
async function holdHash(writer: Writer, contentHash: string, workId: number, version: number) {
  await writer.put("content_hashes", {
    content_hash: contentHash,
    work_id: workId,
    version,
    reserved_for: null,
  });
}

export const worksHandlers: ContractHandlers<"WorksRegistry"> = {
  async WorkRegistered(event, writer) {
    const { args } = event;
    const workId = Number(args.workId);
    await writer.put("works", {
      work_id: workId,
      content_hash: args.contentHash,
      registrant: args.registrant,
      licence_id: args.licenceId,
      metadata_uri: args.metadataURI,
      version_count: 1,
      suspended: false,
      status_reason: null,
      contributors: args.contributors.map((account, i) => ({
        account,
        shareBps: args.shares[i],
      })),
      parents: args.parents.map(Number),
      price: null,
    });
    for (const steward of args.stewards) {
      await writer.put("work_stewards", { work_id: workId, steward, active: true });
    }
    await holdHash(writer, args.contentHash, workId, 1);
    writer.append("work_versions", {
      block_number: event.blockNumber,
      log_index: event.logIndex,
      work_id: workId,
      version: 1,
      content_hash: args.contentHash,
      metadata_uri: args.metadataURI,
      author: args.registrant,
    });
    for (const parent of args.parents) {
      writer.append("work_parents", {
        block_number: event.blockNumber,
        log_index: event.logIndex,
        work_id: workId,
        parent_id: Number(parent),
      });
    }
  },
  async VersionAdded(event, writer) {
    const { args } = event;
    await writer.update("works", { work_id: Number(args.workId) }, () => ({
      content_hash: args.contentHash,
      metadata_uri: args.metadataURI,
      version_count: args.version,
    }));
    await holdHash(writer, args.contentHash, Number(args.workId), args.version);
    writer.append("work_versions", {
      block_number: event.blockNumber,
      log_index: event.logIndex,
      work_id: Number(args.workId),
      version: args.version,
      content_hash: args.contentHash,
      metadata_uri: args.metadataURI,
      author: args.steward,
    });
  },
  async StewardSet({ args }, writer) {
    await writer.put("work_stewards", {
      work_id: Number(args.workId),
      steward: args.steward,
      active: args.isSteward,
    });
  },
  async AdoptionDeclared({ args }, writer) {
    await writer.put("adoptions", {
      work_id: Number(args.workId),
      adopter: args.adopter,
      active: true,
    });
  },
  async AdoptionWithdrawn({ args }, writer) {
    await writer.put("adoptions", {
      work_id: Number(args.workId),
      adopter: args.adopter,
      active: false,
    });
  },
  async WorkSuspended({ args }, writer) {
    await writer.update("works", { work_id: Number(args.workId) }, () => ({
      suspended: true,
      status_reason: args.reason,
    }));
  },
  async WorkReinstated({ args }, writer) {
    await writer.update("works", { work_id: Number(args.workId) }, () => ({
      suspended: false,
      status_reason: args.reason,
    }));
  },
  RegistrationCommitted(event, writer) {
    writer.append("registration_commitments", {
      block_number: event.blockNumber,
      log_index: event.logIndex,
      commitment: event.args.commitment,
      committer: event.args.committer,
      transaction_hash: event.transactionHash,
    });
    return Promise.resolve();
  },
  async ContentHashSuperseded({ args }, writer) {
    // The losing work's WorkSuspended came first; the winner's WorkRegistered or VersionAdded
    // follows in the same transaction and records the hash again with its own row.
    const key = { content_hash: args.contentHash };
    const held = await writer.get("content_hashes", key);
    if (held?.work_id !== Number(args.fromWorkId)) {
      throw new Error(
        `ContentHashSuperseded: ${args.contentHash} was held by work ${held?.work_id ?? "none"}, ` +
          `not ${args.fromWorkId}`,
      );
    }
    await holdHash(writer, args.contentHash, Number(args.toWorkId), args.toVersion);
  },
  async ContentHashReleased({ args }, writer) {
    const key = { content_hash: args.contentHash };
    if (args.reservedFor === zeroAddress) {
      await writer.remove("content_hashes", key);
      return;
    }
    await writer.put("content_hashes", {
      content_hash: args.contentHash,
      work_id: null,
      version: null,
      reserved_for: args.reservedFor,
    });
  },
};
