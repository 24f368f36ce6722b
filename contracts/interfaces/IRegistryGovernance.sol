// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ICommonsRegistry} from "./ICommonsRegistry.sol";

/// @title What changes the registry's participants: governance, Admissions, the participants
/// themselves, and anyone who ripens a vote
/// @notice Events and errors are declared in ICommonsRegistry so every consumer decodes them.
interface IRegistryGovernance {
    /// @notice Governance admits `account` directly with this kind and profile, with a ripe vote
    /// for a Person (a governance decision has already taken a full governance cycle). For
    /// accounts that never applied: an applicant is admitted through Admissions'
    /// `admitApplicant`, which closes its application. Emits ProfileUpdated and Admitted.
    /// @dev Only DEFAULT_ADMIN_ROLE. Reverts CommonsRegistryZeroAddress, CommonsRegistryInvalidKind,
    /// CommonsRegistryInvalidProfile, CommonsRegistryCannotAdmit, CommonsRegistryProtocolAccount,
    /// CommonsRegistryHasApplication.
    function admit(
        address account,
        ICommonsRegistry.Kind kind,
        string calldata profileURI,
        bytes32 profileHash
    ) external;

    /// @notice Governance admits `account` directly as a Place. As `admit`, plus PlaceUpdated.
    function admitPlace(
        address account,
        string calldata profileURI,
        bytes32 profileHash,
        ICommonsRegistry.PlaceInfo calldata place
    ) external;

    /// @notice Admissions admits an applicant: by vouches once its delay passed, or because
    /// governance decided it. A Person's vote counts from `voteRipensAt` (0: at once).
    /// Emits ProfileUpdated, Admitted and, for a Person with an unripe vote, VoteRipening.
    /// @dev Only the registry's Admissions. Reverts CommonsRegistryNotAdmissions,
    /// CommonsRegistryProtocolAccount, CommonsRegistryCannotAdmit.
    function admitFromApplication(
        address account,
        ICommonsRegistry.Kind kind,
        string calldata profileURI,
        bytes32 profileHash,
        uint48 voteRipensAt,
        ICommonsRegistry.AdmissionPath how
    ) external;

    /// @notice Gives the vote of a Person admitted by vouches once its ripening time has come.
    /// Anyone may call: the vote counts from this call on, so every past snapshot stays as it
    /// was. A suspended Person's vote ripens too, and counts once it is reinstated.
    /// Emits VoteRipened (and DelegateVotesChanged when the vote counts now).
    /// @dev Reverts CommonsRegistryNothingToRipen, CommonsRegistryVoteNotRipe.
    function ripen(address account) external;

    /// @notice Governance suspends an admitted participant: refused everywhere, a Person's vote
    /// removed, and the votes delegated to it cast by nobody until their owners re-delegate or
    /// override. Emits Suspended. Only DEFAULT_ADMIN_ROLE; reverts CommonsRegistryNotAdmitted.
    function suspend(address account, string calldata reason) external;

    /// @notice Governance lifts a suspension, restoring a Person's vote if it has ripened.
    /// Emits Reinstated. Only DEFAULT_ADMIN_ROLE; reverts CommonsRegistryNotSuspended.
    function reinstate(address account, string calldata reason) external;

    /// @notice Governance expels a participant for good (burns a Person's token). Emits Expelled.
    /// Only DEFAULT_ADMIN_ROLE; reverts CommonsRegistryNotParticipant.
    function expel(address account, string calldata reason) external;

    /// @notice Governance registers (or unregisters) one of SPIN's own contracts, which may then
    /// hold coin but never sign transactions. Emits ProtocolAccountSet. Only DEFAULT_ADMIN_ROLE;
    /// reverts CommonsRegistryZeroAddress, CommonsRegistryParticipantNotProtocol.
    function setProtocolAccount(address account, bool isProtocol) external;

    /// @notice The caller, an admitted participant, publishes a new profile (applicants change
    /// theirs in Admissions). Emits ProfileUpdated. Reverts CommonsRegistryCannotUpdateProfile,
    /// CommonsRegistryInvalidProfile.
    function updateProfile(string calldata profileURI, bytes32 profileHash) external;

    /// @notice The caller, an admitted Place, publishes new place data. Emits PlaceUpdated.
    /// Reverts CommonsRegistryNotPlace, CommonsRegistryCannotUpdateProfile.
    function updatePlace(ICommonsRegistry.PlaceInfo calldata place) external;

    /// @notice Whether `account` is registered as one of SPIN's own contracts.
    function isProtocolAccount(address account) external view returns (bool);

    /// @notice The profile document of `account` (a participant's).
    function profileOf(address account) external view returns (string memory uri, bytes32 hash);
}
