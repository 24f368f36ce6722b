/**
 * The registry's Admissions: applications (one row per account: its round, the rule fixed into
 * it, its vouches, schedule and outcome), each vouch, and the admission rule. An applicant also
 * has a participant row (status Applicant) so it is listed and named with everyone else; the
 * registry announces the admission itself (Admitted, handlers/registry.ts).
 */
import { MissingRowError, type Row, type Writer } from "../writer.ts";
import { timestampOf, type ContractHandlers } from "../types.ts";
import { Status, changeParticipant, placeOf } from "./registry.ts";

type Application = Omit<Row<"applications">, "block_number">;

async function application(writer: Writer, account: string): Promise<Application> {
  const row = await writer.get("applications", { account });
  if (!row) throw new MissingRowError("applications", { account });
  const { block_number: _block, ...rest } = row;
  return rest;
}

export const admissionsHandlers: ContractHandlers<"Admissions"> = {
  /** A new application, or one restarted by a profile change: the rule in force now. */
  async Applied({ args }, writer) {
    const rule = await writer.get("admission_rule", { id: 1 });
    if (!rule) throw new MissingRowError("admission_rule", { id: 1 });
    await writer.put("applications", {
      account: args.account,
      kind: args.kind,
      round: args.round,
      profile_uri: args.profileURI,
      profile_hash: args.profileHash,
      vouches: 0,
      threshold: rule.vouch_threshold,
      admission_delay: rule.admission_delay,
      ripening_period: rule.ripening_period,
      window_end: Number(args.windowEnd),
      admissible_at: 0,
      outcome: "pending",
      reason: null,
      admitted_how: null,
    });
    await changeParticipant(writer, args.account, {
      kind: args.kind,
      status: Status.Applicant,
      vouches: 0,
      window_end: Number(args.windowEnd),
      profile_uri: args.profileURI,
      profile_hash: args.profileHash,
    });
  },
  async Vouched(event, writer) {
    const { args } = event;
    const current = await application(writer, args.candidate);
    writer.append("application_vouches", {
      block_number: event.blockNumber,
      log_index: event.logIndex,
      candidate: args.candidate,
      voucher: args.voucher,
      round: current.round,
      vouches: args.vouches,
      threshold: args.threshold,
      transaction_hash: event.transactionHash,
    });
    await writer.put("applications", { ...current, vouches: args.vouches });
    await changeParticipant(writer, args.candidate, { vouches: args.vouches });
  },
  async AdmissionScheduled({ args }, writer) {
    const current = await application(writer, args.candidate);
    await writer.put("applications", { ...current, admissible_at: Number(args.admissibleAt) });
  },
  /** As the contract: the window "ended" the second before, nothing is scheduled any more. */
  async ApplicationRejected(event, writer) {
    const { args } = event;
    const current = await application(writer, args.account);
    const windowEnd = timestampOf(event) - 1;
    await writer.put("applications", {
      ...current,
      vouches: 0,
      window_end: windowEnd,
      admissible_at: 0,
      outcome: "rejected",
      reason: args.reason,
    });
    await changeParticipant(writer, args.account, { vouches: 0, window_end: windowEnd });
  },
  async ProfileUpdated({ args }, writer) {
    await changeParticipant(writer, args.account, {
      profile_uri: args.profileURI,
      profile_hash: args.profileHash,
    });
  },
  async PlaceUpdated({ args }, writer) {
    await changeParticipant(writer, args.account, { place: placeOf(args) });
  },
  async AdmissionRuleChanged({ args }, writer) {
    const { rule } = args;
    await writer.put("admission_rule", {
      id: 1,
      vouch_threshold: rule.vouchThreshold,
      vouch_window: rule.vouchWindow,
      admission_delay: rule.admissionDelay,
      ripening_period: rule.ripeningPeriod,
      voucher_seniority: rule.voucherSeniority,
      vouch_budget: rule.vouchBudget,
      budget_period: rule.budgetPeriod,
      reapply_cooldown: rule.reapplyCooldown,
    });
  },
};
