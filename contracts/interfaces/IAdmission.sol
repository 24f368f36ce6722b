// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ICommonsRegistry} from "./ICommonsRegistry.sol";

/// @title Admission into the commons: applications, vouches, governance decisions
/// @notice Events and errors are declared in ICommonsRegistry so every consumer decodes them.
interface IAdmission {
    /// @notice Applies to join as a Person, Cooperative or Enterprise (Places use `applyAsPlace`).
    /// Anyone not yet a participant (and not a protocol account) may call; an expired application
    /// may be renewed, which discards its vouches. Emits Applied and ProfileUpdated.
    /// @dev Reverts CommonsRegistryInvalidKind, CommonsRegistryInvalidProfile,
    /// CommonsRegistryAlreadyApplied (open application), CommonsRegistryCannotApply (member,
    /// suspended or expelled), CommonsRegistryProtocolAccount.
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

    /// @notice Vouches for an applicant. Only admitted, unsuspended Persons may vouch, once per
    /// application, before the application's window ends. The vouch that reaches the threshold
    /// admits the candidate in the same transaction. Emits Vouched (and Admitted).
    /// @dev Reverts CommonsRegistrySelfVouch, CommonsRegistryVoucherNotMember,
    /// CommonsRegistryNotApplicant, CommonsRegistryApplicationExpired, CommonsRegistryAlreadyVouched.
    function vouch(address candidate) external;

    /// @notice Governance admits `account` directly with this kind and profile (a fresh account,
    /// or an applicant whose application it replaces). Emits ProfileUpdated and Admitted.
    /// @dev Only DEFAULT_ADMIN_ROLE. Reverts CommonsRegistryZeroAddress, CommonsRegistryInvalidKind,
    /// CommonsRegistryInvalidProfile, CommonsRegistryCannotAdmit, CommonsRegistryProtocolAccount.
    function admit(address account, ICommonsRegistry.Kind kind, string calldata profileURI, bytes32 profileHash)
        external;

    /// @notice Governance admits `account` directly as a Place. As `admit`, plus PlaceUpdated.
    function admitPlace(
        address account,
        string calldata profileURI,
        bytes32 profileHash,
        ICommonsRegistry.PlaceInfo calldata place
    ) external;

    /// @notice Governance admits an applicant as it applied. Emits Admitted.
    /// @dev Only DEFAULT_ADMIN_ROLE. Reverts CommonsRegistryNotApplicant.
    function admitApplicant(address account) external;

    /// @notice Governance suspends an admitted participant: refused everywhere, a Person's vote
    /// removed. Emits Suspended. Only DEFAULT_ADMIN_ROLE; reverts CommonsRegistryNotAdmitted.
    function suspend(address account, string calldata reason) external;

    /// @notice Governance lifts a suspension, restoring a Person's vote. Emits Reinstated.
    /// Only DEFAULT_ADMIN_ROLE; reverts CommonsRegistryNotSuspended.
    function reinstate(address account, string calldata reason) external;

    /// @notice Governance expels an applicant or participant for good (burns a Person's token).
    /// Emits Expelled. Only DEFAULT_ADMIN_ROLE; reverts CommonsRegistryNotParticipant.
    function expel(address account, string calldata reason) external;

    /// @notice Governance sets the admission rule: `threshold` vouches within `window` seconds
    /// of applying. Applies to applications made from now on. Emits AdmissionRuleChanged.
    /// Only DEFAULT_ADMIN_ROLE; reverts CommonsRegistryInvalidAdmissionRule out of bounds.
    function setAdmissionRule(uint16 threshold, uint32 window) external;

    /// @notice Governance registers (or unregisters) one of SPIN's own contracts, which may then
    /// hold coin but never sign transactions. Emits ProtocolAccountSet. Only DEFAULT_ADMIN_ROLE;
    /// reverts CommonsRegistryZeroAddress, CommonsRegistryParticipantNotProtocol.
    function setProtocolAccount(address account, bool isProtocol) external;

    /// @notice The caller (applicant or admitted participant) publishes a new profile.
    /// Emits ProfileUpdated. Reverts CommonsRegistryCannotUpdateProfile, CommonsRegistryInvalidProfile.
    function updateProfile(string calldata profileURI, bytes32 profileHash) external;

    /// @notice The caller (an applicant or admitted Place) publishes new place data.
    /// Emits PlaceUpdated. Reverts CommonsRegistryNotPlace, CommonsRegistryCannotUpdateProfile.
    function updatePlace(ICommonsRegistry.PlaceInfo calldata place) external;

    /// @notice Vouches needed for admission.
    function vouchThreshold() external view returns (uint16);

    /// @notice Seconds an application stays open for vouches.
    function vouchWindow() external view returns (uint32);

    /// @notice The open application of `account`: vouches so far and when the window ends.
    function applicationOf(address account) external view returns (uint16 vouches, uint48 windowEnd);

    /// @notice Whether `voucher` vouched for the current application of `candidate`.
    function hasVouched(address candidate, address voucher) external view returns (bool);

    /// @notice Whether `account` is registered as one of SPIN's own contracts.
    function isProtocolAccount(address account) external view returns (bool);

    /// @notice The profile document of `account`.
    function profileOf(address account) external view returns (string memory uri, bytes32 hash);
}
