// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ICommonsRegistry} from "./ICommonsRegistry.sol";

/// @title Admission into the commons: applications, vouches and the limits on both
/// @notice The commons registry's Admissions contract. A newcomer applies (by a transaction, or by
/// an EIP-712 signed application that any member or relayer submits, so a chain that only admits
/// members' transactions still admits newcomers); `threshold` distinct, established members vouch
/// within the window; the admission is then scheduled `admissionDelay` later, a window in which
/// governance may reject it; after it anyone completes it, and a Person's vote ripens
/// `ripeningPeriod` after that. Every rule that decides who votes is fixed into an application
/// when it is made, like a proposal's quorum at its snapshot. Governance is whoever holds the
/// registry's DEFAULT_ADMIN_ROLE (the timelock).
interface IAdmission {
    /// @notice The admission rule. Limits are bounded (see the contract's constants).
    /// @param vouchThreshold Distinct vouches that schedule an admission (k).
    /// @param vouchWindow Seconds an application accepts vouches.
    /// @param admissionDelay Seconds between the k-th vouch and the admission, during which
    /// governance may reject the application. Should exceed a full governance cycle.
    /// @param ripeningPeriod Seconds between a Person's admission and its vote counting. Should
    /// exceed a full governance cycle.
    /// @param voucherSeniority Seconds a Person must have been a member before it may vouch.
    /// @param vouchBudget Vouches each member may give per budget period (b).
    /// @param budgetPeriod Length of a budget period in seconds (P); periods are aligned on
    /// multiples of P since the epoch.
    /// @param reapplyCooldown Seconds after a refusal, or after an application's window ended
    /// without admission, before the account may apply again.
    struct AdmissionRule {
        uint16 vouchThreshold;
        uint32 vouchWindow;
        uint32 admissionDelay;
        uint32 ripeningPeriod;
        uint32 voucherSeniority;
        uint16 vouchBudget;
        uint32 budgetPeriod;
        uint32 reapplyCooldown;
    }

    /// @notice Where an application stands.
    /// - None: no application (never applied, admitted, or reset by governance's admission).
    /// - Open: accepting vouches until `windowEnd`.
    /// - Closed: its window ended without enough vouches, or governance rejected it; the account
    ///   may apply again from `mayApplyFrom`.
    /// - Scheduled: enough vouches; governance may still reject it until `admissibleAt`.
    /// - Admissible: `admissibleAt` has passed; anyone may complete the admission.
    enum ApplicationState {
        None,
        Open,
        Closed,
        Scheduled,
        Admissible
    }

    /// @notice An application as `applicationOf` reports it.
    struct Application {
        ApplicationState state;
        ICommonsRegistry.Kind kind;
        uint16 vouches;
        /// @dev The rule fixed into the application when it was made.
        uint16 threshold;
        uint32 admissionDelay;
        uint32 ripeningPeriod;
        /// @dev Changes whenever the application restarts (applied again, profile changed).
        uint32 round;
        uint48 windowEnd;
        uint48 admissibleAt;
        /// @dev When the account may apply again (0 while no application blocks it).
        uint48 mayApplyFrom;
        bytes32 profileHash;
        /// @dev keccak256 of the profile URI, which `completeAdmission` must be given.
        bytes32 profileURIHash;
    }

    /// @notice An application signed by the applicant (EIP-712 type `Application`, with a nested
    /// `Place`). Non-Places sign an empty place (empty strings and list, zero numbers).
    struct SignedApplication {
        address applicant;
        ICommonsRegistry.Kind kind;
        string profileURI;
        bytes32 profileHash;
        ICommonsRegistry.PlaceInfo place;
        uint256 nonce;
        uint256 deadline;
    }

    /// @notice A profile change signed by an applicant (EIP-712 type `ProfileChange`).
    struct SignedProfileChange {
        address applicant;
        string profileURI;
        bytes32 profileHash;
        uint256 nonce;
        uint256 deadline;
    }

