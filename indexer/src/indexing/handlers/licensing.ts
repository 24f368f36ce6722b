/**
 * Licence templates and licensing: every licence record (purchases and recorded commons use),
 * revocations, work prices, and the payments (purchases, contributors' claims).
 */
import { jsonArgs } from "../../decode/decode.ts";
import type { ContractHandlers } from "../types.ts";

export const templateHandlers: ContractHandlers<"LicenceTemplates"> = {
  async TemplateAdded({ args }, writer) {
    await writer.put("licence_templates", {
      licence_id: args.licenceId,
      name: args.name,
      legal_text_hash: args.legalTextHash,
      legal_text_uri: args.legalTextURI,
      commercial_use: args.terms.commercialUse,
      terms: jsonArgs({ ...args.terms }),
      bounds: jsonArgs({ ...args.bounds }),
      active: true,
    });
  },
  async TemplateActiveSet({ args }, writer) {
    await writer.update("licence_templates", { licence_id: args.licenceId }, () => ({
      active: args.active,
    }));
  },
};

export const licensingHandlers: ContractHandlers<"Licensing"> = {
  async LicencePurchased(event, writer) {
    const { args } = event;
    await writer.put("licence_records", {
      record_id: Number(args.recordId),
      work_id: Number(args.workId),
      licensee: args.licensee,
      licence_id: args.licenceId,
      version: args.version,
      start_time: Number(args.start),
      expiry: Number(args.expiry),
      price: args.price.toString(),
      commons_use: false,
      revoked: false,
      revoke_reason: null,
    });
    writer.append("licensing_payments", {
      block_number: event.blockNumber,
      log_index: event.logIndex,
      work_id: Number(args.workId),
      kind: "purchase",
      account: args.licensee,
      amount: args.price.toString(),
      transaction_hash: event.transactionHash,
    });
  },
  async CommonsUseRecorded({ args }, writer) {
    await writer.put("licence_records", {
      record_id: Number(args.recordId),
      work_id: Number(args.workId),
      licensee: args.user,
      licence_id: args.licenceId,
      version: args.version,
      start_time: null,
      expiry: null,
      price: "0",
      commons_use: true,
      revoked: false,
      revoke_reason: null,
    });
  },
  async LicenceRevoked({ args }, writer) {
    await writer.update("licence_records", { record_id: Number(args.recordId) }, () => ({
      revoked: true,
      revoke_reason: args.reason,
    }));
  },
  async WorkPriceSet({ args }, writer) {
    await writer.update("works", { work_id: Number(args.workId) }, () => ({
      price: args.price.toString(),
    }));
  },
  async Claimed(event, writer) {
    writer.append("licensing_payments", {
      block_number: event.blockNumber,
      log_index: event.logIndex,
      work_id: Number(event.args.workId),
      kind: "claim",
      account: event.args.contributor,
      amount: event.args.amount.toString(),
      transaction_hash: event.transactionHash,
    });
  },
};
