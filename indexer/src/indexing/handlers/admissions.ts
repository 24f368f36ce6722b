/**
 * The registry's Admissions: applications (an applicant's participant row, its vouches and
 * window), and the admission rule. The registry announces the admission itself (Admitted).
 */
import type { ContractHandlers } from "../types.ts";
import { Status, changeParticipant, placeOf } from "./registry.ts";

export const admissionsHandlers: ContractHandlers<"Admissions"> = {
  async Applied({ args }, writer) {
    await changeParticipant(writer, args.account, {
      kind: args.kind,
      status: Status.Applicant,
      vouches: 0,
      window_end: Number(args.windowEnd),
      profile_uri: args.profileURI,
      profile_hash: args.profileHash,
    });
  },
  async Vouched({ args }, writer) {
    await changeParticipant(writer, args.candidate, { vouches: args.vouches });
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
    await writer.put("admission_rule", {
      id: 1,
      vouch_threshold: args.rule.vouchThreshold,
      vouch_window: args.rule.vouchWindow,
    });
  },
};