    /// @notice `account` applied as `kind` (or its application restarted with a new profile, all
    /// vouches discarded); vouches count until `windowEnd`. `round` identifies this version.
    event Applied(
        address indexed account,
        ICommonsRegistry.Kind kind,
        string profileURI,
        bytes32 profileHash,
        uint48 windowEnd,
        uint32 round
    );
    /// @notice `voucher` vouched for `candidate`, who now has `vouches` of the `threshold` needed.
    event Vouched(address indexed voucher, address indexed candidate, uint16 vouches, uint16 threshold);
    /// @notice `candidate` has its vouches: it is admitted once `admissibleAt` has passed, unless
    /// governance rejects it first.
    event AdmissionScheduled(address indexed candidate, uint48 admissibleAt);
    /// @notice Governance rejected the application of `account`; it may apply again from
    /// `mayApplyFrom`.
    event ApplicationRejected(address indexed account, string reason, uint48 mayApplyFrom);
    /// @notice Governance set the admission rule; it applies to applications made from now on
    /// (budgets and seniority apply to vouches from now on).
    event AdmissionRuleChanged(AdmissionRule rule);

    error AdmissionsInvalidKind(ICommonsRegistry.Kind kind);
    /// @notice A non-Place application carried place data.
    error AdmissionsUnexpectedPlace(ICommonsRegistry.Kind kind);
    error AdmissionsCannotApply(address account, ICommonsRegistry.Status status);
    error AdmissionsProtocolAccount(address account);
    /// @notice `account` has an application open or scheduled (one at a time).
    error AdmissionsAlreadyApplied(address account, ApplicationState state);
    /// @notice `account` may apply again only from `mayApplyFrom`.
    error AdmissionsCoolingDown(address account, uint48 mayApplyFrom);
    /// @notice The call's data is longer than any valid application needs.
    error AdmissionsCalldataTooLarge(uint256 length, uint256 max);
    error AdmissionsExpiredSignature(address applicant, uint256 deadline);
    error AdmissionsInvalidSignature(address applicant);
    error AdmissionsSelfVouch(address voucher);
    error AdmissionsVoucherNotMember(
        address voucher,
        ICommonsRegistry.Kind kind,
        ICommonsRegistry.Status status
    );
    /// @notice `voucher`, a member since `memberSince`, may vouch only from `seniorFrom`.
    error AdmissionsVoucherTooRecent(address voucher, uint48 memberSince, uint256 seniorFrom);
    /// @notice `voucher` gave its `budget` vouches this period; more from `nextPeriod`.
    error AdmissionsVouchBudgetExhausted(address voucher, uint16 budget, uint256 nextPeriod);
    /// @notice `candidate` has no application in `state` that accepts this action.
    error AdmissionsNotApplicant(address candidate, ApplicationState state);
    error AdmissionsApplicationExpired(address candidate, uint48 windowEnd, uint256 now);
    /// @notice The voucher saw `expected` but the application's profile is now `actual`.
    error AdmissionsProfileChanged(address candidate, bytes32 expected, bytes32 actual);
    error AdmissionsAlreadyVouched(address voucher, address candidate);
    /// @notice The admission of `candidate` is due at `admissibleAt`, not yet at `now`.
    error AdmissionsAdmissionNotDue(address candidate, uint48 admissibleAt, uint256 now);
    /// @notice The profile URI given does not hash to the one the applicant published.
    error AdmissionsProfileURIMismatch(address candidate, string profileURI);
    error AdmissionsInvalidAdmissionRule(AdmissionRule rule);
    /// @notice Only governance (the registry's DEFAULT_ADMIN_ROLE) may do this.
    error AdmissionsUnauthorized(address caller);

    /// @notice Applies to join as a Person, Cooperative or Enterprise (Places use `applyAsPlace`).
    /// The caller applies for itself; uses its next signature nonce, so an application it signed
    /// earlier can no longer be relayed. Emits Applied and ProfileUpdated.
    /// @dev Reverts AdmissionsInvalidKind, AdmissionsCalldataTooLarge, AdmissionsProtocolAccount,
    /// AdmissionsCannotApply (participant of the registry), AdmissionsAlreadyApplied (open or
    /// scheduled application), AdmissionsCoolingDown, CommonsRegistryInvalidProfile.
    function applyForAdmission(
        ICommonsRegistry.Kind kind,
        string calldata profileURI,
        bytes32 profileHash
    ) external;

    /// @notice Applies to join as a Place, with its name, location and machines. Same rules as
    /// `applyForAdmission`; also emits PlaceUpdated. Reverts on invalid place data.
    function applyAsPlace(
        string calldata profileURI,
        bytes32 profileHash,
        ICommonsRegistry.PlaceInfo calldata place
    ) external;

