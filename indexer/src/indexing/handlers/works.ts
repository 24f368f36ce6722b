/**
 * The works registry: works with their current content, every version, lineage (parents, so
 * children are found by the reverse index), stewards and adoptions, and suspensions.
 */
import type { ContractHandlers } from "../types.ts";

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
};
