/**
 * Licence templates and licensing: every licence record (purchases and recorded commons use),
 * revocations, work prices, and the payments (purchases, contributors' claims).
 * Money is modelled as Licensing.sol keeps it, so that what the API derives equals its views:
 * each work's pot (income per basis point of contributor share, the upstream share not yet
 * settled), each contributor's checkpoint (the pot's perBps at its last claim), and the fee
 * shares held for each sub-fund until flushFund.
 */
import { COMMONS_USE_EXPIRY } from "../../database/schema.ts";
import { jsonArgs } from "../../decode/decode.ts";
import type { ContractHandlers } from "../types.ts";
import { MissingRowError, type Writer } from "../writer.ts";

/** Basis points in a whole (FeeSplit.WHOLE). */
const WHOLE = 10_000n;
/** Where the rounding dust of upstream settlements goes (Licensing.DUST_SUB_FUND). */
const DUST_SUB_FUND = 0;

async function addToPot(
  writer: Writer,
  workId: bigint,
  change: { perBps?: bigint; upstream?: bigint; received?: bigint; keep?: bigint },
): Promise<void> {
  const work_id = Number(workId);
  const pot = await writer.get("work_pots", { work_id });
  const upstream = BigInt(pot?.upstream_pending ?? "0") + (change.upstream ?? 0n);
  await writer.put("work_pots", {
    work_id,
    per_bps: (BigInt(pot?.per_bps ?? "0") + (change.perBps ?? 0n)).toString(),
    upstream_pending: (change.keep ?? upstream).toString(),
    upstream_received: (BigInt(pot?.upstream_received ?? "0") + (change.received ?? 0n)).toString(),
  });
}

/**
 * The account's latest record for the work, as Licensing.licenceStatus reads it: a new record
 * replaces the previous one; a revocation marks it only if it is still the latest.
 */
async function holdLatest(
  writer: Writer,
  record: {
    recordId: bigint;
    workId: bigint;
    licensee: string;
    commonsUse: boolean;
    expiry: number;
  },
): Promise<void> {
  await writer.put("licence_holdings", {
    work_id: Number(record.workId),
    licensee: record.licensee,
    record_id: Number(record.recordId),
    commons_use: record.commonsUse,
    revoked: false,
    valid_until: record.expiry,
  });
}

async function addToFundPending(writer: Writer, subFund: number, amount: bigint): Promise<void> {
  if (amount === 0n) return;
  const row = await writer.get("licensing_fund_pending", { sub_fund: subFund });
  await writer.put("licensing_fund_pending", {
    sub_fund: subFund,
    amount: (BigInt(row?.amount ?? "0") + amount).toString(),
  });
}

/**
 * A purchase's fund shares by sub-fund, as FeeSplit.ofPurchase and Licensing.purchase divide
 * them: fundA gets its part and the rounding dust, fundB its part. The event gives the total;
 * the template's terms (immutable once added) give the division.
 */