    /// @notice Submits an application the applicant signed (EIP-712, this contract's domain).
    /// Anyone may submit it: a member, or a relayer the chain lets send. The same rules as
    /// `applyForAdmission`/`applyAsPlace`, plus the signature's deadline and nonce.
    /// @dev Reverts as `applyForAdmission`, plus AdmissionsExpiredSignature, InvalidAccountNonce,
    /// AdmissionsInvalidSignature, AdmissionsUnexpectedPlace.
    function applyBySig(SignedApplication calldata application, bytes calldata signature) external;

    /// @notice `applyBySig`, then the caller's vouch for the application, in one transaction.
    function applyBySigAndVouch(SignedApplication calldata application, bytes calldata signature) external;

    /// @notice The caller, an applicant whose application is open or scheduled, publishes a new
    /// profile: the application restarts (all vouches discarded, a scheduled admission
    /// cancelled) with the same window end. Uses a nonce. Emits Applied and ProfileUpdated.
    /// @dev Reverts AdmissionsNotApplicant, AdmissionsApplicationExpired,
    /// AdmissionsCalldataTooLarge, CommonsRegistryInvalidProfile.
    function updateApplication(string calldata profileURI, bytes32 profileHash) external;

    /// @notice `updateApplication` signed by the applicant, submitted by anyone.
    function updateApplicationBySig(SignedProfileChange calldata change, bytes calldata signature) external;

    /// @notice Vouches for the application of `candidate` whose profile hash is `profileHash` (the
    /// profile the voucher read). Only admitted, unsuspended Persons who have been members for
    /// `voucherSeniority`, within their budget, once per application, before its window ends.
    /// The k-th vouch schedules the admission. Emits Vouched (and AdmissionScheduled).
    /// @dev Reverts AdmissionsSelfVouch, AdmissionsVoucherNotMember, AdmissionsVoucherTooRecent,
    /// AdmissionsNotApplicant, AdmissionsApplicationExpired, AdmissionsProfileChanged,
    /// AdmissionsAlreadyVouched, AdmissionsVouchBudgetExhausted.
    function vouch(address candidate, bytes32 profileHash) external;

    /// @notice Completes the scheduled admission of `candidate` once its delay has passed; anyone
    /// may call, giving the profile URI the candidate published. A Person's vote then ripens after
    /// the application's ripening period. Emits (on the registry) ProfileUpdated, Admitted and,
    /// for a Person, its membership events and VoteRipening.
    /// @dev Reverts AdmissionsNotApplicant (not scheduled), AdmissionsAdmissionNotDue,
    /// AdmissionsProfileURIMismatch, and the registry's CommonsRegistryCannotAdmit or
    /// CommonsRegistryProtocolAccount if governance changed the account meanwhile.
    function completeAdmission(address candidate, string calldata profileURI) external;

    /// @notice Governance admits an applicant (open, scheduled or admissible) as it applied, at
    /// once and with a ripe vote. Emits as `completeAdmission`, with path Governance.
    /// @dev Only governance. Reverts AdmissionsUnauthorized, AdmissionsNotApplicant,
    /// AdmissionsProfileURIMismatch.
    function admitApplicant(address candidate, string calldata profileURI) external;

    /// @notice Governance rejects an application (open, scheduled or admissible, not yet
    /// completed). The account may apply again after `reapplyCooldown`. Emits ApplicationRejected.
    /// @dev Only governance. Reverts AdmissionsUnauthorized, AdmissionsNotApplicant.
    function rejectApplication(address candidate, string calldata reason) external;

    /// @notice Governance sets the admission rule, for applications made from now on. Emits
    /// AdmissionRuleChanged. Reverts AdmissionsUnauthorized, AdmissionsInvalidAdmissionRule.
    function setAdmissionRule(AdmissionRule calldata rule) external;

    /// @notice The admission rule in force for new applications.
    function admissionRule() external view returns (AdmissionRule memory);

    /// @notice The application of `account`.
    function applicationOf(address account) external view returns (Application memory);

    /// @notice Whether `account` has an application that is open, scheduled or admissible.
    function hasApplication(address account) external view returns (bool);

    /// @notice Whether `voucher` vouched for the current round of `candidate`'s application.
    function hasVouched(address candidate, address voucher) external view returns (bool);

    /// @notice Vouches `voucher` may still give in the current budget period, and when the next
    /// period starts.
    function vouchBudgetOf(address voucher) external view returns (uint16 remaining, uint256 nextPeriod);

    /// @notice The next nonce `applicant` must sign (applying or updating uses one).
    function nonces(address applicant) external view returns (uint256);

    /// @notice The commons registry these admissions admit into.
    function registry() external view returns (ICommonsRegistry);
}
