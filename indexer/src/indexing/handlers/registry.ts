/**
 * The commons registry: participants (kind, status, profile, places), the node allowlist, and
 * the membership's delegations. A participant's row is created by its first event (a profile
 * is set before the admission is announced). Applications come from the registry's Admissions
 * (handlers/admissions.ts), which shares the participant rows. A Person admitted by vouches
 * holds its vote once it ripens (VoteRipening, then VoteRipened when someone calls `ripen`).
 */
import { zeroAddress } from "viem";
import type { Row } from "../writer.ts";
import { timestampOf, type ContractHandlers } from "../types.ts";
import type { Writer } from "../writer.ts";

export const Status = { Applicant: 1, Admitted: 2, Suspended: 3, Expelled: 4 } as const;

type Participant = Omit<Row<"participants">, "block_number">;

export async function changeParticipant(
  writer: Writer,
  account: string,
  change: Partial<Participant>,
): Promise<void> {
  const current: Participant = (await writer.get("participants", { account })) ?? {
    account,
    kind: 0,
    status: 0,
    profile_uri: null,
    profile_hash: null,
    vouches: 0,
    window_end: 0,
    is_protocol: false,
    place: null,
    status_reason: null,
    member_since: 0,
    vote_ripens_at: 0,
  };
  const { block_number: _block, ...rest } = current as Participant & { block_number?: number };
  await writer.put("participants", { ...rest, ...change });
}

async function changeDelegation(
  writer: Writer,
  account: string,
  change: { delegate?: string; votes?: string },
): Promise<void> {
  const current = await writer.get("delegations", { account });
  await writer.put("delegations", {
    account,
    delegate: change.delegate ?? current?.delegate ?? zeroAddress,
    votes: change.votes ?? current?.votes ?? "0",
  });
}

export const registryHandlers: ContractHandlers<"CommonsRegistry"> = {
  /**
   * An admission, by governance or from an application. Admissions asks the registry to admit
   * only an application still pending (open, scheduled or admissible) at this block, and the
   * registry refuses to admit directly anyone with one; so a pending application here is the one
   * admitted, and a closed one (rejected or expired) stays as the contract keeps it.
   */
  async Admitted(event, writer) {
    const { args } = event;
    const at = timestampOf(event);
    await changeParticipant(writer, args.account, {
      kind: args.kind,
      status: Status.Admitted,
      vouches: 0,
      window_end: 0,
      status_reason: null,
      member_since: at,
    });
    const application = await writer.get("applications", { account: args.account });
    if (
      application?.outcome === "pending" &&
      (application.admissible_at !== 0 || at <= application.window_end)
    ) {
      const { block_number: _block, ...rest } = application;
      await writer.put("applications", { ...rest, outcome: "admitted", admitted_how: args.how });
    }
  },
  async VoteRipening({ args }, writer) {
    await changeParticipant(writer, args.account, { vote_ripens_at: Number(args.ripensAt) });
  },
  async VoteRipened({ args }, writer) {
    await changeParticipant(writer, args.account, { vote_ripens_at: 0 });
  },
  async Suspended({ args }, writer) {
    await changeParticipant(writer, args.account, {
      status: Status.Suspended,
      status_reason: args.reason,
    });
  },
  async Reinstated({ args }, writer) {
    await changeParticipant(writer, args.account, {
      status: Status.Admitted,
      status_reason: args.reason,
    });
  },
  async Expelled({ args }, writer) {
    await changeParticipant(writer, args.account, {
      status: Status.Expelled,
      status_reason: args.reason,
    });
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
  async ProtocolAccountSet({ args }, writer) {
    await changeParticipant(writer, args.account, { is_protocol: args.isProtocol });
  },
  async EnodeAdded({ args }, writer) {
    await writer.put("enodes", {
      enode_id: args.enodeId,
      host: args.host,
      port: args.port,
      owner: args.owner,
    });
  },
  async EnodeRemoved({ args }, writer) {
    await writer.remove("enodes", { enode_id: args.enodeId });
  },
  async DelegateChanged({ args }, writer) {
    await changeDelegation(writer, args.delegator, { delegate: args.toDelegate });
  },
  /**
   * Every vote sits with a delegate, so the membership's total votes (getPastTotalSupply, which
   * the governor's quorum is a fraction of) moves by exactly the sum of these changes; it is
   * checkpointed at the block's timestamp, the membership's clock.
   */
  async DelegateVotesChanged(event, writer) {
    const { args } = event;
    await changeDelegation(writer, args.delegate, { votes: args.newVotes.toString() });
    const current = await writer.get("membership_total", { id: 1 });
    const total = (BigInt(current?.total ?? "0") + args.newVotes - args.previousVotes).toString();
    await writer.put("membership_total", { id: 1, total });
    await writer.put("membership_supply", { timepoint: timestampOf(event), total });
  },
};

/** A PlaceUpdated event's place, as the participants table keeps it. */
export function placeOf(args: {
  name: string;
  latitudeE6: number;
  longitudeE6: number;
  country: string;
  machines: readonly string[];
}): Participant["place"] {
  return {
    name: args.name,
    latitudeE6: args.latitudeE6,
    longitudeE6: args.longitudeE6,
    country: Buffer.from(args.country.slice(2), "hex").toString("latin1"),
    machines: [...args.machines],
  };
}