async function purchaseFundShares(
  writer: Writer,
  licenceId: number,
  price: bigint,
  toFund: bigint,
): Promise<void> {
  const template = await writer.get("licence_templates", { licence_id: licenceId });
  if (!template) throw new MissingRowError("licence_templates", { licence_id: licenceId });
  const terms = template.terms as Record<string, string | number>;
  const toFundA = (price * BigInt(terms.fundABps)) / WHOLE;
  const toFundB = (price * BigInt(terms.fundBBps)) / WHOLE;
  if (toFund < toFundA + toFundB) {
    throw new Error(`licence ${licenceId}: fund part ${toFund} is below its sub-fund shares`);
  }
  await addToFundPending(writer, Number(terms.fundA), toFund - toFundB);
  await addToFundPending(writer, Number(terms.fundB), toFundB);
}

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
  async CompatibilitySet({ args }, writer) {
    await writer.put("licence_compatibility", {
      parent_licence_id: args.parentLicenceId,
      child_licence_id: args.childLicenceId,
      compatible: args.compatible,
    });
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
    await holdLatest(writer, {
      recordId: args.recordId,
      workId: args.workId,
      licensee: args.licensee,
      commonsUse: false,
      expiry: Number(args.expiry),
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
    await addToPot(writer, args.workId, {
      perBps: args.toContributors / WHOLE,
      upstream: args.toUpstream,
    });
    await purchaseFundShares(writer, args.licenceId, args.price, args.toFund);
  },
  async UpstreamReceived(event, writer) {
    const { workId, fromWorkId, toContributors, toUpstream, toFund } = event.args;
    await addToPot(writer, workId, {
      perBps: toContributors / WHOLE,
      upstream: toUpstream,
      received: toContributors + toUpstream + toFund,
    });
    await addToFundPending(writer, DUST_SUB_FUND, toFund);
    writer.append("upstream_receipts", {
      block_number: event.blockNumber,
      log_index: event.logIndex,
      work_id: Number(workId),
      from_work_id: Number(fromWorkId),
      to_contributors: toContributors.toString(),
      to_upstream: toUpstream.toString(),
      to_fund: toFund.toString(),
      transaction_hash: event.transactionHash,
    });
  },
  async UpstreamSettled(event, writer) {
    // Settling empties the pot: what does not divide among the parents goes to the fund.
    const { workId, perParent, parentCount, toFund } = event.args;
    await addToPot(writer, workId, { keep: 0n });
    await addToFundPending(writer, DUST_SUB_FUND, toFund);
    writer.append("upstream_settlements", {
      block_number: event.blockNumber,
      log_index: event.logIndex,
      work_id: Number(workId),
      per_parent: perParent.toString(),
      parent_count: Number(parentCount),
      to_fund: toFund.toString(),
      transaction_hash: event.transactionHash,
    });
  },
  async FundFlushed({ args }, writer) {
    // A flush empties every share Licensing held; Pooled's amount also carries any coin sent
    // to Licensing by mistake, so it may exceed what was held, never fall short of it.
    for (const [subFund, amount] of args.amounts.entries()) {
      const key = { sub_fund: subFund };
      const held = BigInt((await writer.get("licensing_fund_pending", key))?.amount ?? "0");
      const exact = subFund !== DUST_SUB_FUND;
      if (exact ? amount !== held : amount < held) {
        throw new Error(
          `FundFlushed: sub-fund ${subFund} got ${amount} where Licensing held ${held} for it`,
        );
      }
      if (held !== 0n) await writer.put("licensing_fund_pending", { ...key, amount: "0" });
    }
  },
  async UnclaimableMarked({ args }, writer) {
    await writer.put("unclaimable_marks", {
      work_id: Number(args.workId),
      contributor: args.contributor,
      amount: args.amount.toString(),
      sweepable_at: Number(args.sweepableAt),
    });
  },
  async UnclaimedSwept(event, writer) {
    // As Licensing.sweepUnclaimed: the contributor's checkpoint moves to the pot's level (it can
    // claim nothing of what was there), the amount joins Pooled's share, the mark is spent.
    const { workId, contributor, amount } = event.args;
    const key = { work_id: Number(workId), contributor };
    const pot = await writer.get("work_pots", { work_id: Number(workId) });
    if (!pot) throw new MissingRowError("work_pots", { work_id: Number(workId) });
    await writer.put("contributor_checkpoints", { ...key, paid_per_bps: pot.per_bps });
    await writer.remove("unclaimable_marks", key);
    await addToFundPending(writer, DUST_SUB_FUND, amount);
    writer.append("licensing_payments", {
      block_number: event.blockNumber,
      log_index: event.logIndex,
      work_id: Number(workId),
      kind: "sweep",
      account: contributor,
      amount: amount.toString(),
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
    await holdLatest(writer, {
      recordId: args.recordId,
      workId: args.workId,
      licensee: args.user,
      commonsUse: true,
      expiry: COMMONS_USE_EXPIRY,
    });
  },
  async LicenceRevoked({ args }, writer) {
    await writer.update("licence_records", { record_id: Number(args.recordId) }, () => ({
      revoked: true,
      revoke_reason: args.reason,
    }));
    const key = { work_id: Number(args.workId), licensee: args.licensee };
    const holding = await writer.get("licence_holdings", key);
    if (holding?.record_id === Number(args.recordId)) {
      await writer.update("licence_holdings", key, () => ({ revoked: true }));
    }
  },
  async RevocationLifted({ args }, writer) {
    // Licensing deletes the account's latest record for the work: it holds none any more, and
    // the revoked records stay revoked.
    const key = { work_id: Number(args.workId), licensee: args.account };
    const holding = await writer.get("licence_holdings", key);
    if (holding?.record_id !== Number(args.recordId)) {
      throw new Error(
        `RevocationLifted: work ${args.workId} account ${args.account} holds record ` +
          `${holding?.record_id ?? "none"}, not ${args.recordId}`,
      );
    }
    await writer.remove("licence_holdings", key);
  },
  async WorkPriceSet({ args }, writer) {
    await writer.update("works", { work_id: Number(args.workId) }, () => ({
      price: args.price.toString(),
    }));
  },
  async Claimed(event, writer) {
    const { workId, contributor } = event.args;
    const pot = await writer.get("work_pots", { work_id: Number(workId) });
    if (!pot) throw new MissingRowError("work_pots", { work_id: Number(workId) });
    await writer.put("contributor_checkpoints", {
      work_id: Number(workId),
      contributor,
      paid_per_bps: pot.per_bps,
    });
    // A claim moves the checkpoint, which ends any mark (Licensing._sweepableAt).
    await writer.remove("unclaimable_marks", { work_id: Number(workId), contributor });
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
