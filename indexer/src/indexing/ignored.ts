/**
 * Events of the followed contracts that no handler reads, each with the reason. Every event is
 * still kept in `events` (the activity feed); these just change nothing in the model. A test
 * holds every event of every followed contract's ABI to having a handler or an entry here, so a
 * contract change that adds an event fails until someone decides what the indexer does with it.
 */
import { abis, type ContractName } from "@spin/shared";
import { handlers } from "./apply.ts";

const roles =
  "admin roles belong to the timelock from deployment on; the API serves no role holders";

export const ignoredEvents: { [C in ContractName]?: Record<string, string> } = {
  Admissions: {
    EIP712DomainChanged: "the domain is fixed at deployment (no upgrade path emits it)",
  },
  CommonsRegistry: {
    Transfer:
      "the membership token is minted on admission and burnt on expulsion: Admitted and Expelled say so",
    Approval: "the membership token is soulbound: approvals move nothing",
    ApprovalForAll: "the membership token is soulbound: approvals move nothing",
    Locked: "every membership token is locked (ERC-5192) from its mint",
    Unlocked: "a membership token is never unlocked",
    RoleAdminChanged: roles,
    RoleGranted: roles,
    RoleRevoked: roles,
  },
  CommonFund: { RoleAdminChanged: roles, RoleGranted: roles, RoleRevoked: roles },
  LicenceTemplates: { RoleAdminChanged: roles, RoleGranted: roles, RoleRevoked: roles },
  Licensing: { RoleAdminChanged: roles, RoleGranted: roles, RoleRevoked: roles },
  WorksRegistry: { RoleAdminChanged: roles, RoleGranted: roles, RoleRevoked: roles },
  SpinCoin: {
    Approval: "allowances are read from the chain by the wallet that uses them",
    EIP712DomainChanged: "the permit domain is fixed at deployment",
    InitialAllocationMinted: "the allocation's Transfer events move the balances",
    Minted: "the mint's Transfer event moves the balance",
    RoleAdminChanged: roles,
    RoleGranted: roles,
    RoleRevoked: roles,
  },
  SpinGovernor: {
    EIP712DomainChanged: "the ballot domain is fixed at deployment",
    LateQuorumVoteExtensionSet:
      "a proposal's deadline extension arrives as ProposalExtended, which the handler reads",
    ProposalThresholdSet:
      "the threshold is one member; the dApp asks the governor before proposing",
    TimelockChange: "the timelock is fixed by the address book",
    VotingDelaySet: "each ProposalCreated carries its own vote start",
    VotingPeriodSet: "each ProposalCreated carries its own vote end",
  },
  SpinTimelock: {
    CallSalt: "the operation id (CallScheduled's) is what the proposal's queue records",
    CallScheduled: "the governor's ProposalQueued records the proposal's operation and eta",
    MinDelayChange: "each queued proposal carries its own eta",
    RoleAdminChanged: roles,
    RoleGranted: roles,
    RoleRevoked: roles,
  },
};

/** Events of `abi` (the contract's own, unless given) with neither a handler nor a reason. */
export function unaccountedEvents(
  contract: ContractName,
  abi: readonly { type: string; name?: string }[] = abis[contract],
): string[] {
  const handled = new Set(Object.keys(handlers[contract] ?? {}));
  const ignored = ignoredEvents[contract] ?? {};
  return abi
    .filter((item) => item.type === "event")
    .map((item) => item.name!)
    .filter((name) => !handled.has(name) && !(name in ignored));
}
